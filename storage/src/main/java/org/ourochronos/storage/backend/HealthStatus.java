package org.ourochronos.storage.backend;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of one {@link StorageBackend#healthCheck()}.
 *
 * @param backendId the backend checked
 * @param healthy   whether it can store and retrieve right now
 * @param detail    a human-readable reason ("ok", or what failed)
 * @param latency   how long the check took
 * @param checkedAt when it ran
 *
 * <pre>{@code
 * HealthStatus h = backend.healthCheck().join();
 * if (!h.healthy()) log.warn(h.detail());
 * }</pre>
 */
public record HealthStatus(String backendId, boolean healthy, String detail, Duration latency, Instant checkedAt) {

    /** A healthy status measured from {@code startNanos} ({@link System#nanoTime()}) to now. */
    public static HealthStatus ok(String backendId, long startNanos) {
        return new HealthStatus(backendId, true, "ok", Duration.ofNanos(System.nanoTime() - startNanos),
                Instant.now());
    }

    /** An unhealthy status with the failure's message. */
    public static HealthStatus failed(String backendId, long startNanos, Throwable why) {
        Throwable t = StorageBackendException.unwrap(why);
        return new HealthStatus(backendId, false, t.getClass().getSimpleName() + ": " + t.getMessage(),
                Duration.ofNanos(System.nanoTime() - startNanos), Instant.now());
    }
}
