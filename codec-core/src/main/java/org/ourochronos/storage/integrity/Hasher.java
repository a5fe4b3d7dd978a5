package org.ourochronos.storage.integrity;

import java.nio.ByteBuffer;

/**
 * An incremental hash computation: feed bytes with {@code update}, then take the result with {@link #digest()}.
 *
 * <p>Feeding a message in any split gives the same digest as hashing it in one piece with
 * {@link HashAlgorithm#hash(byte[])}. {@link #digest()} resets the hasher, so one instance can hash many messages
 * in turn (the Merkle tree does this for its nodes). Instances are not thread-safe; take one per thread from
 * {@link HashAlgorithm#newHasher()}.
 *
 * <pre>{@code
 * Hasher h = HashAlgorithm.BLAKE2B_256.newHasher();
 * h.update(header).update(body, 0, bodyLength);
 * byte[] digest = h.digest();
 * }</pre>
 */
public sealed interface Hasher permits Blake2b, JdkHasher {

    /** Length in bytes of the digests this hasher produces. */
    int digestLength();

    /** Feeds one byte. */
    Hasher update(byte b);

    /** Feeds all of {@code data}. */
    default Hasher update(byte[] data) {
        return update(data, 0, data.length);
    }

    /**
     * Feeds {@code length} bytes of {@code data} starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    Hasher update(byte[] data, int offset, int length);

    /** Feeds the remaining bytes of {@code data} (heap or direct), leaving its position at its limit. */
    Hasher update(ByteBuffer data);

    /** Finishes the hash, returns the digest and resets this hasher to its initial state. */
    byte[] digest();

    /**
     * Finishes the hash, writes the {@link #digestLength()} digest bytes to {@code out[offset..]} and resets this
     * hasher.
     *
     * @throws IndexOutOfBoundsException if the digest does not fit at {@code offset}
     */
    void digestInto(byte[] out, int offset);

    /** Discards everything fed so far. */
    Hasher reset();
}
