package org.ourochronos.storage.backend;

/**
 * A manifest that cannot be read: not JSON, an unsupported {@code formatVersion}, a missing or ill-typed field,
 * bad hex, or values that do not form a consistent shard set (for example checksums that do not reproduce the
 * Merkle root). Thrown by {@link ShardManifest#fromJson(String)} before anything is fetched.
 */
public final class ManifestFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the manifest */
    public ManifestFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the manifest
     * @param cause   the parser's or validator's exception
     */
    public ManifestFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
