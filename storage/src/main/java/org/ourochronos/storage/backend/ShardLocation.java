package org.ourochronos.storage.backend;

import java.util.Objects;

/**
 * Where one shard lives: a backend id and the location the backend returned.
 *
 * @param backendId the {@link StorageBackend#id()} holding the shard
 * @param location  the location within that backend
 *
 * <pre>{@code
 * ShardLocation where = locations.get(2).orElseThrow();
 * registry.get(where.backendId()).retrieve(where.location());
 * }</pre>
 */
public record ShardLocation(String backendId, String location) {

    /** @throws NullPointerException if either part is null */
    public ShardLocation {
        Objects.requireNonNull(backendId, "backendId");
        Objects.requireNonNull(location, "location");
    }
}
