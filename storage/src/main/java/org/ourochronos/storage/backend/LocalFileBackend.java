package org.ourochronos.storage.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.Hex;

/**
 * Keeps shards as files under one base directory.
 *
 * <p><b>Layout</b> (see {@code docs/storage.md}):
 * <pre>
 * base/
 *   3f/                         fan-out directory: two hex digits of the location's String.hashCode() &amp; 0xff
 *     belief-42.3.shard         the shard in ShardFormat (self-describing, checksummed)
 *     belief-42.3.meta.json     sidecar: set id, index, shape, checksum hex, algorithm, sizes, stored-at
 *     .tmp-belief-42.3.shard-&lt;uuid&gt;   a write in progress (removed on open)
 * </pre>
 *
 * <p><b>Crash safety.</b> Every file is written to a temporary file in the same directory, forced to disk
 * ({@link FileChannel#force(boolean)}), renamed over its final name with {@code ATOMIC_MOVE}, and the directory is
 * forced after the renames. The sidecar is renamed first and the {@code .shard} file last: the {@code .shard}
 * rename is the commit point, so a killed writer leaves either the old shard, the whole new shard, or nothing —
 * never a partial one. Opening a directory deletes leftover temporary files and sidecars without a shard, and
 * recomputes usage from what is on disk.
 *
 * <p><b>Verification.</b> {@link #retrieve(String)} parses the file and re-hashes the payload: a damaged file fails
 * with {@link CorruptedShardException}, never with wrong bytes.
 *
 * <p><b>Quota.</b> Usage counts shard files and sidecars. The bytes a store needs are reserved atomically before
 * anything is written and given back if the write fails, so the quota holds under concurrent writers; writes to
 * the same location are serialised.
 *
 * <pre>{@code
 * try (LocalFileBackend disk = new LocalFileBackend("disk-1", Path.of("/srv/shards"), 50L << 30)) {
 *     String location = disk.store(shard).join();
 *     StorageShard back = disk.retrieve(location).join();
 * }
 * }</pre>
 */
public final class LocalFileBackend implements StorageBackend {

    /** File name suffix of shard files. */
    public static final String SHARD_SUFFIX = ".shard";
    /** File name suffix of sidecar files. */
    public static final String SIDECAR_SUFFIX = ".meta.json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final Path base;
    private final Quota quota;
    private final ExecutorService executor;
    private final ReentrantLock[] locks = new ReentrantLock[256];

    /**
     * Opens (creating if needed) a backend in {@code directory}, with an id taken from the directory's name.
     *
     * @param quota bytes, or {@link BackendStats#UNLIMITED}
     * @throws BackendUnavailableException if the directory cannot be created or read
     */
    public LocalFileBackend(Path directory, long quota) {
        this(defaultId(directory), directory, quota);
    }

