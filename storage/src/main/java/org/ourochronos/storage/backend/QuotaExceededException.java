package org.ourochronos.storage.backend;

/**
 * A store would take the backend past its quota; nothing was written.
 */
public final class QuotaExceededException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public QuotaExceededException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public QuotaExceededException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
