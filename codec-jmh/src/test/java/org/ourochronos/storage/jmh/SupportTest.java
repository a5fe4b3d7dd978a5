package org.ourochronos.storage.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.galois.CpuInfo;

/** The pieces the suites and bench/run.sh rely on: parameter parsing, kernel resolution, result tagging. */
class SupportTest {

    @Test
    void codeParses() {
        assertEquals(new Code(10, 4), Code.parse("10+4"));
        assertEquals(14, Code.parse(" 10 + 4 ").n());
        assertThrows(IllegalArgumentException.class, () -> Code.parse("10-4"));
        assertThrows(IllegalArgumentException.class, () -> Code.parse("250+7"));
    }

    @Test
    void unknownKernelIsSkippedWithReason() {
        Kernels.KernelUnavailableException e = assertThrows(Kernels.KernelUnavailableException.class,
                () -> Kernels.resolve("no-such-kernel"));
        assertTrue(e.getMessage().startsWith("SKIPPED: kernel no-such-kernel"), e.getMessage());
        assertEquals("scalar", Kernels.resolve("scalar").name());
        assertTrue(Kernels.usableNames().contains("scalar"));
    }

    @Test
    void decodeCannotLoseMoreThanParity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lost.check(new Code(3, 2), 3));
        assertTrue(e.getMessage().startsWith("SKIPPED"));
    }

    @Test
    void cpuTagNamesModelAndLevel() {
        CpuInfo zen4 = new CpuInfo("AMD EPYC 9654 96-Core Processor",
                Set.of("avx2", "avx512f", "avx512vbmi", "gfni"), "amd64", 2);
        CpuInfo skl = new CpuInfo("Intel(R) Core(TM) i7-6700 CPU @ 3.40GHz", Set.of("avx2"), "amd64", 8);
        CpuInfo arm = new CpuInfo("unknown", Set.of("asimd"), "aarch64", 4);
        if (System.getenv("BENCH_CPU_TAG") == null) {
            assertEquals("amd-epyc-9654-96-core_avx512-vbmi-gfni", BenchEnvironment.cpuTag(zen4));
            assertEquals("intel-core-i7-6700_avx2", BenchEnvironment.cpuTag(skl));
            assertEquals("unknown_neon", BenchEnvironment.cpuTag(arm));
            // a VM's vague model name: the microarchitecture keeps a Zen 4's results apart from a Zen 5's
            Set<String> vbmi = Set.of("avx2", "avx512f", "avx512vbmi", "gfni");
            assertEquals("amd-epyc-zen-4_avx512-vbmi-gfni", BenchEnvironment.cpuTag(
                    new CpuInfo("AMD EPYC", vbmi, "amd64", 2, "AuthenticAMD", 25, 17)));
            assertEquals("amd-epyc-zen-5_avx512-vbmi-gfni", BenchEnvironment.cpuTag(
                    new CpuInfo("AMD EPYC", vbmi, "amd64", 2, "AuthenticAMD", 26, 2)));
            assertEquals("intel-xeon-emerald-rapids_avx512-vbmi-gfni", BenchEnvironment.cpuTag(
                    new CpuInfo("Intel(R) Xeon(R) Processor", vbmi, "amd64", 16, "GenuineIntel", 6, 207)));
            assertEquals("amd-epyc-zen_avx2", BenchEnvironment.cpuTag( // QEMU's "EPYC" model, as a KVM guest shows it
                    new CpuInfo("AMD EPYC", Set.of("avx", "avx2", "hypervisor"), "amd64", 2, "AuthenticAMD", 23, 1)));
            assertEquals("amd-epyc_avx512-vbmi-gfni", BenchEnvironment.cpuTag(
                    new CpuInfo("AMD EPYC", vbmi, "amd64", 2, "AuthenticAMD", 99, 1)));
            // a model name that names the part keeps it as it is
            assertEquals("amd-epyc-9654-96-core_avx512-vbmi-gfni", BenchEnvironment.cpuTag(
                    new CpuInfo("AMD EPYC 9654 96-Core Processor", vbmi, "amd64", 2, "AuthenticAMD", 25, 17)));
        }
    }

    @Test
    void microarchitectureFromVendorFamilyAndModel() {
        // the development VMs (their model name says only "AMD EPYC"; a Zen 5, then a Zen 4) and the lent Intel host
        assertEquals("Zen 5", BenchEnvironment.microarchitecture(cpu("AuthenticAMD", 26, 2)));
        assertEquals("Emerald Rapids", BenchEnvironment.microarchitecture(cpu("GenuineIntel", 6, 207)));
        assertEquals("Zen 4", BenchEnvironment.microarchitecture(cpu("AuthenticAMD", 25, 17)));
        assertEquals("Zen 3", BenchEnvironment.microarchitecture(cpu("AuthenticAMD", 25, 1)));
        assertEquals("Zen", BenchEnvironment.microarchitecture(cpu("AuthenticAMD", 23, 1)));
        assertEquals("Zen 2", BenchEnvironment.microarchitecture(cpu("AuthenticAMD", 23, 49)));
        assertEquals("unknown", BenchEnvironment.microarchitecture(cpu("GenuineIntel", 6, 1)));
        assertEquals("unknown", BenchEnvironment.microarchitecture(
                new CpuInfo("AMD EPYC", Set.of(), "amd64", 2)));
    }

    private static CpuInfo cpu(String vendor, int family, int model) {
        return new CpuInfo("x", Set.of(), "amd64", 2, vendor, family, model);
    }

    @Test
    void environmentIsValidJsonShape() {
        Map<String, Object> facts = BenchEnvironment.facts();
        assertTrue(facts.containsKey("cpu.model") && facts.containsKey("cpu.family")
                && facts.containsKey("cpu.microarchitecture") && facts.get("cpu.virtualized") instanceof Boolean
                && facts.containsKey("kernel.vectorBits")
                && facts.containsKey("isal") && facts.containsKey("kernels"), facts.keySet().toString());
        String json = BenchEnvironment.toJson(Map.of("a\"b", List.of(1, true, "x\ny")));
        assertEquals("{\n  \"a\\\"b\": [\n    1,\n    true,\n    \"x\\ny\"\n  ]\n}", json);
    }
}
