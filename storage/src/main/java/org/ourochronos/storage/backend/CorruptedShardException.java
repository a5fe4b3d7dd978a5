package org.ourochronos.storage.backend;

/**
 * The bytes stored at a location are not a whole, valid shard: unparseable, truncated, failing their checksum, or\n * a shard other than the one the location names. Never accompanied by wrong bytes: the caller gets this instead.
 */
public final class CorruptedShardException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public CorruptedShardException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public CorruptedShardException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
