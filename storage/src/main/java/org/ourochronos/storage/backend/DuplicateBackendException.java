package org.ourochronos.storage.backend;

/**
 * A backend with the same id is already registered in the {@link BackendRegistry}.
 */
public final class DuplicateBackendException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public DuplicateBackendException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public DuplicateBackendException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
