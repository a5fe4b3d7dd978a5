package org.ourochronos.storage.backend;

import java.util.Map;
import java.util.TreeMap;

/**
 * A shard set could not be placed in full: for at least one shard every candidate backend failed. The shards that
 * had already been written were deleted again (best effort; failures to delete are attached as suppressed
 * exceptions), so no half-stored set is left behind.
 *
 * <pre>{@code
 * try {
 *     registry.distributeShardSet(set);
 * } catch (ShardPlacementException e) {
 *     e.failures();   // shard index -> why its last candidate failed
 * }
 * }</pre>
 */
public final class ShardPlacementException extends StorageBackendException {

    private static final long serialVersionUID = 1L;

    private final transient Map<Integer, Throwable> failures;

    /**
     * @param setId    the set that could not be placed
     * @param failures shard index → the last failure for that shard
     */
    public ShardPlacementException(String setId, Map<Integer, Throwable> failures) {
        super(null, null, describe(setId, failures), failures.isEmpty() ? null : failures.values().iterator().next());
        this.failures = Map.copyOf(failures);
    }

    private static String describe(String setId, Map<Integer, Throwable> failures) {
        StringBuilder b = new StringBuilder("could not place shard set '").append(setId).append("': ")
                .append(failures.size()).append(" shard(s) found no working backend; shards already written were "
                        + "deleted");
        new TreeMap<>(failures).forEach((i, t) -> b.append("; shard ").append(i).append(": ")
                .append(StorageBackendException.unwrap(t).getMessage()));
        return b.toString();
    }

    /** Shard index → the last failure seen for it. */
    public Map<Integer, Throwable> failures() {
        return failures;
    }
}
