package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.ShardSetMetadata;
import org.ourochronos.storage.codec.StorageShard;

/** Shard sets for tests, and a helper to unwrap failed futures. */
final class TestShards {

    private TestShards() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ShardSet encode(RedundancyLevel level, int size, long seed) {
        return new ErasureCodec(level).encode(random(size, seed), "belief-" + seed);
    }

    /** The same set under another set id (set ids are not part of the checksums or the Merkle root). */
    static ShardSet renamed(ShardSet set, String setId) {
        ShardSetMetadata m = set.metadata();
        ShardSetMetadata renamed = new ShardSetMetadata(setId, m.dataShards(), m.totalShards(), m.codingMatrix(),
                m.originalSize(), m.checksumAlgorithm(), m.originalChecksum(), m.merkleRoot(), m.shardChecksums(),
                m.contentType(), m.createdAt(), m.lastVerified(), m.beliefId());
        List<StorageShard> shards = new ArrayList<>();
        for (StorageShard s : set.availableShards()) {
            shards.add(StorageShard.of(renamed, s.index(), s.toByteArray()));
        }
        return ShardSet.of(renamed, shards);
    }

    /** Joins {@code f}, asserting it fails with {@code type}; returns that exception. */
    static <T extends Throwable> T failsWith(Class<T> type, CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return assertInstanceOf(type, StorageBackendException.unwrap(e), () -> "got " + e.getCause());
    }
}
