package org.ourochronos.storage.codec;

/**
 * Bytes that are not a valid serialized shard: wrong magic, unknown version, truncated, trailing garbage,
 * inconsistent fields or a header that fails its CRC. No partially parsed shard is ever returned.
 */
public class ShardFormatException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    public ShardFormatException(String message) {
        super(message);
    }

    public ShardFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
