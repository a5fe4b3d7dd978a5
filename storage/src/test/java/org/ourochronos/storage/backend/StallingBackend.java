package org.ourochronos.storage.backend;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ourochronos.storage.codec.StorageShard;

/**
 * A stand-in for a backend that hangs (a server that accepts connections and never answers): delegates to a real
 * {@link MemoryBackend} until {@link #stall()} is called, after which every future it returns never completes.
 * Used to exercise the registry's per-backend timeout; it is not the thing under test.
 */
final class StallingBackend implements StorageBackend {

    private final MemoryBackend inner;
    private volatile boolean stalled;

    StallingBackend(String id) {
        inner = new MemoryBackend(id);
    }

    void stall() {
        stalled = true;
    }

    private <T> CompletableFuture<T> maybe(CompletableFuture<T> f) {
        return stalled ? new CompletableFuture<>() : f;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String type() {
        return "stalling";
    }

    @Override
    public CompletableFuture<String> store(StorageShard shard) {
        return stalled ? new CompletableFuture<>() : inner.store(shard);
    }

    @Override
    public CompletableFuture<StorageShard> retrieve(String location) {
        return stalled ? new CompletableFuture<>() : inner.retrieve(location);
    }

    @Override
    public CompletableFuture<Void> delete(String location) {
        return stalled ? new CompletableFuture<>() : inner.delete(location);
    }

    @Override
    public CompletableFuture<Boolean> exists(String location) {
        return maybe(inner.exists(location));
    }

    @Override
    public CompletableFuture<List<String>> list(String prefix) {
        return maybe(inner.list(prefix));
    }

    @Override
    public CompletableFuture<BackendStats> stats() {
        return maybe(inner.stats());
    }

    @Override
    public CompletableFuture<HealthStatus> healthCheck() {
        return maybe(inner.healthCheck());
    }
}
