package org.ourochronos.storage.backend;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ourochronos.storage.codec.StorageShard;

/**
 * A stand-in for a backend that hangs (a server that accepts connections and never answers): delegates to a real
 * {@link MemoryBackend} until {@link #stall()} is called, after which every future it returns never completes.
 * It also counts retrievals. Used to exercise the registry's timeout and read path; it is not the thing under test.
 */
final class StallingBackend implements StorageBackend {

    private final MemoryBackend inner;
    private volatile boolean stalled;
    private final java.util.concurrent.atomic.AtomicInteger retrieves = new java.util.concurrent.atomic.AtomicInteger();

    StallingBackend(String id) {
        inner = new MemoryBackend(id);
    }

    /** How many times {@link #retrieve(String)} was called. */
    int retrieves() {
        return retrieves.get();
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
        retrieves.incrementAndGet();
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
