package org.ourochronos.storage.vector;

import java.util.List;

import org.ourochronos.storage.galois.GaloisKernel;

/**
 * The kernels of this module, in preference order. A separate class so that {@link VectorKernelProvider} loads
 * the Vector API only when {@link VectorKernelProvider#kernels()} is called.
 */
final class VectorKernels {

    private VectorKernels() {
    }

    /** Every kernel of this module, usable or not. */
    static List<GaloisKernel> all() {
        return List.of(VbmiKernel.instance(), VectorKernel.instance());
    }
}
