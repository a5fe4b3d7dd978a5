package org.ourochronos.storage.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RecoveryResult;
import org.ourochronos.storage.codec.RepairResult;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.ShardSetMetadata;
import org.ourochronos.storage.codec.StorageShard;

/**
 * A set of named {@link StorageBackend}s and the fault-tolerant operations over them: spreading a shard set across
 * backends, fetching it back while some are down, and repairing it onto the healthy ones.
 *
 * <ul>
 *   <li>{@link #distributeShardSet(ShardSet)} asks the {@link PlacementPolicy} (round robin by default) for each
 *       shard's candidate backends, stores all shards in parallel, and when a backend fails (or does not answer
 *       within the per-backend timeout) moves that shard to the next candidate not yet failed in this operation.
 *       If some shard finds no working backend, every shard already written is deleted and a
 *       {@link ShardPlacementException} says why: nothing is left half-stored.</li>
 *   <li>{@link #retrieveShardSet(ShardManifest)} fetches all shards in parallel, each with the per-backend timeout
 *       ({@code orTimeout}); a missing, failing, slow, corrupt or foreign shard becomes an empty slot, so up to
 *       n − k failures still give a set that decodes.</li>
 *   <li>{@link #retrieveObject(ShardManifest, ErasureCodec)} is the read path: the k data shards first, parity
 *       only when one of them fails.</li>
 *   <li>{@link #repairShardSet(ShardManifest, ErasureCodec)} regenerates missing and corrupt shards and stores
 *       them on backends that answered, returning the updated manifest.</li>
 * </ul>
 *
 * <p>Thread-safe. The set-level operations block the calling thread until done (the per-shard work runs in
 * parallel on the backends' own threads); {@code register}/{@code unregister} may be called concurrently with
 * them and take effect for operations started afterwards.
 *
 * <pre>{@code
 * BackendRegistry registry = new BackendRegistry();
 * registry.register(new LocalFileBackend("disk-1", Path.of("/srv/a"), BackendStats.UNLIMITED));
 * registry.register(new S3Backend(S3Config.builder().id("s3-eu").bucket("shards").build()));
 * ...
 * ShardManifest manifest = registry.storeShardSet(codec.encode(data, "belief-42"));
 * byte[] back = registry.retrieveObject(manifest, codec);
 * }</pre>
 */
public final class BackendRegistry {

    /** The per-backend timeout of {@link #BackendRegistry()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, StorageBackend> backends = new LinkedHashMap<>(); // guarded by this
    private final PlacementPolicy policy;
    private final long timeoutNanos;

    /** Round-robin placement, {@link #DEFAULT_TIMEOUT} per backend call. */
    public BackendRegistry() {
        this(PlacementPolicy.roundRobin(), DEFAULT_TIMEOUT);
    }

    /**
     * @param policy            where shards go
     * @param perBackendTimeout how long one backend call may take before it counts as failed
     */
    public BackendRegistry(PlacementPolicy policy, Duration perBackendTimeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(perBackendTimeout, "perBackendTimeout");
        if (perBackendTimeout.isNegative() || perBackendTimeout.isZero()) {
            throw new IllegalArgumentException("per-backend timeout must be positive, got " + perBackendTimeout);
        }
        this.timeoutNanos = perBackendTimeout.toNanos();
    }

    // ------------------------------------------------------------------------------------------------ registry

    /**
     * Adds {@code backend}.
     *
     * @throws DuplicateBackendException if a backend with the same id is registered
     */
    public synchronized void register(StorageBackend backend) {
        Objects.requireNonNull(backend, "backend");
        String id = backend.id();
        if (backends.containsKey(id)) {
            throw new DuplicateBackendException(id, null, "a backend with this id is already registered ("
                    + backends.get(id).type() + ")");
        }
        backends.put(id, backend);
    }

    /**
     * Removes and returns the backend {@code id} (it is not closed).
     *
     * @throws UnknownBackendException if none is registered under {@code id}
     */
    public synchronized StorageBackend unregister(String id) {
        StorageBackend b = backends.remove(Objects.requireNonNull(id, "id"));
        if (b == null) {
            throw unknown(id);
        }
        return b;
    }

    /**
     * The backend {@code id}.
     *
     * @throws UnknownBackendException if none is registered under {@code id}
     */
    public synchronized StorageBackend get(String id) {
        StorageBackend b = backends.get(Objects.requireNonNull(id, "id"));
        if (b == null) {
            throw unknown(id);
        }
        return b;
    }

    /** The registered backends in registration order (a snapshot). */
    public synchronized List<StorageBackend> list() {
        return List.copyOf(backends.values());
    }

    private UnknownBackendException unknown(String id) {
        return new UnknownBackendException(id, null, "no backend registered with this id (registered: "
                + backends.keySet() + ")");
    }

