package org.ourochronos.storage.backend;

/**
 * The backend cannot be reached or refuses service: a stopped server, rejected credentials, a missing bucket or\n * directory, a timeout. Retrying elsewhere (as {@link BackendRegistry} does) is the usual answer.
 */
public final class BackendUnavailableException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public BackendUnavailableException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public BackendUnavailableException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
