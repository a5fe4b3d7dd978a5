package org.ourochronos.storage.galois;

/**
 * A coding matrix turned into one kernel's table layout by {@link GaloisKernel#prepare(byte[][])}.
 *
 * <p>Opaque to callers, who only cache it and hand it back to the kernel that made it. Immutable and thread-safe.
 */
public interface PreparedMatrix {

    /** Number of output rows. */
    int rows();

    /** Number of input columns. */
    int columns();

    /** The {@link GaloisKernel#name() name} of the kernel that prepared this matrix. */
    String kernelName();
}
