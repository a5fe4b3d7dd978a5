package org.ourochronos.storage.codec;

import java.util.List;

/**
 * The outcome of {@link ErasureCodec#repair(ShardSet)}.
 *
 * @param shardSet         the set with every slot filled by a valid shard; shards that were good are the same
 *                         objects as before
 * @param repairedIndices  slots that were regenerated (missing or corrupted before), ascending
 * @param corruptedIndices slots whose shard failed its checksum before the repair, ascending
 */
public record RepairResult(ShardSet shardSet, List<Integer> repairedIndices, List<Integer> corruptedIndices) {

    public RepairResult {
        repairedIndices = List.copyOf(repairedIndices);
        corruptedIndices = List.copyOf(corruptedIndices);
    }

    /** Whether anything had to be regenerated. */
    public boolean repairedAnything() {
        return !repairedIndices.isEmpty();
    }
}
