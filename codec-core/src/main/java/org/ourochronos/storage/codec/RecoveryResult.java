package org.ourochronos.storage.codec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ErasureCodec#decode(ShardSet)}: the original bytes when {@code success}, or why not.
 * Success means the rebuilt bytes hashed to the checksum recorded at encode time; wrong bytes are never returned.
 *
 * @param success          whether {@code recoveredData} is the original object
 * @param recoveredData    the original bytes (the caller owns the array), or {@code null} on failure
 * @param shardsUsed       indices of the k shards the data was rebuilt from (empty on failure)
 * @param shardsAvailable  shards present in the input
 * @param shardsRequired   k
 * @param recoveryTime     wall time spent
 * @param errorMessage     why decoding failed; {@code null} on success
 * @param corruptedIndices present shards whose payload failed its checksum (excluded)
 * @param repairedIndices  indices whose data was rebuilt from parity (missing or corrupted data shards)
 */
public record RecoveryResult(boolean success, byte[] recoveredData, List<Integer> shardsUsed, int shardsAvailable,
                             int shardsRequired, Duration recoveryTime, String errorMessage,
                             List<Integer> corruptedIndices, List<Integer> repairedIndices) {

    public RecoveryResult {
        shardsUsed = List.copyOf(shardsUsed);
        corruptedIndices = List.copyOf(corruptedIndices);
        repairedIndices = List.copyOf(repairedIndices);
        if (success == (recoveredData == null)) {
            throw new IllegalArgumentException("a successful result has data, a failed one has none");
        }
    }

    /** The recovered bytes, present only on success. */
    public Optional<byte[]> data() {
        return Optional.ofNullable(recoveredData);
    }

    /** The recovered bytes, or an exception saying why there are none. */
    public byte[] orElseThrow() {
        if (!success) {
            throw new CorruptedDataException("decode failed: " + errorMessage);
        }
        return recoveredData;
    }
}
