package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardSet;

/** {@link BackendRegistry} and {@link ShardManifest} on real memory and local-file backends. */
class BackendRegistryTest {

    @TempDir
    Path tmp;

    private static BackendRegistry registryOf(StorageBackend... backends) {
        BackendRegistry r = new BackendRegistry(PlacementPolicy.roundRobin(), Duration.ofSeconds(2));
        for (StorageBackend b : backends) {
            r.register(b);
        }
        return r;
    }

    private static Map<String, Integer> perBackend(ShardLocations locations) {
        Map<String, Integer> count = new HashMap<>();
        locations.locations().values().forEach(l -> count.merge(l.backendId(), 1, Integer::sum));
        return count;
    }

    @Test
    void registerGetListUnregister() {
        MemoryBackend a = new MemoryBackend("a");
        MemoryBackend b = new MemoryBackend("b");
        BackendRegistry r = registryOf(a, b);
        assertSame(a, r.get("a"));
        assertEquals(List.of(a, b), r.list());
        DuplicateBackendException dup = assertThrows(DuplicateBackendException.class,
                () -> r.register(new MemoryBackend("a")));
        assertTrue(dup.getMessage().contains("'a'"), dup.getMessage());
        assertSame(a, r.get("a"), "the original registration is kept");
        UnknownBackendException unknown = assertThrows(UnknownBackendException.class, () -> r.get("zzz"));
        assertTrue(unknown.getMessage().contains("'zzz'"), unknown.getMessage());
        assertSame(b, r.unregister("b"));
        assertThrows(UnknownBackendException.class, () -> r.unregister("b"));
        assertEquals(List.of(a), r.list());
        assertThrows(NullPointerException.class, () -> r.register(null));
    }