    /**
     * Opens (creating if needed) a backend in {@code directory}: removes leftovers of interrupted writes and
     * counts the bytes already stored.
     *
     * @param id        backend id
     * @param directory base directory
     * @param quota     bytes, or {@link BackendStats#UNLIMITED}
     * @throws BackendUnavailableException if the directory cannot be created or read
     */
    public LocalFileBackend(String id, Path directory, long quota) {
        this.id = BackendIds.check(id);
        this.base = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.quota = new Quota(id, quota);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        try {
            Files.createDirectories(base);
            recover();
        } catch (IOException e) {
            throw new BackendUnavailableException(id, null, "cannot open directory " + base + ": " + e, e);
        }
        // Blocking file I/O on virtual threads: cheap to have one per request.
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    private static String defaultId(Path directory) {
        Path name = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize().getFileName();
        String s = name == null ? "root" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return BackendIds.check("local-" + (s.length() > 58 ? s.substring(0, 58) : s));
    }

    /** The base directory. */
    public Path directory() {
        return base;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "local-file";
    }

    // ------------------------------------------------------------------------------------------------ recovery

    /** Deletes temporary files and orphaned sidecars; accounts the bytes of everything else. */
    private void recover() throws IOException {
        try (DirectoryStream<Path> fans = Files.newDirectoryStream(base, LocalFileBackend::isFanDir)) {
            for (Path fan : fans) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(fan)) {
                    ds.forEach(files::add);
                }
                boolean changed = false;
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        Files.deleteIfExists(f);
                        changed = true;
                    } else if (name.endsWith(SIDECAR_SUFFIX)) {
                        String location = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
                        if (!Files.exists(fan.resolve(location + SHARD_SUFFIX))) {
                            Files.deleteIfExists(f); // the writer died before its commit point
                            changed = true;
                        } else {
                            quota.account(Files.size(f));
                        }
                    } else if (name.endsWith(SHARD_SUFFIX)) {
                        quota.account(Files.size(f));
                    }
                }
                if (changed) {
                    forceDirectory(fan);
                }
            }
        }
    }

    private static boolean isFanDir(Path p) {
        String n = p.getFileName().toString();
        return n.length() == 2 && n.matches("[0-9a-f]{2}") && Files.isDirectory(p);
    }

    // ------------------------------------------------------------------------------------------------ paths

    private Path fanDir(String location) {
        return base.resolve(String.format("%02x", location.hashCode() & 0xff));
    }

    /** The shard file of {@code location} (which must have passed {@link Locations#check}). */
    Path shardFile(String location) {
        return fanDir(location).resolve(location + SHARD_SUFFIX);
    }

    /** The sidecar file of {@code location}. */
    Path sidecarFile(String location) {
        return fanDir(location).resolve(location + SIDECAR_SUFFIX);
    }

    private ReentrantLock lockFor(String location) {
        return locks[location.hashCode() & 0xff];
    }

    // ------------------------------------------------------------------------------------------------ operations

    @Override
    public CompletableFuture<String> store(StorageShard shard) {
        Objects.requireNonNull(shard, "shard");
        return async(() -> {
            String location = Locations.of(shard);
            byte[] sidecar = sidecar(shard, location);
            long need = ShardFormat.serializedSize(shard) + sidecar.length;
            quota.reserve(location, need);
            boolean committed = false;
            ReentrantLock lock = lockFor(location);
            lock.lock();
            try {
                Path dir = fanDir(location);
                requireBase();
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    forceDirectory(base); // the new fan-out directory's entry must survive a power cut too
                }
                Path data = shardFile(location);
                Path meta = sidecarFile(location);
                long old = sizeOrZero(data) + sizeOrZero(meta);
                writeAtomically(dir, meta, out -> out.write(sidecar));
                writeAtomically(dir, data, out -> ShardFormat.write(shard, out)); // commit point
                forceDirectory(dir);
                committed = true;
                quota.release(old); // the replaced files no longer count
                return location;
            } catch (IOException e) {
                throw new BackendUnavailableException(id, location, "cannot write under " + base + ": " + e, e);
            } finally {
                lock.unlock();
                if (!committed) {
                    quota.release(need);
                }
            }
        });
    }

    private byte[] sidecar(StorageShard shard, String location) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", 1);
        n.put("location", location);
        n.put("setId", shard.setId());
        n.put("index", shard.index());
        n.put("dataShards", shard.dataShards());
        n.put("totalShards", shard.totalShards());
        n.put("checksumAlgorithm", shard.checksumAlgorithm().canonicalName());
        n.put("checksum", Hex.toHex(shard.checksum()));
        n.put("payloadSize", shard.size());
        n.put("fileSize", ShardFormat.serializedSize(shard));
        n.put("storedAt", Instant.now().toString());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Temp file in the same directory, write, force, atomic rename; the temp file is removed on failure. */
    private static void writeAtomically(Path dir, Path target, Writer writer) throws IOException {
        Path tmp = dir.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                writer.write(out);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes renames in {@code dir} durable (Linux and macOS allow opening a directory to force it). */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open directories; NTFS journals renames itself.
        }
    }

    private static long sizeOrZero(Path p) throws IOException {
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private void requireBase() {
        if (!Files.isDirectory(base)) {
            throw new BackendUnavailableException(id, null, "base directory " + base + " no longer exists");
        }
    }

    @Override
    public CompletableFuture<StorageShard> retrieve(String location) {
        return async(() -> {
            Locations.check(id, location);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(shardFile(location));
            } catch (NoSuchFileException e) {
                requireBase();
                throw new ShardNotFoundException(id, location, "no shard stored here");
            } catch (IOException e) {
                throw new BackendUnavailableException(id, location, "cannot read: " + e, e);
            }
            return Shards.parseVerified(id, location, bytes);
        });
    }

    @Override
    public CompletableFuture<Void> delete(String location) {
        return async(() -> {
            Locations.check(id, location);
            ReentrantLock lock = lockFor(location);
            lock.lock();
            try {
                requireBase();
                Path data = shardFile(location);
                Path meta = sidecarFile(location);
                long freed = 0;
                long size = sizeOrZero(data);
                if (Files.deleteIfExists(data)) { // the shard is gone from here on
                    freed += size;
                }
                size = sizeOrZero(meta);
                if (Files.deleteIfExists(meta)) {
                    freed += size;
                }
                if (freed > 0) {
                    forceDirectory(data.getParent());
                    quota.release(freed);
                }
                return null;
            } catch (IOException e) {
                throw new BackendUnavailableException(id, location, "cannot delete: " + e, e);
            } finally {
                lock.unlock();
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> exists(String location) {
        return async(() -> {
            Locations.check(id, location);
            requireBase();
            return Files.isRegularFile(shardFile(location));
        });
    }

    @Override
    public CompletableFuture<List<String>> list(String prefix) {
        return async(() -> {
            Locations.checkPrefix(id, prefix);
            requireBase();
            return listAll().stream().filter(l -> l.startsWith(prefix)).sorted().toList();
        });
    }

    private List<String> listAll() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> fans = Files.newDirectoryStream(base, LocalFileBackend::isFanDir)) {
            for (Path fan : fans) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(fan, "*" + SHARD_SUFFIX)) {
                    for (Path f : ds) {
                        String name = f.getFileName().toString();
                        if (!name.startsWith(TEMP_PREFIX)) {
                            out.add(name.substring(0, name.length() - SHARD_SUFFIX.length()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(id, null, "cannot list " + base + ": " + e, e);
        }
        return out;
    }

    @Override
    public CompletableFuture<BackendStats> stats() {
        return async(() -> {
            requireBase();
            return new BackendStats(listAll().size(), quota.used(), quota.limit(), quota.available(), true,
                    Instant.now());
        });
    }

    @Override
    public CompletableFuture<HealthStatus> healthCheck() {
        long start = System.nanoTime();
        return async(() -> {
            requireBase();
            if (!Files.isWritable(base)) {
                throw new BackendUnavailableException(id, null, "base directory " + base + " is not writable");
            }
            return HealthStatus.ok(id, start);
        }).exceptionally(t -> HealthStatus.failed(id, start, t));
    }

    /** Reads the sidecar of {@code location} as a JSON tree (for tools and tests). */
    public CompletableFuture<JsonNode> sidecar(String location) {
        return async(() -> {
            Locations.check(id, location);
            try {
                return JSON.readTree(Files.readAllBytes(sidecarFile(location)));
            } catch (NoSuchFileException e) {
                throw new ShardNotFoundException(id, location, "no sidecar stored here");
            }
        });
    }

    private <T> CompletableFuture<T> async(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(body.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new BackendUnavailableException(id, null, "backend is closed", e));
        }
        return f;
    }

    /** Stops accepting requests; requests already running finish. */
    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public String toString() {
        return "LocalFileBackend[" + id + ", " + base + "]";
    }
}
