package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ourochronos.storage.backend.TestShards.failsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;

/**
 * The {@link StorageBackend} contract. Every backend's test class extends this and only says how to make a fresh,
 * empty backend; all of them must pass the same tests.
 */
abstract class StorageBackendContract {

    /** A fresh, empty backend with the given quota ({@link BackendStats#UNLIMITED} for none). */
    protected abstract StorageBackend newBackend(String id, long quota) throws Exception;

    /** Whether the backend enforces a quota. */
    protected boolean supportsQuota() {
        return true;
    }

    protected StorageBackend backend;

    @BeforeEach
    void open() throws Exception {
        backend = newBackend("contract", BackendStats.UNLIMITED);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void storeThenRetrieveGivesTheSameShard() {
        ShardSet set = TestShards.encode(RedundancyLevel.PERSONAL, 10_000, 1);
        for (StorageShard s : set.availableShards()) {
            String location = backend.store(s).join();
            assertEquals(Locations.of(s), location);
            StorageShard back = backend.retrieve(location).join();
            assertEquals(s, back);
            assertArrayEquals(s.toByteArray(), back.toByteArray());
            assertTrue(back.isValid());
        }
    }

    @Test
    void emptyObjectRoundTrips() {
        ShardSet set = new ErasureCodec(RedundancyLevel.MINIMAL).encode(new byte[0], "empty");
        StorageShard s = set.shard(0).orElseThrow();
        assertEquals(s, backend.retrieve(backend.store(s).join()).join());
    }

    @Test
    void missingShardIsShardNotFoundNamingBackendAndLocation() {
        ShardNotFoundException e = failsWith(ShardNotFoundException.class, backend.retrieve("nothing-here.0"));
        assertTrue(e.getMessage().contains("'contract'"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing-here.0"), e.getMessage());
        assertEquals("contract", e.backendId());
    }

    @Test
    void existsAndIdempotentDelete() {
        StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 100, 2).shard(1).orElseThrow();
        String location = backend.store(s).join();
        assertTrue(backend.exists(location).join());
        backend.delete(location).join();
        assertFalse(backend.exists(location).join());
        backend.delete(location).join(); // deleting an absent shard is fine
        failsWith(ShardNotFoundException.class, backend.retrieve(location));
    }

    @Test
    void storingAgainReplaces() {
        StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 1000, 3).shard(0).orElseThrow();
        backend.store(s).join();
        backend.store(s).join();
        assertEquals(List.of(Locations.of(s)), backend.list("").join());
        assertEquals(1, backend.stats().join().shards());
        assertEquals(s, backend.retrieve(Locations.of(s)).join());
    }

    @Test
    void listFiltersByPrefixAndSorts() {
        ShardSet a = TestShards.renamed(TestShards.encode(RedundancyLevel.PERSONAL, 500, 4), "alpha");
        ShardSet b = TestShards.renamed(TestShards.encode(RedundancyLevel.MINIMAL, 500, 5), "beta");
        backend.storeShardSet(a).join();
        backend.storeShardSet(b).join();
        assertEquals(List.of("alpha.0", "alpha.1", "alpha.2", "alpha.3", "alpha.4"), backend.list("alpha").join());
        assertEquals(List.of("beta.0", "beta.1", "beta.2"), backend.list("beta.").join());
        assertEquals(8, backend.list("").join().size());
        assertEquals(List.of(), backend.list("gamma").join());
    }

    @Test
    void unsafeSetIdsGetSafeLocations() {
        ShardSet set = TestShards.renamed(TestShards.encode(RedundancyLevel.MINIMAL, 300, 6), "../../etc/passwd");
        Map<Integer, String> where = backend.storeShardSet(set).join();
        for (String location : where.values()) {
            assertTrue(location.matches("_[0-9a-f]{64}\\.[0-9]+"), location);
        }
        ShardSet back = backend.retrieveShardSet(set.metadata(), where).join();
        assertEquals(List.of(), back.missingIndices());
        assertEquals("../../etc/passwd", back.setId());
    }

    @Test
    void shardSetRoundTripWithLostShardsLeavesEmptySlots() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(50_000, 7);
        ShardSet set = codec.encode(data, "x");
        Map<Integer, String> where = backend.storeShardSet(set).join();
        assertEquals(5, where.size());
        backend.delete(where.get(0)).join();
        backend.delete(where.get(3)).join();
        ShardSet back = backend.retrieveShardSet(set.metadata(), where).join();
        assertEquals(List.of(0, 3), back.missingIndices());
        assertArrayEquals(data, codec.decode(back).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/../b", "/etc/passwd", "a/b", "a\\b", "a\u0000b", ".hidden",
            "-dash", "C:x", "a b", "\u00e9t\u00e9"})
    void malformedLocationsAreRejected(String location) {
        failsWith(InvalidLocationException.class, backend.retrieve(location));
        failsWith(InvalidLocationException.class, backend.exists(location));
        failsWith(InvalidLocationException.class, backend.delete(location));
    }

    @Test
    void overlongLocationAndBadPrefixAreRejected() {
        failsWith(InvalidLocationException.class, backend.retrieve("a".repeat(Locations.MAX_LENGTH + 1)));
        failsWith(InvalidLocationException.class, backend.list("../"));
        failsWith(InvalidLocationException.class, backend.list(null));
    }

    @Test
    void nullShardIsRejectedAtOnce() {
        assertThrows(NullPointerException.class, () -> backend.store(null));
    }

    @Test
    void statsCountShardsAndBytes() {
        StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 4000, 8).shard(2).orElseThrow();
        BackendStats before = backend.stats().join();
        assertEquals(0, before.shards());
        String location = backend.store(s).join();
        BackendStats after = backend.stats().join();
        assertEquals(1, after.shards());
        assertTrue(after.bytes() >= ShardFormat.serializedSize(s), after.toString());
        assertTrue(after.healthy());
        backend.delete(location).join();
        assertEquals(0, backend.stats().join().shards());
        assertEquals(before.bytes(), backend.stats().join().bytes());
    }

    @Test
    void healthCheckReportsHealthy() {
        HealthStatus h = backend.healthCheck().join();
        assertTrue(h.healthy(), h.detail());
        assertEquals("contract", h.backendId());
    }

    @Test
    void parallelStoresAllLand() {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        List<StorageShard> shards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shards.addAll(TestShards.encode(RedundancyLevel.PERSONAL, 2000 + i, 100 + i).availableShards());
        }
        shards.forEach(s -> futures.add(backend.store(s)));
        futures.forEach(CompletableFuture::join);
        assertEquals(30, backend.list("").join().size());
        for (StorageShard s : shards) {
            assertEquals(s, backend.retrieve(Locations.of(s)).join());
        }
    }

    /** A backend either enforces its quota before writing, or says it has none. */
    @Test
    void overQuotaWriteFailsAndWritesNothing() throws Exception {
        if (!supportsQuota()) {
            BackendStats stats = backend.stats().join();
            assertEquals(BackendStats.UNLIMITED, stats.quota());
            assertEquals(BackendStats.UNLIMITED, stats.available());
            return;
        }
        StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 10_000, 9).shard(0).orElseThrow();
        try (StorageBackend small = newBackend("small", ShardFormat.serializedSize(s) - 1)) {
            QuotaExceededException e = failsWith(QuotaExceededException.class, small.store(s));
            assertTrue(e.getMessage().contains("'small'"), e.getMessage());
            assertFalse(small.exists(Locations.of(s)).join());
            assertEquals(List.of(), small.list("").join());
            assertEquals(0, small.stats().join().shards());
        }
    }
}