    @Test
    void roundRobinUsesDistinctBackends() {
        List<StorageBackend> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new MemoryBackend("m" + i));
        }
        BackendRegistry r = registryOf(five.toArray(StorageBackend[]::new));
        ShardLocations personal = r.distributeShardSet(TestShards.encode(RedundancyLevel.PERSONAL, 9000, 31));
        assertEquals(5, personal.backendIds().size(), personal.toString());
        ShardLocations paranoid = r.distributeShardSet(TestShards.encode(RedundancyLevel.PARANOID, 9000, 32));
        assertEquals(Set.of(3), Set.copyOf(perBackend(paranoid).values()), "15 shards over 5 backends: 3 each");
    }

    @Test
    void failingBackendsShardGoesToTheNextHealthyOne() throws IOException {
        LocalFileBackend broken = new LocalFileBackend("broken", tmp.resolve("broken"), BackendStats.UNLIMITED);
        LocalFileBackendTest.deleteTree(broken.directory());
        BackendRegistry r = registryOf(new MemoryBackend("m0"), broken, new MemoryBackend("m1"),
                new MemoryBackend("m2"), new MemoryBackend("m3"));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(20_000, 33);
        ShardManifest m = r.storeShardSet(codec.encode(data, "b"));
        assertEquals(5, m.locations().size());
        assertFalse(m.locations().backendIds().contains("broken"));
        assertEquals(4, m.locations().backendIds().size());
        assertArrayEquals(data, codec.decode(r.retrieveShardSet(m)).orElseThrow());
    }

    @Test
    void unplaceableSetIsRolledBackAndExplained() throws IOException {
        ShardSet set = TestShards.encode(RedundancyLevel.PERSONAL, 20_000, 34);
        long shardBytes = ShardFormat.serializedSize(set.shard(0).orElseThrow());
        MemoryBackend small = new MemoryBackend("small", 2 * shardBytes); // room for 2 of the 5
        LocalFileBackend broken = new LocalFileBackend("broken", tmp.resolve("gone"), BackendStats.UNLIMITED);
        LocalFileBackendTest.deleteTree(broken.directory());
        BackendRegistry r = registryOf(small, broken);
        ShardPlacementException e = assertThrows(ShardPlacementException.class, () -> r.distributeShardSet(set));
        assertTrue(e.getMessage().contains(set.setId()), e.getMessage());
        assertFalse(e.failures().isEmpty());
        assertTrue(e.failures().values().stream().allMatch(t -> t instanceof StorageBackendException));
        assertEquals(List.of(), small.list("").join(), "shards already written were deleted");
        assertEquals(0, small.stats().join().bytes());
    }

    @Test
    void emptyRegistryAndIncompleteSetsAreRejected() {
        ShardSet set = TestShards.encode(RedundancyLevel.MINIMAL, 100, 35);
        assertThrows(ShardPlacementException.class, () -> new BackendRegistry().distributeShardSet(set));
        BackendRegistry r = registryOf(new MemoryBackend("m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.distributeShardSet(set.withoutShard(1)));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        assertThrows(NullPointerException.class, () -> r.distributeShardSet(null));
    }

    @Test
    void healthAndStatsOfFailingBackendsDoNotThrow() throws IOException {
        LocalFileBackend broken = new LocalFileBackend("broken", tmp.resolve("b"), BackendStats.UNLIMITED);
        LocalFileBackendTest.deleteTree(broken.directory());
        StallingBackend hung = new StallingBackend("hung");
        hung.stall();
        BackendRegistry r = new BackendRegistry(PlacementPolicy.roundRobin(), Duration.ofMillis(300));
        r.register(new MemoryBackend("ok"));
        r.register(broken);
        r.register(hung);
        Map<String, HealthStatus> health = r.healthCheckAll();
        assertEquals(List.of("ok", "broken", "hung"), List.copyOf(health.keySet()));
        assertTrue(health.get("ok").healthy());
        assertFalse(health.get("broken").healthy());
        assertFalse(health.get("hung").healthy());
        Map<String, BackendStats> stats = r.statsAll();
        assertTrue(stats.get("ok").healthy());
        assertFalse(stats.get("broken").healthy());
        assertFalse(stats.get("hung").healthy());
    }

    @Test
    void slowBackendTimesOutToAnEmptySlotAndStoresFailOver() {
        StallingBackend hung = new StallingBackend("hung");
        BackendRegistry r = new BackendRegistry(PlacementPolicy.roundRobin(), Duration.ofMillis(300));
        r.register(hung);
        for (int i = 0; i < 4; i++) {
            r.register(new MemoryBackend("m" + i));
        }
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(5000, 36);
        ShardManifest m = r.storeShardSet(codec.encode(data, "t"));
        assertTrue(m.locations().backendIds().contains("hung"));
        hung.stall();
        ShardSet back = r.retrieveShardSet(m);
        assertEquals(1, back.missingIndices().size());
        assertArrayEquals(data, codec.decode(back).orElseThrow());
        ShardManifest m2 = r.storeShardSet(codec.encode(data, "t2"));
        assertFalse(m2.locations().backendIds().contains("hung"), "the stalled backend's shard failed over");
    }

    @Test
    void corruptShardOnDiskBecomesAnEmptySlotAndIsRepaired() throws IOException {
        List<LocalFileBackend> disks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            disks.add(new LocalFileBackend("d" + i, tmp.resolve("d" + i), BackendStats.UNLIMITED));
        }
        BackendRegistry r = registryOf(disks.toArray(StorageBackend[]::new));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(30_000, 37);
        ShardManifest m = r.storeShardSet(codec.encode(data, "c"));
        ShardLocation where = m.locations().get(2).orElseThrow();
        Path file = ((LocalFileBackend) r.get(where.backendId())).shardFile(where.location());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2 + 100] ^= 0x01;
        Files.write(file, bytes);

        ShardSet back = r.retrieveShardSet(m);
        assertEquals(List.of(2), back.missingIndices());
        assertArrayEquals(data, codec.decode(back).orElseThrow());

        ShardManifest repaired = r.repairShardSet(m, codec);
        assertEquals(List.of(), r.retrieveShardSet(repaired).missingIndices());
        assertTrue(r.get(repaired.locations().get(2).orElseThrow().backendId())
                .retrieve(repaired.locations().get(2).orElseThrow().location()).join().isValid());
        assertSame(repaired, r.repairShardSet(repaired, codec), "nothing left to repair");
    }

    @Test
    void manifestRoundTripsThroughJsonAndAnotherRegistry() throws IOException {
        List<StorageBackend> disks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            disks.add(new LocalFileBackend("d" + i, tmp.resolve("m" + i), BackendStats.UNLIMITED));
        }
        BackendRegistry writer = registryOf(disks.toArray(StorageBackend[]::new));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(12_345, 38);
        ShardManifest m = writer.storeShardSet(codec.encode(data, "belief-38", "text/plain"));
        String json = m.toJson();
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
        assertTrue(json.contains("\"createdAt\" : \"20"), json);
        assertTrue(json.contains("\"merkleRoot\" : \"" + org.ourochronos.storage.integrity.Hex.toHex(
                m.metadata().merkleRoot()) + "\""), json);

        ShardManifest parsed = ShardManifest.fromJson(json);
        assertEquals(m.metadata(), parsed.metadata());
        assertEquals(m.locations(), parsed.locations());
        assertEquals(json, parsed.toJson());

        // "another process": fresh backend objects over the same directories
        BackendRegistry reader = new BackendRegistry();
        for (int i = 0; i < 3; i++) {
            reader.register(new LocalFileBackend("d" + i, tmp.resolve("m" + i), BackendStats.UNLIMITED));
        }
        byte[] back = codec.decode(reader.retrieveShardSet(parsed)).orElseThrow();
        assertArrayEquals(data, back);
        assertEquals("text/plain", parsed.metadata().contentType());
        assertEquals("belief-38", parsed.metadata().beliefId());
    }

    private static String validManifestJson() {
        BackendRegistry r = registryOf(new MemoryBackend("m"));
        return r.storeShardSet(TestShards.encode(RedundancyLevel.MINIMAL, 100, 39)).toJson();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "{}", "null", "42", "{\"formatVersion\": \"1\"}",
            "{\"formatVersion\": 2}", "{\"formatVersion\": 1}"})
    void garbageManifestsAreRejected(String json) {
        assertThrows(ManifestFormatException.class, () -> ShardManifest.fromJson(json));
    }

    @Test
    void damagedManifestFieldsAreRejected() {
        String ok = validManifestJson();
        ShardManifest.fromJson(ok); // the baseline parses
        String checksum = ok.replaceAll("(?s).*\"shardChecksums\" : \\[\\s*\"([0-9a-f]+)\".*", "$1");
        List<String> bad = List.of(
                ok.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"),
                ok.replace("\"dataShards\" : 2", "\"dataShards\" : \"two\""),
                ok.replace("\"codingMatrix\" : \"vandermonde\"", "\"codingMatrix\" : \"magic\""),
                ok.replace("\"checksumAlgorithm\" : \"sha256\"", "\"checksumAlgorithm\" : \"md5\""),
                ok.replace(checksum, "zz" + checksum.substring(2)),                    // not hex
                ok.replace(checksum, checksum.substring(2)),                           // wrong length
                ok.replace(checksum, (checksum.charAt(0) == '0' ? "1" : "0") + checksum.substring(1)), // root mismatch
                ok.replaceAll("\"createdAt\" : \"[^\"]+\"", "\"createdAt\" : \"yesterday\""),
                ok.replace("\"index\" : 1", "\"index\" : 0"),                          // two locations for 0
                ok.replace("\"index\" : 2", "\"index\" : 7"),                          // outside 0..n-1
                ok + " trailing",
                ok.replace("\"setId\"", "\"setID\""));
        for (String json : bad) {
            assertFalse(json.equals(ok), "the damage must change the text");
            assertThrows(ManifestFormatException.class, () -> ShardManifest.fromJson(json), json);
        }
    }

    @Test
    void retrieveObjectTouchesOnlyDataShardsWhenTheyAreHealthy() {
        List<StallingBackend> counting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            counting.add(new StallingBackend("c" + i));
        }
        BackendRegistry r = registryOf(counting.toArray(StorageBackend[]::new));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(9000, 42);
        ShardManifest m = r.storeShardSet(codec.encode(data, "fast"));
        assertArrayEquals(data, r.retrieveObject(m, codec));
        int parityReads = 0;
        int dataReads = 0;
        for (StallingBackend b : counting) {
            boolean holdsParity = m.locations().locations().entrySet().stream()
                    .anyMatch(e -> e.getKey() >= 3 && e.getValue().backendId().equals(b.id()));
            if (holdsParity) {
                parityReads += b.retrieves();
            } else {
                dataReads += b.retrieves();
            }
        }
        assertEquals(0, parityReads);
        assertEquals(3, dataReads);
    }

    @Test
    void retrieveObjectReadsDataShardsFirstAndFallsBackToParity() throws IOException {
        List<LocalFileBackend> disks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            disks.add(new LocalFileBackend("o" + i, tmp.resolve("o" + i), BackendStats.UNLIMITED));
        }
        BackendRegistry r = registryOf(disks.toArray(StorageBackend[]::new));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(40_000, 41);
        ShardManifest m = r.storeShardSet(codec.encode(data, "o"));

        // parity shards gone: the fast path never needs them
        for (int i = 3; i < 5; i++) {
            ShardLocation l = m.locations().get(i).orElseThrow();
            r.get(l.backendId()).delete(l.location()).join();
        }
        assertArrayEquals(data, r.retrieveObject(m, codec));

        // a data shard corrupt on disk as well as one parity shard missing: too few (2 data + 0 parity)...
        ShardLocation d1 = m.locations().get(1).orElseThrow();
        Path file = ((LocalFileBackend) r.get(d1.backendId())).shardFile(d1.location());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
        assertThrows(org.ourochronos.storage.codec.CorruptedDataException.class, () -> r.retrieveObject(m, codec));

        // ...and with the parity back, the degraded read succeeds
        ShardManifest fresh = r.storeShardSet(codec.encode(data, "o2"));
        ShardLocation f0 = fresh.locations().get(0).orElseThrow();
        r.get(f0.backendId()).delete(f0.location()).join();
        assertArrayEquals(data, r.retrieveObject(fresh, codec));
    }

    @Test
    void locationsOnUnknownBackendsBecomeEmptySlots() {
        MemoryBackend a = new MemoryBackend("a");
        BackendRegistry r = registryOf(a, new MemoryBackend("b"), new MemoryBackend("c"));
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = TestShards.random(3000, 40);
        ShardManifest m = r.storeShardSet(codec.encode(data, "u"));
        r.unregister("b");
        ShardSet back = r.retrieveShardSet(m);
        assertFalse(back.missingIndices().isEmpty());
        assertArrayEquals(data, codec.decode(back).orElseThrow());
    }
}
