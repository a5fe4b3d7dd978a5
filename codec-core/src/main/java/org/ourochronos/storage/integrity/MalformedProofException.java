package org.ourochronos.storage.integrity;

/**
 * Thrown by {@link MerkleProof#fromBytes(byte[])} when the bytes are not a well-formed encoded proof: truncated,
 * with trailing bytes, an unknown format version or algorithm id, a non-canonical number, a leaf index not below
 * the tree size, or a path whose length does not match the index and size.
 *
 * <p>An {@link IllegalArgumentException}: the caller passed bytes that cannot be a proof. A well-formed proof
 * that does not match its leaf or root is not an exception; {@link MerkleProof#verify} returns {@code false}.
 */
public class MalformedProofException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what is wrong with the encoding. */
    public MalformedProofException(String message) {
        super(message);
    }

    /** An exception with a message and the underlying cause. */
    public MalformedProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
