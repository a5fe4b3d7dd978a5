package org.ourochronos.storage.integrity;

import java.util.List;

/**
 * What {@link IntegrityVerifier#verify(org.ourochronos.storage.codec.ShardSet)} found.
 *
 * @param valid            every one of the n shards is present and intact
 * @param totalShards      n
 * @param validShards      present shards whose payload matches the checksum recorded for their slot
 * @param corruptedIndices present shards that do not, ascending
 * @param missingIndices   empty slots, ascending
 * @param merkleValid      the Merkle root recomputed from the present payloads (and the recorded leaf hashes of
 *                         missing slots) equals the set's stored root
 * @param checksumValid    every present shard matches its checksum
 * @param canRecover       at least k shards are intact, so decode and repair will succeed
 * @param details          one human-readable line per finding
 */
public record IntegrityReport(boolean valid, int totalShards, int validShards, List<Integer> corruptedIndices,
                              List<Integer> missingIndices, boolean merkleValid, boolean checksumValid,
                              boolean canRecover, List<String> details) {

    public IntegrityReport {
        corruptedIndices = List.copyOf(corruptedIndices);
        missingIndices = List.copyOf(missingIndices);
        details = List.copyOf(details);
    }
}
