package org.ourochronos.storage.codec;

/**
 * Shards differ in length, are shorter than {@code offset + byteCount}, or the offset or count is negative.
 * Thrown before any byte of the caller's buffers is written.
 */
public class ShardSizeException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    public ShardSizeException(String message) {
        super(message);
    }
}
