package org.ourochronos.storage.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.ShardSetMetadata;
import org.ourochronos.storage.codec.StorageShard;

/**
 * Somewhere shards can be kept: memory, a local directory, an S3 bucket, ...
 *
 * <p><b>Contract</b> (every bundled backend passes the same contract test suite):
 * <ul>
 *   <li>Every operation is asynchronous. Failures complete the future exceptionally with a
 *       {@link StorageBackendException} subtype whose message names the backend and location;
 *       {@code join()} wraps it in a {@link java.util.concurrent.CompletionException}, see
 *       {@link StorageBackendException#unwrap(Throwable)}. Null arguments throw {@link NullPointerException} at
 *       once.</li>
 *   <li>{@link #store(StorageShard)} returns the shard's location, {@link Locations#of(StorageShard)}; storing
 *       the same shard again replaces it. A store either completes and the whole shard is visible, or fails and
 *       nothing new is visible. A store that would exceed the quota fails with {@link QuotaExceededException}
 *       before writing.</li>
 *   <li>{@link #retrieve(String)} returns the exact shard stored, verified: a damaged object fails with
 *       {@link CorruptedShardException}, never with wrong bytes; an absent one with
 *       {@link ShardNotFoundException}.</li>
 *   <li>{@link #delete(String)} is idempotent: deleting an absent location succeeds.</li>
 *   <li>Malformed locations (see {@link Locations#check(String, String)}) fail with
 *       {@link InvalidLocationException} before anything is touched.</li>
 * </ul>
 *
 * <pre>{@code
 * try (StorageBackend backend = new LocalFileBackend("disk-1", Path.of("/var/lib/shards"), 10L << 30)) {
 *     String location = backend.store(shard).join();
 *     StorageShard back = backend.retrieve(location).join();
 * }
 * }</pre>
 */
public interface StorageBackend extends AutoCloseable {

    /** This backend's unique id (unique within a {@link BackendRegistry}). */
    String id();

    /** The kind of backend: {@code "memory"}, {@code "local-file"}, {@code "s3"}, ... */
    String type();

    /**
     * Stores {@code shard}, replacing any shard at the same location.
     *
     * @return a future of the shard's location, {@link Locations#of(StorageShard)}
     */
    CompletableFuture<String> store(StorageShard shard);

    /** Fetches and verifies the shard at {@code location}. */
    CompletableFuture<StorageShard> retrieve(String location);

    /** Removes the shard at {@code location}; completes normally if there was none. */
    CompletableFuture<Void> delete(String location);

    /** Whether a shard is stored at {@code location}. */
    CompletableFuture<Boolean> exists(String location);

    /** The locations starting with {@code prefix} ({@code ""} for all), sorted. */
    CompletableFuture<List<String>> list(String prefix);

    /** Current usage. */
    CompletableFuture<BackendStats> stats();

    /**
     * Whether the backend can serve requests now. Completes normally with an unhealthy status rather than
     * exceptionally when the backend is down.
     */
    CompletableFuture<HealthStatus> healthCheck();

    /**
     * Stores every available shard of {@code set} here, in parallel; all or nothing: if one store fails, the
     * others are deleted and the future fails with the first failure.
     *
     * @return a future of shard index → location
     */
    default CompletableFuture<Map<Integer, String>> storeShardSet(ShardSet set) {
        Objects.requireNonNull(set, "set");
        List<StorageShard> shards = set.availableShards();
        List<CompletableFuture<String>> futures = new ArrayList<>(shards.size());
        for (StorageShard s : shards) {
            futures.add(store(s));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((ok, failure) -> {
            Map<Integer, String> locations = new TreeMap<>();
            for (int i = 0; i < shards.size(); i++) {
                if (!futures.get(i).isCompletedExceptionally()) {
                    locations.put(shards.get(i).index(), futures.get(i).join());
                }
            }
            if (failure == null) {
                return CompletableFuture.completedFuture(locations);
            }
            // Roll back what did get written, then report the original failure.
            List<CompletableFuture<Void>> deletes = locations.values().stream().map(this::delete).toList();
            return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                    .handle((x, y) -> locations)
                    .thenCompose(x -> CompletableFuture.<Map<Integer, String>>failedFuture(
                            StorageBackendException.unwrap(failure)));
        }).thenCompose(f -> f);
    }

    /**
     * Fetches the shards of a set from their locations here, in parallel. A location that is missing, fails or
     * holds a corrupt or foreign shard leaves its slot empty; the future itself does not fail for that.
     *
     * @param metadata  the set's metadata
     * @param locations shard index → location
     */
    default CompletableFuture<ShardSet> retrieveShardSet(ShardSetMetadata metadata, Map<Integer, String> locations) {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(locations, "locations");
        List<CompletableFuture<StorageShard>> futures = new ArrayList<>();
        locations.forEach((index, location) -> futures.add(retrieve(location)
                .handle((s, t) -> t == null && Shards.fits(s, metadata, index) ? s : null)));
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(x -> ShardSet.of(
                metadata, futures.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList()));
    }

    /** Releases resources (clients, thread pools). The default does nothing. */
    @Override
    default void close() {
    }
}
