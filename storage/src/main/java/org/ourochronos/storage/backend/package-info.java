/**
 * Where shards live: the {@link org.ourochronos.storage.backend.StorageBackend} SPI with memory, local-file and
 * S3-compatible implementations, the fault-tolerant {@link org.ourochronos.storage.backend.BackendRegistry}, and
 * the versioned JSON {@link org.ourochronos.storage.backend.ShardManifest}.
 *
 * <pre>{@code
 * BackendRegistry registry = new BackendRegistry();
 * registry.register(new LocalFileBackend("disk-1", Path.of("/srv/a"), BackendStats.UNLIMITED));
 * registry.register(new MemoryBackend("cache"));
 * ShardManifest manifest = registry.storeShardSet(codec.encode(data, "belief-42"));
 * byte[] back = codec.decode(registry.retrieveShardSet(manifest)).orElseThrow();
 * }</pre>
 *
 * <p>Layouts, the manifest format and S3 server set-up are documented in {@code docs/storage.md}.
 */
package org.ourochronos.storage.backend;
