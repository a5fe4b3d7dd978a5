package org.ourochronos.storage.backend;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The one place where a synchronous throw becomes a failed future, as the backend contract requires. */
final class Futures {

    private Futures() {
    }

    /** Runs {@code body} now; its result or exception completes the returned future. */
    static <T> CompletableFuture<T> now(Callable<T> body) {
        try {
            return CompletableFuture.completedFuture(body.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts {@code op}; a synchronous throw or a {@code null} future (a misbehaving backend) becomes a failure. */
    static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> op) {
        try {
            CompletableFuture<T> f = op.get();
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("backend returned null"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
