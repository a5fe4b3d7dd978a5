package org.ourochronos.storage.codec;

/**
 * Data failed an integrity check that leaves nothing to fall back on: the shard checksums of a set no longer match
 * its Merkle root, or rebuilt bytes do not hash to what was recorded at encode time. Never silently ignored.
 */
public class CorruptedDataException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    public CorruptedDataException(String message) {
        super(message);
    }
}
