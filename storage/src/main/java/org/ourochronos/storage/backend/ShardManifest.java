package org.ourochronos.storage.backend;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ErasureCodingException;
import org.ourochronos.storage.codec.ShardSetMetadata;
import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.Hex;

/**
 * Everything needed to fetch and decode a shard set, without its bytes: the set's {@link ShardSetMetadata} plus
 * where each shard was placed. Serialised as versioned JSON ({@code "formatVersion": 1}; byte arrays as lowercase
 * hex; timestamps ISO-8601) so another process can {@link #fromJson(String) read} it, hand it to
 * {@link BackendRegistry#retrieveShardSet(ShardManifest)} and decode. The format is documented in
 * {@code docs/storage.md}.
 *
 * <pre>{@code
 * ShardManifest manifest = registry.storeShardSet(codec.encode(data, "belief-42"));
 * Files.writeString(path, manifest.toJson());
 * // elsewhere:
 * ShardManifest back = ShardManifest.fromJson(Files.readString(path));
 * byte[] data = codec.decode(registry.retrieveShardSet(back)).orElseThrow();
 * }</pre>
 *
 * @param metadata  the set's metadata (checksums, Merkle root, shape)
 * @param locations where its shards are
 */
public record ShardManifest(ShardSetMetadata metadata, ShardLocations locations) {

    /** The version {@link #toJson()} writes and {@link #fromJson(String)} reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @throws IllegalArgumentException if the locations belong to another set or name indices outside 0..n−1
     */
    public ShardManifest {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(locations, "locations");
        if (!metadata.setId().equals(locations.setId())) {
            throw new IllegalArgumentException("locations are for set '" + locations.setId() + "', metadata for '"
                    + metadata.setId() + "'");
        }
        for (int i : locations.locations().keySet()) {
            if (i < 0 || i >= metadata.totalShards()) {
                throw new IllegalArgumentException("location for shard " + i + " outside 0.."
                        + (metadata.totalShards() - 1) + " of set '" + metadata.setId() + "'");
            }
        }
    }

    /** The set id. */
    public String setId() {
        return metadata.setId();
    }

    /** The manifest as pretty-printed JSON (format version {@value #FORMAT_VERSION}). */
    public String toJson() {
        ShardSetMetadata m = metadata;
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("setId", m.setId());
        n.put("dataShards", m.dataShards());
        n.put("totalShards", m.totalShards());
        n.put("codingMatrix", m.codingMatrix().name().toLowerCase(java.util.Locale.ROOT));
        n.put("originalSize", m.originalSize());
        n.put("checksumAlgorithm", m.checksumAlgorithm().canonicalName());
        n.put("originalChecksum", Hex.toHex(m.originalChecksum()));
        n.put("merkleRoot", Hex.toHex(m.merkleRoot()));
        ArrayNode sums = n.putArray("shardChecksums");
        m.shardChecksums().forEach(c -> sums.add(Hex.toHex(c)));
        n.put("contentType", m.contentType());
        n.put("createdAt", m.createdAt().toString());
        n.put("lastVerified", m.lastVerified() == null ? null : m.lastVerified().toString());
        n.put("beliefId", m.beliefId());
        ArrayNode locs = n.putArray("locations");
        locations.locations().forEach((i, l) -> locs.addObject()
                .put("index", i).put("backendId", l.backendId()).put("location", l.location()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /**
     * Parses a manifest written by {@link #toJson()}. Every field is checked; the metadata's own validation
     * (digest lengths, checksums reproducing the Merkle root) applies too.
     *
     * @throws ManifestFormatException if {@code json} is not valid JSON, has another {@code formatVersion}, lacks a
     *                                 field, has a field of the wrong type or bad hex, or describes an
     *                                 inconsistent set
     */
    public static ShardManifest fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestFormatException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new ManifestFormatException("manifest must be a JSON object");
        }
        JsonNode version = n.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new ManifestFormatException("manifest has no integer 'formatVersion'");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new ManifestFormatException("unsupported manifest formatVersion " + version.intValue()
                    + " (this library reads " + FORMAT_VERSION + ")");
        }
        try {
            String setId = text(n, "setId");
            int k = integer(n, "dataShards");
            int total = integer(n, "totalShards");
            CodingMatrix matrix = CodingMatrix.fromName(text(n, "codingMatrix"));
            JsonNode size = field(n, "originalSize");
            if (!size.canConvertToLong() || !size.isIntegralNumber()) {
                throw new ManifestFormatException("'originalSize' must be an integer");
            }
            HashAlgorithm algorithm = HashAlgorithm.fromName(text(n, "checksumAlgorithm"));
            byte[] original = hex(n, "originalChecksum");
            byte[] root = hex(n, "merkleRoot");
            JsonNode sums = field(n, "shardChecksums");
            if (!sums.isArray()) {
                throw new ManifestFormatException("'shardChecksums' must be an array");
            }
            List<byte[]> checksums = new ArrayList<>();
            for (JsonNode s : sums) {
                if (!s.isTextual()) {
                    throw new ManifestFormatException("'shardChecksums' must hold hex strings");
                }
                checksums.add(Hex.fromHex(s.textValue()));
            }
            ShardSetMetadata metadata = new ShardSetMetadata(setId, k, total, matrix, size.longValue(), algorithm,
                    original, root, checksums, optionalText(n, "contentType"),
                    Instant.parse(text(n, "createdAt")), optionalInstant(n, "lastVerified"),
                    optionalText(n, "beliefId"));
            JsonNode locs = field(n, "locations");
            if (!locs.isArray()) {
                throw new ManifestFormatException("'locations' must be an array");
            }
            Map<Integer, ShardLocation> map = new TreeMap<>();
            for (JsonNode l : locs) {
                if (!l.isObject()) {
                    throw new ManifestFormatException("'locations' must hold objects");
                }
                int index = integer(l, "index");
                ShardLocation where = new ShardLocation(text(l, "backendId"), text(l, "location"));
                if (map.put(index, where) != null) {
                    throw new ManifestFormatException("two locations for shard " + index);
                }
            }
            return new ShardManifest(metadata, new ShardLocations(setId, map));
        } catch (ManifestFormatException e) {
            throw e;
        } catch (ErasureCodingException e) {
            // wrong digest length, impossible shape, checksums not matching the Merkle root, ...
            throw new ManifestFormatException("invalid manifest: " + e.getMessage(), e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // bad hex, unknown algorithm or matrix, unparseable timestamp, index outside 0..n-1
            throw new ManifestFormatException("invalid manifest: " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new ManifestFormatException("manifest field '" + name + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new ManifestFormatException("manifest field '" + name + "' must be a string");
        }
        return v.textValue();
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isInt()) {
            throw new ManifestFormatException("manifest field '" + name + "' must be an integer");
        }
        return v.intValue();
    }

    private static byte[] hex(JsonNode n, String name) {
        return Hex.fromHex(text(n, name));
    }

    private static String optionalText(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ManifestFormatException("manifest field '" + name + "' must be a string or null");
        }
        return v.textValue();
    }

    private static Instant optionalInstant(JsonNode n, String name) {
        String s = optionalText(n, name);
        return s == null ? null : Instant.parse(s);
    }
}
