package org.ourochronos.storage.backend;

import java.time.Instant;

/**
 * A backend's usage at one moment.
 *
 * @param shards    number of shards stored
 * @param bytes     bytes used, as the backend counts them (for local files: shard files plus their sidecars)
 * @param quota     the quota in bytes, or {@link #UNLIMITED}
 * @param available bytes that can still be stored ({@code quota − bytes}), or {@link #UNLIMITED}
 * @param healthy   whether the backend answered
 * @param lastSync  when these figures were taken
 *
 * <pre>{@code
 * BackendStats s = backend.stats().join();
 * if (s.quota() != BackendStats.UNLIMITED && s.available() < needed) { ... }
 * }</pre>
 */
public record BackendStats(long shards, long bytes, long quota, long available, boolean healthy, Instant lastSync) {

    /** Marks an absent quota in {@link #quota()} and {@link #available()}. */
    public static final long UNLIMITED = -1;

    /** Stats of a backend that did not answer: zero usage, unknown quota, unhealthy. */
    public static BackendStats unavailable(Instant when) {
        return new BackendStats(0, 0, UNLIMITED, 0, false, when);
    }
}
