package org.ourochronos.storage.backend;

import java.security.MessageDigest;

import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardFormatException;
import org.ourochronos.storage.codec.ShardSetMetadata;
import org.ourochronos.storage.codec.StorageShard;

/** Verification shared by the backends and the registry. */
final class Shards {

    private Shards() {
    }

    /**
     * Parses bytes read from {@code location} and checks them: a whole shard in {@link ShardFormat}, its payload
     * matching its checksum, and the very shard {@code location} names (a good shard copied over another's file is
     * corruption too).
     *
     * @throws CorruptedShardException otherwise
     */
    static StorageShard parseVerified(String backendId, String location, byte[] bytes) {
        StorageShard shard;
        try {
            shard = ShardFormat.fromBytes(bytes);
        } catch (ShardFormatException e) {
            throw new CorruptedShardException(backendId, location, "stored bytes are not a whole shard: "
                    + e.getMessage(), e);
        }
        return verified(backendId, location, shard);
    }

    /** Checks an already parsed shard as {@link #parseVerified(String, String, byte[])} does. */
    static StorageShard verified(String backendId, String location, StorageShard shard) {
        if (!shard.isValid()) {
            throw new CorruptedShardException(backendId, location, "payload of shard " + shard.shardId()
                    + " does not match its checksum");
        }
        if (!Locations.of(shard).equals(location)) {
            throw new CorruptedShardException(backendId, location, "holds shard " + shard.shardId()
                    + ", which belongs at '" + Locations.of(shard) + "'");
        }
        return shard;
    }

    /**
     * Whether {@code shard} claims slot {@code index} of the set {@code metadata} describes, with the checksum
     * recorded for that slot. The payload itself was hashed by the backend on retrieval (its contract) and is
     * hashed again by decode and repair, so it is not re-hashed here.
     */
    static boolean fits(StorageShard shard, ShardSetMetadata metadata, int index) {
        return shard != null && shard.index() == index && shard.belongsTo(metadata)
                && MessageDigest.isEqual(shard.checksum(), metadata.shardChecksum(index));
    }
}
