package org.ourochronos.storage.backend;

/**
 * Base of every failure a {@link StorageBackend} or the {@link BackendRegistry} reports. The message always names
 * the backend and, where there is one, the location, so a log line alone says where things went wrong.
 *
 * <p>Backends are asynchronous: their futures complete exceptionally with these exceptions, which
 * {@link java.util.concurrent.CompletableFuture#join()} wraps in a {@link java.util.concurrent.CompletionException}.
 * Unwrap with {@link #unwrap(Throwable)}:
 *
 * <pre>{@code
 * try {
 *     backend.retrieve(location).join();
 * } catch (CompletionException e) {
 *     if (StorageBackendException.unwrap(e) instanceof ShardNotFoundException missing) { ... }
 * }
 * }</pre>
 */
public sealed class StorageBackendException extends RuntimeException
        permits ShardNotFoundException, QuotaExceededException, BackendUnavailableException,
        CorruptedShardException, InvalidLocationException, UnknownBackendException, DuplicateBackendException,
        ShardPlacementException {

    private static final long serialVersionUID = 1L;

    private final String backendId;
    private final String location;

    /**
     * @param backendId the backend concerned, or {@code null} for registry-wide failures
     * @param location  the location concerned, or {@code null}
     * @param message   what went wrong
     * @param cause     the underlying failure, or {@code null}
     */
    public StorageBackendException(String backendId, String location, String message, Throwable cause) {
        super(format(backendId, location, message), cause);
        this.backendId = backendId;
        this.location = location;
    }

    /** Same as {@code StorageBackendException(backendId, location, message, null)}. */
    public StorageBackendException(String backendId, String location, String message) {
        this(backendId, location, message, null);
    }

    private static String format(String backendId, String location, String message) {
        StringBuilder b = new StringBuilder();
        if (backendId != null) {
            b.append("backend '").append(backendId).append('\'');
        }
        if (location != null) {
            b.append(b.isEmpty() ? "" : ", ").append("location '").append(location).append('\'');
        }
        return b.isEmpty() ? message : b.append(": ").append(message).toString();
    }

    /** The backend concerned, or {@code null}. */
    public String backendId() {
        return backendId;
    }

    /** The location concerned, or {@code null}. */
    public String location() {
        return location;
    }

    /**
     * Strips {@link java.util.concurrent.CompletionException} and
     * {@link java.util.concurrent.ExecutionException} wrappers, returning the first other throwable.
     */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof java.util.concurrent.CompletionException
                || cur instanceof java.util.concurrent.ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
