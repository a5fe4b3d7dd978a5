package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.galois.CpuInfo;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernelProvider;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Discovery and selection of the vector kernels in a JVM started with {@code --add-modules jdk.incubator.vector}
 * and {@code -Dourstorage.kernel=vector} (this module's default surefire run).
 */
class VectorSelectionTest {

    @Test
    void providerIsFoundThroughServiceLoader() {
        List<String> types = ServiceLoader.load(GaloisKernelProvider.class).stream()
                .map(p -> p.type().getName()).toList();
        assertTrue(types.contains(VectorKernelProvider.class.getName()), types.toString());
    }

    @Test
    void providerIsAvailableWithTheIncubatorModule() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test runs with --add-modules jdk.incubator.vector");
        assertEquals("vector", new VectorKernelProvider().name());
        assertTrue(new VectorKernelProvider().unavailableReason().isEmpty());
    }

    @Test
    void kernelsAreNamedAndRankedAboveScalar() {
        List<GaloisKernel> kernels = new VectorKernelProvider().kernels();
        GaloisKernel vbmi = kernels.get(0);
        GaloisKernel nibble = kernels.get(1);
        assertEquals("vector-vbmi-512", vbmi.name());
        assertEquals("vector-nibble-" + nibble.vectorBitWidth(), nibble.name());
        assertTrue(List.of(128, 256, 512).contains(nibble.vectorBitWidth()));
        for (GaloisKernel k : kernels) {
            assertEquals("vector", k.family());
            assertTrue(k.priority() > GaloisKernels.scalar().priority(), k.name());
        }
        assertTrue(vbmi.priority() > nibble.priority());
    }

    @Test
    void vectorPropertySelectsAVectorKernel() {
        assertEquals("vector", System.getProperty(GaloisKernels.PROPERTY));
        CpuInfo cpu = CpuInfo.current();
        assumeTrue(cpu.has("avx2") || cpu.has("asimd"), "only asserted on CPUs with 128-bit+ byte shuffles");
        GaloisKernel selected = GaloisKernels.selected();
        assertEquals("vector", selected.family(), GaloisKernels.selection().reason());
        assertFalse(GaloisKernels.selection().fellBack());
        assertEquals(selected.name(), GaloisKernels.describe().get("kernel"));
    }

    @Test
    void vbmiKernelIsChosenOnAvx512VbmiCpus() {
        assumeTrue(VectorPlatform.hasVbmi(CpuInfo.current()) && VectorPlatform.PREFERRED_BITS == 512,
                "this CPU/JVM has no 512-bit VBMI");
        assertTrue(VbmiKernel.instance().isUsable(), VbmiKernel.instance().unavailableReason().orElse(""));
        assertEquals("vector-vbmi-512", GaloisKernels.selected().name());
        assertEquals("vector-nibble-512", VectorKernel.instance().name());
    }
}
