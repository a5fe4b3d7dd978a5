package org.ourochronos.storage.backend;

/**
 * No backend with the given id is registered in the {@link BackendRegistry}.
 */
public final class UnknownBackendException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public UnknownBackendException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public UnknownBackendException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
