package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.InsufficientShardsException;
import org.ourochronos.storage.codec.RecoveryResult;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardSet;

/**
 * The seed's integration story, in Java, on real components: memory, two local directories and two buckets on two
 * S3Proxy servers; two backends fail; the set is fetched, decoded and repaired onto the healthy ones. And the
 * 7-of-15 level surviving 8 lost shards and failing cleanly at 9.
 */
class IntegrationTest {

    @TempDir
    Path tmp;

    @Test
    void fiveBackendsTwoFailRetrieveDecodeRepair() throws Exception {
        try (S3ProxyServer serverA = S3ProxyServer.start(); S3ProxyServer serverB = S3ProxyServer.start();
             S3Backend s3a = serverA.newBackend("s3-a"); S3Backend s3b = serverB.newBackend("s3-b");
             LocalFileBackend disk1 = new LocalFileBackend("disk-1", tmp.resolve("disk-1"), 10L << 20);
             LocalFileBackend disk2 = new LocalFileBackend("disk-2", tmp.resolve("disk-2"), 10L << 20)) {
            MemoryBackend memory = new MemoryBackend("memory");
            BackendRegistry registry = new BackendRegistry(PlacementPolicy.roundRobin(), Duration.ofSeconds(10));
            for (StorageBackend b : List.of(memory, disk1, disk2, s3a, s3b)) {
                registry.register(b);
            }
            ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
            byte[] data = TestShards.random(1 << 20, 51);
            ShardManifest manifest = registry.storeShardSet(codec.encode(data, "seed-story"));
            assertEquals(Set.of("memory", "disk-1", "disk-2", "s3-a", "s3-b"), manifest.locations().backendIds());
            String json = manifest.toJson();

            // two backends fail: an S3 server stops, a directory disappears
            serverA.stop();
            LocalFileBackendTest.deleteTree(disk1.directory());
            Map<String, HealthStatus> health = registry.healthCheckAll();
            assertFalse(health.get("s3-a").healthy());
            assertFalse(health.get("disk-1").healthy());
            assertTrue(health.get("memory").healthy() && health.get("disk-2").healthy()
                    && health.get("s3-b").healthy());

            ShardManifest read = ShardManifest.fromJson(json);
            ShardSet fetched = registry.retrieveShardSet(read);
            assertEquals(2, fetched.missingIndices().size());
            assertArrayEquals(data, codec.decode(fetched).orElseThrow());

            ShardManifest repaired = registry.repairShardSet(read, codec);
            Set<String> used = repaired.locations().backendIds();
            assertFalse(used.contains("s3-a") || used.contains("disk-1"), "nothing placed on failed backends: "
                    + used);
            assertEquals(Set.of("memory", "disk-2", "s3-b"), used);
            ShardSet whole = registry.retrieveShardSet(ShardManifest.fromJson(repaired.toJson()));
            assertEquals(List.of(), whole.missingIndices());
            assertArrayEquals(data, codec.decode(whole).orElseThrow());

            // the regenerated shards spread out: no backend holds more than 2 of the 5, so losing any one of
            // the three still leaves k = 3
            Map<String, Long> perBackend = repaired.locations().locations().values().stream().collect(
                    java.util.stream.Collectors.groupingBy(ShardLocation::backendId,
                            java.util.stream.Collectors.counting()));
            assertTrue(perBackend.values().stream().allMatch(c -> c <= 2), perBackend.toString());
            String busiest = perBackend.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            registry.unregister(busiest);
            ShardSet afterMore = registry.retrieveShardSet(repaired);
            assertEquals(5 - perBackend.get(busiest), afterMore.availableShards().size());
            assertArrayEquals(data, codec.decode(afterMore).orElseThrow());
        }
    }

    @Test
    void paranoidSurvivesEightLostShardsAndFailsCleanlyAtNine() throws Exception {
        List<LocalFileBackend> disks = new ArrayList<>();
        BackendRegistry registry = new BackendRegistry();
        for (int i = 0; i < 15; i++) {
            LocalFileBackend d = new LocalFileBackend("disk-" + i, tmp.resolve("p" + i), BackendStats.UNLIMITED);
            disks.add(d);
            registry.register(d);
        }
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PARANOID);
        byte[] data = TestShards.random(200_000, 52);
        ShardManifest manifest = registry.storeShardSet(codec.encode(data, "paranoid"));
        assertEquals(15, manifest.locations().backendIds().size());

        // lose 8 backends, one way or another: directories deleted
        List<String> order = new ArrayList<>(manifest.locations().locations().values().stream()
                .map(ShardLocation::backendId).toList());
        for (int i = 0; i < 8; i++) {
            LocalFileBackendTest.deleteTree(((LocalFileBackend) registry.get(order.get(i))).directory());
        }
        ShardSet eightLost = registry.retrieveShardSet(manifest);
        assertEquals(8, eightLost.missingIndices().size());
        assertArrayEquals(data, codec.decode(eightLost).orElseThrow());

        LocalFileBackendTest.deleteTree(((LocalFileBackend) registry.get(order.get(8))).directory());
        ShardSet nineLost = registry.retrieveShardSet(manifest); // does not throw
        assertEquals(9, nineLost.missingIndices().size());
        assertFalse(nineLost.canRecover());
        RecoveryResult r = codec.decode(nineLost);
        assertFalse(r.success());
        assertThrows(InsufficientShardsException.class, () -> registry.repairShardSet(manifest, codec));
        disks.forEach(LocalFileBackend::close);
    }
}
