package org.ourochronos.storage.backend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.StorageShard;

/**
 * Keeps shards in memory: for tests and caches. Thread-safe; the shards themselves are immutable, so they are
 * kept as they are (no copy) and usage is counted as their {@link ShardFormat#serializedSize serialized size}.
 * Every operation completes before the method returns.
 *
 * <p>An optional quota is enforced as in {@link LocalFileBackend}: space is reserved before the shard becomes
 * visible. Replacing a shard reserves its full size first and gives the old size back afterwards, so a
 * replacement near the limit may be refused.
 *
 * <pre>{@code
 * MemoryBackend cache = new MemoryBackend("cache");          // unlimited
 * MemoryBackend small = new MemoryBackend("small", 1 << 20); // 1 MiB quota
 * String location = cache.store(shard).join();
 * }</pre>
 */
public final class MemoryBackend implements StorageBackend {

    private final String id;
    private final Quota quota;
    private final ConcurrentMap<String, StorageShard> shards = new ConcurrentHashMap<>();

    /** An unlimited memory backend. */
    public MemoryBackend(String id) {
        this(id, BackendStats.UNLIMITED);
    }

    /**
     * @param id    backend id
     * @param quota bytes, or {@link BackendStats#UNLIMITED}
     */
    public MemoryBackend(String id, long quota) {
        this.id = BackendIds.check(id);
        this.quota = new Quota(id, quota);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public CompletableFuture<String> store(StorageShard shard) {
        Objects.requireNonNull(shard, "shard");
        return Futures.now(() -> {
            String location = Locations.of(shard);
            long size = ShardFormat.serializedSize(shard);
            quota.reserve(location, size);
            StorageShard old = shards.put(location, shard);
            if (old != null) {
                quota.release(ShardFormat.serializedSize(old));
            }
            return location;
        });
    }

    @Override
    public CompletableFuture<StorageShard> retrieve(String location) {
        return Futures.now(() -> {
            Locations.check(id, location);
            StorageShard s = shards.get(location);
            if (s == null) {
                throw new ShardNotFoundException(id, location, "no shard stored here");
            }
            return Shards.verified(id, location, s);
        });
    }

    @Override
    public CompletableFuture<Void> delete(String location) {
        return Futures.now(() -> {
            Locations.check(id, location);
            StorageShard old = shards.remove(location);
            if (old != null) {
                quota.release(ShardFormat.serializedSize(old));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> exists(String location) {
        return Futures.now(() -> shards.containsKey(Locations.check(id, location)));
    }

    @Override
    public CompletableFuture<List<String>> list(String prefix) {
        return Futures.now(() -> {
            Locations.checkPrefix(id, prefix);
            return shards.keySet().stream().filter(l -> l.startsWith(prefix)).sorted().toList();
        });
    }

    @Override
    public CompletableFuture<BackendStats> stats() {
        return Futures.now(() -> new BackendStats(shards.size(), quota.used(), quota.limit(), quota.available(), true,
                Instant.now()));
    }

    @Override
    public CompletableFuture<HealthStatus> healthCheck() {
        return CompletableFuture.completedFuture(HealthStatus.ok(id, System.nanoTime()));
    }

    @Override
    public String toString() {
        return "MemoryBackend[" + id + ", " + shards.size() + " shards]";
    }
}
