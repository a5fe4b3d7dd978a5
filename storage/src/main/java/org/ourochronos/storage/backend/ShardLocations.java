package org.ourochronos.storage.backend;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the shards of one set were placed: shard index → {@link ShardLocation}. Immutable; indices are iterated in
 * ascending order.
 *
 * @param setId     the shard set
 * @param locations shard index → backend id and location
 *
 * <pre>{@code
 * ShardLocations placed = registry.distributeShardSet(set);
 * placed.backendIds();      // the distinct backends used
 * placed.get(0);            // Optional[ShardLocation[backendId=disk-1, location=belief-42.0]]
 * }</pre>
 */
public record ShardLocations(String setId, Map<Integer, ShardLocation> locations) {

    /** Copies the map (sorted by index). */
    public ShardLocations {
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(locations, "locations");
        TreeMap<Integer, ShardLocation> copy = new TreeMap<>();
        locations.forEach((i, l) -> copy.put(Objects.requireNonNull(i, "index"), Objects.requireNonNull(l,
                "location of shard " + i)));
        locations = Collections.unmodifiableMap(copy);
    }

    /** The location of shard {@code index}, if placed. */
    public Optional<ShardLocation> get(int index) {
        return Optional.ofNullable(locations.get(index));
    }

    /** The distinct backend ids holding shards of this set, sorted. */
    public Set<String> backendIds() {
        Set<String> ids = new TreeSet<>();
        locations.values().forEach(l -> ids.add(l.backendId()));
        return Collections.unmodifiableSet(ids);
    }

    /** A copy with shard {@code index} at {@code where} (replacing any earlier location). */
    public ShardLocations with(int index, ShardLocation where) {
        Map<Integer, ShardLocation> copy = new TreeMap<>(locations);
        copy.put(index, where);
        return new ShardLocations(setId, copy);
    }

    /** Number of placed shards. */
    public int size() {
        return locations.size();
    }
}
