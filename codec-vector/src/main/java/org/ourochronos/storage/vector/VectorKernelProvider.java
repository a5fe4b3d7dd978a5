package org.ourochronos.storage.vector;

import java.util.List;
import java.util.Optional;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernelProvider;

/**
 * Offers the SIMD kernels of this module ({@link VbmiKernel}, {@link VectorKernel}) to
 * {@link org.ourochronos.storage.galois.GaloisKernels}, registered both as a module-path {@code provides} and a
 * class-path {@code META-INF/services} entry.
 *
 * <p>This class must load on any JVM, so it names no {@code jdk.incubator.vector} type (Lucene's
 * {@code VectorizationProvider} is the model): {@link #unavailableReason()} only asks the boot layer whether the
 * incubator module was resolved, and only {@link #kernels()} loads the classes that use the Vector API. A JVM
 * started without {@code --add-modules jdk.incubator.vector} therefore gets a clear reason and the scalar kernel,
 * never a {@link NoClassDefFoundError}.
 */
public final class VectorKernelProvider implements GaloisKernelProvider {

    /** The incubator module the kernels need. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Public no-argument constructor, as {@link java.util.ServiceLoader} requires on the class path. */
    public VectorKernelProvider() {
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * Empty when {@code jdk.incubator.vector} is in the boot layer; otherwise a reason that says how to enable it.
     */
    @Override
    public Optional<String> unavailableReason() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("module " + VECTOR_MODULE + " is not resolved; start the JVM with --add-modules "
                + VECTOR_MODULE + " to enable the SIMD kernels");
    }

    /**
     * The VBMI kernel and the split-nibble kernel, each stating whether it is usable on this CPU and JVM. Loads the
     * Vector API classes; call only when {@link #unavailableReason()} is empty.
     */
    @Override
    public List<GaloisKernel> kernels() {
        return VectorKernels.all();
    }
}
