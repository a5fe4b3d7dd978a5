package org.ourochronos.storage.codec;

/**
 * Fewer than k usable shards are present, so the data cannot be reconstructed. Carries how many were present and
 * how many are needed.
 */
public class InsufficientShardsException extends ErasureCodingException {

    private static final long serialVersionUID = 1L;

    private final int present;
    private final int required;

    public InsufficientShardsException(int present, int required) {
        this(present, required, "");
    }

    public InsufficientShardsException(int present, int required, String detail) {
        super("too few shards to reconstruct: " + present + " usable, " + required + " required"
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.present = present;
        this.required = required;
    }

    /** Number of usable shards that were present. */
    public int present() {
        return present;
    }

    /** Number of shards needed (k). */
    public int required() {
        return required;
    }
}
