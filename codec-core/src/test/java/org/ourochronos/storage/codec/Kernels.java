package org.ourochronos.storage.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * The kernels every codec test runs with: every usable kernel on this JVM. When the suite is re-run with
 * {@code -Dourstorage.kernel=...} (codec-vector does that), the selected kernel comes first and the list is the
 * same, so both the scalar and the vector kernels are exercised in each run.
 */
public final class Kernels {

    private Kernels() {
    }

    public static Stream<GaloisKernel> all() {
        List<GaloisKernel> list = new ArrayList<>();
        list.add(GaloisKernels.selected());
        for (GaloisKernel k : GaloisKernels.usable()) {
            if (!list.contains(k)) {
                list.add(k);
            }
        }
        return list.stream();
    }
}
