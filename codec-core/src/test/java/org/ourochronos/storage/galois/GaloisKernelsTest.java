package org.ourochronos.storage.galois;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GaloisKernelsTest {

    /** A kernel that exists only to drive the selection rules; it delegates the arithmetic to the scalar one. */
    private record FakeKernel(String name, String family, int priority, Optional<String> unavailableReason)
            implements GaloisKernel {
        @Override
        public int vectorBitWidth() {
            return 256;
        }

        @Override
        public PreparedMatrix prepare(byte[][] matrix) {
            return ScalarKernel.instance().prepare(matrix);
        }

        @Override
        public void multiply(PreparedMatrix m, byte[][] in, int io, byte[][] out, int oo, int len) {
            ScalarKernel.instance().multiply(m, in, io, out, oo, len);
        }

        @Override
        public void multiply(PreparedMatrix m, MemorySegment[] in, MemorySegment[] out, long len) {
            ScalarKernel.instance().multiply(m, in, out, len);
        }
    }

    private static final GaloisKernel FAST = new FakeKernel("vector-fast", "vector", 20, Optional.empty());
    private static final GaloisKernel SLOW = new FakeKernel("vector-slow", "vector", 10, Optional.empty());
    private static final GaloisKernel BROKEN = new FakeKernel("vector-broken", "vector", 30,
            Optional.of("needs a CPU flag this machine lacks"));

    private static GaloisKernels.Discovery found(GaloisKernel... extra) {
        List<GaloisKernel> kernels = new java.util.ArrayList<>(List.of(ScalarKernel.instance()));
        kernels.addAll(List.of(extra));
        return new GaloisKernels.Discovery(kernels, List.of());
    }

    @Test
    void autoPicksHighestPriorityUsableKernel() {
        GaloisKernels.Selection s = GaloisKernels.select("auto", found(SLOW, BROKEN, FAST));
        assertSame(FAST, s.selected());
        assertFalse(s.fellBack());
        assertTrue(s.reason().contains("vector-broken unusable: needs a CPU flag"), s.reason());
    }

    @Test
    void scalarCanBeForced() {
        assertSame(ScalarKernel.instance(), GaloisKernels.select("scalar", found(FAST)).selected());
        assertSame(ScalarKernel.instance(), GaloisKernels.select(" SCALAR ", found(FAST)).selected());
    }

    @Test
    void vectorFallsBackToScalarWithReasonWhenNoneUsable() {
        GaloisKernels.Discovery d = new GaloisKernels.Discovery(List.of(ScalarKernel.instance()),
                List.of("vector: jdk.incubator.vector is not in the module graph; add --add-modules jdk.incubator.vector"));
        GaloisKernels.Selection s = GaloisKernels.select("vector", d);
        assertSame(ScalarKernel.instance(), s.selected());
        assertTrue(s.fellBack());
        assertTrue(s.reason().contains("--add-modules jdk.incubator.vector"), s.reason());

        GaloisKernels.Selection auto = GaloisKernels.select("auto", d);
        assertSame(ScalarKernel.instance(), auto.selected());
        assertTrue(auto.fellBack(), "a missing vector provider is a fall-back worth a warning");
    }

    @Test
    void exactNameSelectsThatKernelAndUnknownNameFallsBack() {
        assertSame(SLOW, GaloisKernels.select("vector-slow", found(SLOW, FAST)).selected());
        GaloisKernels.Selection s = GaloisKernels.select("no-such-kernel", found(SLOW, FAST));
        assertSame(FAST, s.selected());
        assertTrue(s.fellBack());
        assertTrue(s.reason().contains("no-such-kernel"));
        GaloisKernels.Selection broken = GaloisKernels.select("vector-broken", found(BROKEN));
        assertSame(ScalarKernel.instance(), broken.selected(), "an unusable kernel is never selected");
    }

    @Test
    void describeNamesKernelCpuAndJvm() {
        Map<String, String> d = GaloisKernels.describe();
        assertEquals(GaloisKernels.selected().name(), d.get("kernel"));
        assertTrue(d.get("jvm").contains(System.getProperty("java.runtime.version")));
        assertTrue(d.containsKey("cpu.model") && d.containsKey("cpu.flags") && d.containsKey("kernel.vectorBits"));
        assertTrue(d.get("kernel.candidates").contains("scalar (usable"));
        assertEquals(String.join("; ", GaloisKernels.selected().notes()), d.get("kernel.notes"));
    }

    @Test
    void usableAlwaysContainsScalar() {
        assertTrue(GaloisKernels.usable().contains(ScalarKernel.instance()));
        assertEquals(Optional.of(ScalarKernel.instance()), GaloisKernels.byName("scalar"));
    }

    @Test
    void cpuInfoParsesProcCpuinfoFormat() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("cpuinfo", ".txt");
        try {
            java.nio.file.Files.writeString(f, """
                    processor\t: 0
                    vendor_id\t: AuthenticAMD
                    cpu family\t: 26
                    model\t\t: 2
                    model name\t: Test CPU 9000
                    flags\t\t: fpu sse4_2 avx2 avx512f avx512vbmi avx512_vbmi2 gfni

                    processor\t: 1
                    vendor_id\t: GenuineIntel
                    cpu family\t: 6
                    model\t\t: 207
                    model name\t: Other
                    flags\t\t: fpu
                    """);
            CpuInfo info = CpuInfo.read(f);
            assertEquals("Test CPU 9000", info.model());
            assertEquals("AuthenticAMD", info.vendor());
            assertEquals(26, info.family());
            assertEquals(2, info.modelNumber(), "the 'model' line, not 'model name'");
            assertTrue(info.has("avx512vbmi"), "Linux spells VBMI without the underscore");
            assertFalse(info.has("avx512bw"));
            assertEquals("sse4_2 avx2 avx512f avx512vbmi avx512_vbmi2 gfni", info.notableFlags());
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void cpuInfoWithoutProcCpuinfoKnowsNothing() {
        CpuInfo info = CpuInfo.read(java.nio.file.Path.of("/nonexistent/cpuinfo"));
        assertEquals("unknown", info.model());
        assertEquals("unknown", info.vendor());
        assertEquals(-1, info.family());
        assertEquals(-1, info.modelNumber());
        assertTrue(info.flags().isEmpty());
    }
}
