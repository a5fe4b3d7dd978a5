package org.ourochronos.storage.codec;

/**
 * The data or parity shard count is out of range: {@code 1 ≤ k}, {@code 1 ≤ m} and {@code k + m ≤ 256} are
 * required (GF(2^8) has 256 elements, which bounds the number of distinct matrix rows).
 */
public class InvalidShardCountException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    public InvalidShardCountException(String message) {
        super(message);
    }
}
