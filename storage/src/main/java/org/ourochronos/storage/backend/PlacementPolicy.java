package org.ourochronos.storage.backend;

import java.util.List;

import org.ourochronos.storage.codec.ShardSetMetadata;

/**
 * Decides which backends a shard should go to, in order of preference. The {@link BackendRegistry} tries the first
 * candidate and, when it fails, the next one that has not failed during the same operation.
 *
 * <p>Implementations must be thread-safe and should return every backend id (so failover has somewhere to go),
 * most preferred first.
 *
 * <pre>{@code
 * // keep everything on SSDs first, then the rest
 * PlacementPolicy ssdFirst = (set, index, ids) -> ids.stream()
 *         .sorted(Comparator.comparing(id -> id.startsWith("ssd-") ? 0 : 1)).toList();
 * }</pre>
 */
@FunctionalInterface
public interface PlacementPolicy {

    /**
     * @param set        the shard set being placed
     * @param shardIndex the shard to place
     * @param backendIds the registered backends, in registration order (never empty)
     * @return candidate backend ids for the shard, most preferred first
     */
    List<String> candidates(ShardSetMetadata set, int shardIndex, List<String> backendIds);

    /**
     * The default: round robin. Shard {@code i} of a set prefers backend {@code (start + i) mod b}, then the
     * following ones in rotation, where {@code start} is derived from the set id. The n shards thus land on
     * {@code min(n, b)} distinct backends, and different sets start on different backends, spreading load.
     */
    static PlacementPolicy roundRobin() {
        return (set, shardIndex, ids) -> {
            int b = ids.size();
            int start = Math.floorMod(set.setId().hashCode() + shardIndex, b);
            String[] out = new String[b];
            for (int j = 0; j < b; j++) {
                out[j] = ids.get((start + j) % b);
            }
            return List.of(out);
        };
    }
}
