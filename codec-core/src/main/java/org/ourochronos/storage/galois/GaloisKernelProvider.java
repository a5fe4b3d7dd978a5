package org.ourochronos.storage.galois;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface through which modules contribute {@link GaloisKernel}s, found at run time with
 * {@link java.util.ServiceLoader} (module-path {@code provides} or class-path {@code META-INF/services}).
 *
 * <p>A provider class must load without touching optional platform modules: it checks for them in
 * {@link #unavailableReason()} and only then, in {@link #kernels()}, loads the classes that use them. That is how the
 * vector kernels stay out of the way on a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
public interface GaloisKernelProvider {

    /** A short name for logs, e.g. {@code "vector"}. */
    String name();

    /**
     * Why this provider can offer no kernel on this JVM (with a hint how to enable it), or empty. Must not throw.
     */
    Optional<String> unavailableReason();

    /**
     * The provider's kernels, usable or not (each states its own {@link GaloisKernel#unavailableReason()}). Only
     * called when {@link #unavailableReason()} is empty.
     */
    List<GaloisKernel> kernels();
}