    private synchronized Map<String, StorageBackend> snapshot() {
        return new LinkedHashMap<>(backends);
    }

    // ------------------------------------------------------------------------------------------------ health

    /**
     * Stats of every backend, in parallel. A backend that fails or times out is reported with
     * {@link BackendStats#unavailable(Instant)}; this method does not throw for it.
     *
     * @return backend id → stats, in registration order
     */
    public Map<String, BackendStats> statsAll() {
        Map<String, CompletableFuture<BackendStats>> futures = new LinkedHashMap<>();
        snapshot().forEach((id, b) -> futures.put(id, timed(b::stats)
                .exceptionally(t -> BackendStats.unavailable(Instant.now()))));
        Map<String, BackendStats> out = new LinkedHashMap<>();
        futures.forEach((id, f) -> out.put(id, f.join()));
        return out;
    }

    /**
     * Health of every backend, in parallel. A backend whose check fails or times out is reported unhealthy; this
     * method does not throw for it.
     *
     * @return backend id → status, in registration order
     */
    public Map<String, HealthStatus> healthCheckAll() {
        Map<String, CompletableFuture<HealthStatus>> futures = new LinkedHashMap<>();
        snapshot().forEach((id, b) -> {
            long start = System.nanoTime();
            futures.put(id, timed(b::healthCheck).exceptionally(t -> HealthStatus.failed(id, start, t)));
        });
        Map<String, HealthStatus> out = new LinkedHashMap<>();
        futures.forEach((id, f) -> out.put(id, f.join()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ placement

    /**
     * Stores every shard of a complete set across the registered backends (see the class comment).
     *
     * @return where each shard went
     * @throws IllegalArgumentException if the set is not complete (use {@link #repairShardSet} for partial ones)
     * @throws ShardPlacementException  if some shard could not be stored anywhere; nothing of the set remains
     *                                  stored then
     */
    public ShardLocations distributeShardSet(ShardSet set) {
        Objects.requireNonNull(set, "set");
        if (!set.missingIndices().isEmpty()) {
            throw new IllegalArgumentException("shard set '" + set.setId() + "' is incomplete (missing "
                    + set.missingIndices() + "); encode or repair it before distributing");
        }
        return place(set.metadata(), set.availableShards(), Set.of(), null);
    }

    /**
     * {@link #distributeShardSet(ShardSet)} and the manifest describing the result.
     *
     * @throws ShardPlacementException as {@code distributeShardSet}
     */
    public ShardManifest storeShardSet(ShardSet set) {
        return new ShardManifest(set.metadata(), distributeShardSet(set));
    }

    /**
     * Places {@code shards} on the backends not in {@code excluded}. With a {@code load} (backend id → shards of
     * this set it already holds; used by repair), backends holding fewer come first — the policy's order breaks
     * ties — and each shard planned here counts towards the load of its first choice, so several regenerated
     * shards spread out instead of piling onto one backend. Without one, the policy's order is followed as is.
     */
    private ShardLocations place(ShardSetMetadata m, List<StorageShard> shards, Set<String> excluded,
                                 Map<String, Integer> load) {
        Map<String, StorageBackend> all = snapshot();
        List<String> ids = all.keySet().stream().filter(id -> !excluded.contains(id)).toList();
        if (ids.isEmpty()) {
            Map<Integer, Throwable> why = new TreeMap<>();
            shards.forEach(s -> why.put(s.index(), new BackendUnavailableException(null, null,
                    "no usable backend registered (registered: " + all.keySet() + ", excluded: " + excluded + ")")));
            throw new ShardPlacementException(m.setId(), why);
        }
        Set<String> failed = ConcurrentHashMap.newKeySet();
        Map<Integer, CompletableFuture<ShardLocation>> futures = new TreeMap<>();
        Map<String, Integer> planned = load == null ? null : new HashMap<>(load);
        for (StorageShard s : shards) {
            List<String> candidates = new ArrayList<>(policy.candidates(m, s.index(), ids).stream()
                    .filter(ids::contains).distinct().toList());
            if (planned != null && !candidates.isEmpty()) {
                // Stable sort: the policy's order among equally loaded backends is kept.
                candidates.sort(Comparator.comparingInt(id -> planned.getOrDefault(id, 0)));
                planned.merge(candidates.getFirst(), 1, Integer::sum);
            }
            futures.put(s.index(), attempt(all, s, candidates, 0, failed, null));
        }
        Settled<ShardLocation> settled = settle(futures);
        if (settled.failures().isEmpty()) {
            return new ShardLocations(m.setId(), settled.values());
        }
        ShardPlacementException e = new ShardPlacementException(m.setId(), settled.failures());
        deleteAll(all, settled.values()).values().forEach(e::addSuppressed); // roll back
        throw e;
    }

    /** Stores {@code s} on the first candidate from {@code pos} on that has not failed; fails over on error. */
    private CompletableFuture<ShardLocation> attempt(Map<String, StorageBackend> all, StorageShard s,
                                                     List<String> candidates, int pos, Set<String> failed,
                                                     Throwable last) {
        int p = pos;
        while (p < candidates.size() && failed.contains(candidates.get(p))) {
            p++;
        }
        if (p == candidates.size()) {
            return CompletableFuture.failedFuture(last != null ? StorageBackendException.unwrap(last)
                    : new BackendUnavailableException(null, null, "every candidate backend " + candidates
                            + " failed during this operation"));
        }
        String id = candidates.get(p);
        StorageBackend b = all.get(id);
        int next = p + 1;
        CompletableFuture<String> raw = Futures.call(() -> b.store(s));
        return raw.copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).handle((location, t) -> {
            if (t == null) {
                return CompletableFuture.completedFuture(new ShardLocation(id, location));
            }
            failed.add(id);
            if (StorageBackendException.unwrap(t) instanceof TimeoutException) {
                // The write may still finish later: remove it then, the shard is going elsewhere.
                raw.thenAccept(loc -> b.delete(loc));
                t = new BackendUnavailableException(id, Locations.of(s), "store did not finish within "
                        + Duration.ofNanos(timeoutNanos), t);
            }
            return attempt(all, s, candidates, next, failed, t);
        }).thenCompose(f -> f);
    }

    // ------------------------------------------------------------------------------------------------ retrieval

    /** Same as {@code retrieveShardSet(manifest.metadata(), manifest.locations())}. */
    public ShardSet retrieveShardSet(ShardManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        return retrieveShardSet(manifest.metadata(), manifest.locations());
    }

    /**
     * Fetches every listed shard in parallel, each call limited to the per-backend timeout. Shards on unknown
     * backends, missing, failing, timed out, corrupt, or not matching the checksum recorded for their slot become
     * empty slots. Never throws for those; decode the result (it needs k of the n slots).
     *
     * @param metadata  the set's metadata
     * @param locations where its shards are
     * @return the set with whatever could be fetched
     */
    public ShardSet retrieveShardSet(ShardSetMetadata metadata, ShardLocations locations) {
        return fetch(metadata, locations).set();
    }

    /**
     * Reads the object back: fetches the k data shards first and decodes; only if one of them is missing,
     * failing, slow or corrupt does it fetch the parity shards too (a degraded read). With all data shards
     * healthy this moves and hashes k shards instead of n.
     *
     * <pre>{@code
     * byte[] data = registry.retrieveObject(manifest, new ErasureCodec(RedundancyLevel.PERSONAL));
     * }</pre>
     *
     * @return the original bytes, checked against the manifest's object checksum by the codec
     * @throws org.ourochronos.storage.codec.CorruptedDataException if fewer than k good shards could be fetched
     */
    public byte[] retrieveObject(ShardManifest manifest, ErasureCodec codec) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(codec, "codec");
        ShardSetMetadata m = manifest.metadata();
        Map<Integer, ShardLocation> data = new TreeMap<>();
        Map<Integer, ShardLocation> parity = new TreeMap<>();
        manifest.locations().locations().forEach((i, l) -> (i < m.dataShards() ? data : parity).put(i, l));
        ShardSet first = fetch(m, new ShardLocations(m.setId(), data)).set();
        if (first.availableShards().size() == m.dataShards()) {
            RecoveryResult r = codec.decode(first);
            if (r.success()) {
                return r.recoveredData();
            }
        }
        ShardSet rest = fetch(m, new ShardLocations(m.setId(), parity)).set();
        List<StorageShard> all = new ArrayList<>(first.availableShards());
        all.addAll(rest.availableShards());
        return codec.decode(ShardSet.of(m, all)).orElseThrow();
    }

    /** A retrieved set plus, per slot that stayed empty, why. */
    private record Fetched(ShardSet set, Map<Integer, Throwable> failures) {
    }

    private Fetched fetch(ShardSetMetadata metadata, ShardLocations locations) {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(locations, "locations");
        if (!metadata.setId().equals(locations.setId())) {
            throw new IllegalArgumentException("locations are for set '" + locations.setId() + "', metadata for '"
                    + metadata.setId() + "'");
        }
        Map<String, StorageBackend> all = snapshot();
        Map<Integer, CompletableFuture<StorageShard>> futures = new TreeMap<>();
        locations.locations().forEach((i, where) -> {
            StorageBackend b = all.get(where.backendId());
            CompletableFuture<StorageShard> f = b == null
                    ? CompletableFuture.failedFuture(unknown(where.backendId()))
                    : timed(() -> b.retrieve(where.location()));
            futures.put(i, f.thenApply(s -> {
                if (!Shards.fits(s, metadata, i)) {
                    throw new CorruptedShardException(where.backendId(), where.location(), "holds "
                            + s.shardId() + ", which is not shard " + i + " of set '" + metadata.setId()
                            + "' as the manifest records it");
                }
                return s;
            }));
        });
        Settled<StorageShard> settled = settle(futures);
        return new Fetched(ShardSet.of(metadata, settled.values().values()), settled.failures());
    }

    // ------------------------------------------------------------------------------------------------ repair

    /**
     * Fetches the set, regenerates every missing or corrupt shard with {@code codec}, stores the regenerated
     * shards on backends that answered (preferring those holding fewest shards of the set), deletes the
     * replaced copies where it can, and returns the updated manifest. Backends that were unreachable or timed
     * out while fetching receive no new shards.
     *
     * @return the manifest to keep from now on (the same one if nothing needed repair)
     * @throws org.ourochronos.storage.codec.InsufficientShardsException if fewer than k shards could be fetched
     * @throws ShardPlacementException    if the regenerated shards could not be stored; the old manifest then
     *                                    still describes what is stored
     */
    public ShardManifest repairShardSet(ShardManifest manifest, ErasureCodec codec) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(codec, "codec");
        Fetched fetched = fetch(manifest.metadata(), manifest.locations());
        RepairResult repair = codec.repair(fetched.set());
        if (repair.repairedIndices().isEmpty()) {
            return manifest;
        }
        Set<String> unreachable = new java.util.HashSet<>();
        fetched.failures().forEach((i, t) -> {
            if (t instanceof BackendUnavailableException || t instanceof UnknownBackendException
                    || t instanceof TimeoutException) {
                unreachable.add(manifest.locations().get(i).orElseThrow().backendId());
            }
        });
        Map<String, Integer> load = new HashMap<>();
        manifest.locations().locations().forEach((i, l) -> {
            if (!repair.repairedIndices().contains(i)) {
                load.merge(l.backendId(), 1, Integer::sum);
            }
        });
        List<StorageShard> regenerated = repair.repairedIndices().stream()
                .map(i -> repair.shardSet().shard(i).orElseThrow()).toList();
        ShardLocations placed = place(manifest.metadata(), regenerated, unreachable, load);

        ShardLocations merged = manifest.locations();
        Map<Integer, ShardLocation> stale = new TreeMap<>();
        for (var e : placed.locations().entrySet()) {
            manifest.locations().get(e.getKey()).filter(old -> !old.equals(e.getValue()))
                    .filter(old -> !unreachable.contains(old.backendId()))
                    .ifPresent(old -> stale.put(e.getKey(), old));
            merged = merged.with(e.getKey(), e.getValue());
        }
        deleteAll(snapshot(), stale); // best effort: the new manifest no longer points there
        return new ShardManifest(manifest.metadata(), merged);
    }

