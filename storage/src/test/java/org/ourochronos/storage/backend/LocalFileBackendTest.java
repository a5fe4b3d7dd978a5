package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ourochronos.storage.backend.TestShards.failsWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.Hex;

/** {@link LocalFileBackend} against the shared contract, plus what only files can get wrong. */
class LocalFileBackendTest extends StorageBackendContract {

    @TempDir
    Path tmp;

    private int dirs;

    @Override
    protected StorageBackend newBackend(String id, long quota) {
        return new LocalFileBackend(id, tmp.resolve("backend-" + dirs++), quota);
    }

    private LocalFileBackend disk() {
        return (LocalFileBackend) backend;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        long sum = 0;
        for (Path p : filesUnder(dir)) {
            sum += Files.size(p);
        }
        return sum;
    }

    @Test
    void layoutIsShardFilePlusSidecar() throws IOException {
        StorageShard s = TestShards.encode(RedundancyLevel.PERSONAL, 3000, 11).shard(4).orElseThrow();
        String location = backend.store(s).join();
        Path data = disk().shardFile(location);
        assertEquals(disk().directory(), data.getParent().getParent());
        assertTrue(data.getFileName().toString().endsWith(".shard"));
        assertEquals(s, ShardFormat.fromBytes(Files.readAllBytes(data)));
        JsonNode meta = disk().sidecar(location).join();
        assertEquals(1, meta.get("formatVersion").intValue());
        assertEquals(s.setId(), meta.get("setId").textValue());
        assertEquals(4, meta.get("index").intValue());
        assertEquals(Hex.toHex(s.checksum()), meta.get("checksum").textValue());
        assertEquals(s.checksumAlgorithm().canonicalName(), meta.get("checksumAlgorithm").textValue());
        assertEquals(s.size(), meta.get("payloadSize").intValue());
        assertEquals(Files.size(data), meta.get("fileSize").longValue());
        assertTrue(meta.get("storedAt").textValue().endsWith("Z"));
        // exactly the two files, nothing temporary left
        assertEquals(List.of(disk().sidecarFile(location), data), filesUnder(disk().directory()));
        assertEquals(bytesUnder(disk().directory()), backend.stats().join().bytes());
    }

    @Test
    void flippedPayloadByteIsCorruptionNotWrongBytes() throws IOException {
        StorageShard s = TestShards.encode(RedundancyLevel.PERSONAL, 3000, 12).shard(0).orElseThrow();
        String location = backend.store(s).join();
        Path file = disk().shardFile(location);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(file, bytes);
        CorruptedShardException e = failsWith(CorruptedShardException.class, backend.retrieve(location));
        assertTrue(e.getMessage().contains(location) && e.getMessage().contains("'contract'"), e.getMessage());
    }

    @Test
    void truncatedGarbageAndSwappedFilesAreCorruption() throws IOException {
        ShardSet set = TestShards.encode(RedundancyLevel.PERSONAL, 3000, 13);
        Set<String> locations = new HashSet<>(backend.storeShardSet(set).join().values());
        Path f0 = disk().shardFile(Locations.of(set.shard(0).orElseThrow()));
        Path f1 = disk().shardFile(Locations.of(set.shard(1).orElseThrow()));
        Path f2 = disk().shardFile(Locations.of(set.shard(2).orElseThrow()));
        byte[] whole = Files.readAllBytes(f0);
        Files.write(f0, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(f1, "not a shard at all");
        Files.copy(disk().shardFile(Locations.of(set.shard(3).orElseThrow())), f2,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < 3; i++) {
            failsWith(CorruptedShardException.class, backend.retrieve(Locations.of(set.shard(i).orElseThrow())));
        }
        assertEquals(5, locations.size());
        // the two good shards still come back
        assertEquals(set.shard(4).orElseThrow(), backend.retrieve(Locations.of(set.shard(4).orElseThrow())).join());
    }

    @Test
    void reopeningFindsEveryShardAndRecomputesUsage() throws IOException {
        ShardSet a = TestShards.encode(RedundancyLevel.PERSONAL, 40_000, 14);
        ShardSet b = TestShards.encode(RedundancyLevel.FEDERATION, 40_000, 15);
        backend.storeShardSet(a).join();
        backend.storeShardSet(b).join();
        long used = backend.stats().join().bytes();
        Path dir = disk().directory();
        backend.close();
        // leftovers of a crashed writer: a temp file and a sidecar whose shard never got renamed into place
        Path fan = disk().shardFile("zz-orphan.0").getParent();
        Files.createDirectories(fan);
        Files.write(fan.resolve(".tmp-zz-orphan.0.shard-123"), new byte[1000]);
        Files.writeString(fan.resolve("zz-orphan.0.meta.json"), "{}");
        try (LocalFileBackend again = new LocalFileBackend("again", dir, BackendStats.UNLIMITED)) {
            assertEquals(used, again.stats().join().bytes());
            assertEquals(14, again.list("").join().size());
            for (ShardSet set : List.of(a, b)) {
                for (StorageShard s : set.availableShards()) {
                    assertEquals(s, again.retrieve(Locations.of(s)).join());
                }
            }
            assertFalse(Files.exists(fan.resolve(".tmp-zz-orphan.0.shard-123")));
            assertFalse(Files.exists(fan.resolve("zz-orphan.0.meta.json")));
            assertEquals(used, bytesUnder(dir));
        }
    }

    @Test
    void quotaHoldsUnderConcurrentWriters() throws IOException {
        List<StorageShard> shards = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            shards.addAll(TestShards.encode(RedundancyLevel.PERSONAL, 30_000, 200 + i).availableShards());
        }
        Path dir = tmp.resolve("quota");
        long quota = 150_000; // room for roughly a third of the 40 shards
        try (LocalFileBackend small = new LocalFileBackend("small", dir, quota)) {
            List<CompletableFuture<String>> futures = shards.stream().map(small::store).toList();
            int ok = 0;
            for (CompletableFuture<String> f : futures) {
                try {
                    f.join();
                    ok++;
                } catch (CompletionException e) {
                    assertTrue(e.getCause() instanceof QuotaExceededException, e.getCause().toString());
                }
            }
            assertTrue(ok > 0 && ok < shards.size(), "some fit, some do not: " + ok);
            BackendStats stats = small.stats().join();
            assertEquals(ok, stats.shards());
            assertTrue(stats.bytes() <= quota, stats.toString());
            assertEquals(bytesUnder(dir), stats.bytes());
            for (String location : small.list("").join()) {
                assertTrue(small.retrieve(location).join().isValid());
            }
        }
    }

