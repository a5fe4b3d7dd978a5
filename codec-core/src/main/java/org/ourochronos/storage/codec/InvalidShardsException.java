package org.ourochronos.storage.codec;

/**
 * The shard arrays themselves are unusable: a {@code null} array or shard, the wrong number of shards or of
 * presence flags, a read-only output buffer, duplicate or out-of-range indices, or shards that belong to different
 * shard sets.
 */
public class InvalidShardsException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    public InvalidShardsException(String message) {
        super(message);
    }
}
