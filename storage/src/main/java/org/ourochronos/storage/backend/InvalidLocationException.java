package org.ourochronos.storage.backend;

/**
 * A location string that is not a location this library produces ({@code [A-Za-z0-9_][A-Za-z0-9._-]*}, at most\n * 200 characters): empty, containing separators, {@code ..}, NUL or other characters. Rejected before anything is\n * touched, so a location can never escape a backend's directory or key prefix.
 */
public final class InvalidLocationException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * @param backendId the backend concerned
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public InvalidLocationException(String backendId, String location, String message, Throwable cause) {
        super(backendId, location, message, cause);
    }

    /** Same as the four-argument constructor without a cause. */
    public InvalidLocationException(String backendId, String location, String message) {
        super(backendId, location, message, null);
    }
}