    @Test
    void deletedBaseDirectoryMakesTheBackendUnavailable() throws IOException {
        StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 1000, 16).shard(0).orElseThrow();
        String location = backend.store(s).join();
        deleteTree(disk().directory());
        failsWith(BackendUnavailableException.class, backend.store(s));
        failsWith(BackendUnavailableException.class, backend.retrieve(location));
        HealthStatus h = backend.healthCheck().join();
        assertFalse(h.healthy());
        assertTrue(h.detail().contains("no longer exists"), h.detail());
    }

    @Test
    void traversalNeverTouchesFilesOutsideTheBase() throws IOException {
        Path outside = tmp.resolve("victim.shard");
        Files.writeString(outside, "keep me");
        for (String bad : List.of("../victim", "../../victim", tmp.resolve("victim").toString())) {
            failsWith(InvalidLocationException.class, backend.delete(bad));
            failsWith(InvalidLocationException.class, backend.retrieve(bad));
        }
        assertEquals("keep me", Files.readString(outside));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A child JVM stores shards in a loop and is killed with SIGKILL mid-write, four times over the same
     * directory: afterwards every visible shard is whole and valid, every store it reported as done is there,
     * and reopening cleans up.
     */
    @Test
    void killDashNineMidWriteLeavesOnlyWholeShards() throws Exception {
        Path dir = tmp.resolve("crash");
        Set<String> reported = new HashSet<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 4; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(), dir.toString(), Integer.toString(round * 1000))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (seen < 6 + 4 * round && (line = out.readLine()) != null) {
                    if (line.startsWith("STORED ")) {
                        reported.add(line.substring(7));
                        seen++;
                    }
                }
                // Land the kill at an arbitrary point of the next multi-megabyte write.
                Thread.sleep(new java.util.Random(round).nextInt(5, 40));
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertTrue(seen > 0, "child stored nothing");
            long leftovers = filesUnder(dir).stream()
                    .filter(p -> p.getFileName().toString().startsWith(".tmp-")).count();
            System.out.println("kill round " + round + ": " + reported.size() + " stores reported, " + leftovers
                    + " temporary file(s) left by the killed writer");
            try (LocalFileBackend reopened = new LocalFileBackend("reopened", dir, BackendStats.UNLIMITED)) {
                List<String> visible = reopened.list("").join();
                assertTrue(visible.containsAll(reported), "a completed store is missing after the kill");
                for (String location : visible) {
                    StorageShard s = reopened.retrieve(location).join(); // throws if partial or damaged
                    assertTrue(s.isValid());
                }
                for (Path p : filesUnder(dir)) {
                    String name = p.getFileName().toString();
                    assertFalse(name.startsWith(".tmp-"), "temporary file survived reopening: " + p);
                    if (name.endsWith(".meta.json")) {
                        String location = name.substring(0, name.length() - ".meta.json".length());
                        assertTrue(visible.contains(location), "orphan sidecar survived reopening: " + p);
                    }
                }
                assertEquals(bytesUnder(dir), reopened.stats().join().bytes());
            }
        }
    }

    @Test
    void sidecarOfMissingShardIsShardNotFound() {
        failsWith(ShardNotFoundException.class, disk().sidecar("none.1"));
        assertTrue(Files.isDirectory(disk().directory()));
        // the backend never writes outside its base: a fresh one has no files yet
        assertEquals(0L, backend.stats().join().bytes());
        assertTrue(disk().directory().startsWith(tmp));
    }
}
