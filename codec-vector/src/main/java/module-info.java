/**
 * our-storage SIMD kernels on {@code jdk.incubator.vector}: the split-nibble {@code GaloisKernel} for any CPU and
 * the 6+2-bit VBMI kernel for AVX-512 VBMI, offered through {@code GaloisKernelProvider}. The incubator module is
 * optional: without {@code --add-modules jdk.incubator.vector} the provider reports why and the codec uses the
 * scalar kernel.
 */
module org.ourochronos.storage.vector {
    requires org.ourochronos.storage.core;
    requires static jdk.incubator.vector;
    requires java.management;

    provides org.ourochronos.storage.galois.GaloisKernelProvider
            with org.ourochronos.storage.vector.VectorKernelProvider;
}
