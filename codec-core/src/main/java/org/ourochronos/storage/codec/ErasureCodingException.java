package org.ourochronos.storage.codec;

/**
 * Base of every exception the codec throws for bad input or unrecoverable data. Unchecked: each subclass names a
 * caller error or a state of the data (too few shards) that retrying with the same input cannot change.
 *
 * <p>It extends {@link IllegalArgumentException} because Backblaze JavaReedSolomon, whose API {@link ReedSolomon}
 * reproduces, throws that type for every one of these conditions: code that catches it keeps working unchanged.
 */
public class ErasureCodingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ErasureCodingException(String message) {
        super(message);
    }

    public ErasureCodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