    /**
     * Deletes every shard of the manifest, in parallel, best effort.
     *
     * @return shard index → failure, for the shards that could not be deleted (empty if all went)
     */
    public Map<Integer, Throwable> deleteShardSet(ShardManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        return deleteAll(snapshot(), manifest.locations().locations());
    }

    private Map<Integer, Throwable> deleteAll(Map<String, StorageBackend> all, Map<Integer, ShardLocation> where) {
        Map<Integer, CompletableFuture<Void>> futures = new TreeMap<>();
        where.forEach((i, l) -> {
            StorageBackend b = all.get(l.backendId());
            futures.put(i, b == null ? CompletableFuture.failedFuture(unknown(l.backendId()))
                    : timed(() -> b.delete(l.location())));
        });
        return settle(futures).failures();
    }

    /** Per shard index, the value or the (unwrapped) failure of each future, once all have completed. */
    private record Settled<T>(Map<Integer, T> values, Map<Integer, Throwable> failures) {
    }

    private static <T> Settled<T> settle(Map<Integer, CompletableFuture<T>> futures) {
        Map<Integer, T> values = new TreeMap<>();
        Map<Integer, Throwable> failures = new TreeMap<>();
        futures.forEach((i, f) -> f.handle((v, t) -> {
            if (t == null) {
                values.put(i, v);
            } else {
                failures.put(i, StorageBackendException.unwrap(t));
            }
            return null;
        }).join());
        return new Settled<>(values, failures);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A backend call that cannot throw synchronously and is limited to the per-backend timeout. */
    private <T> CompletableFuture<T> timed(Supplier<CompletableFuture<T>> op) {
        return Futures.call(op).copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
