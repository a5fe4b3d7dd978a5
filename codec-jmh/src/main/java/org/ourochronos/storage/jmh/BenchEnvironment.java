package org.ourochronos.storage.jmh;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ourochronos.storage.galois.CpuInfo;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Prints, as one JSON object, the facts a benchmark result must be tagged with: CPU model and flags, JVM, JVM flags,
 * every kernel with its vector width and usability (from {@link GaloisKernels#describe()}), the peers' versions
 * and a file-name-safe CPU tag. {@code bench/run.sh} runs it with the same JVM flags as the JMH forks, stores it
 * next to the JMH JSON and passes the usable kernel names to JMH.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar org.ourochronos.storage.jmh.BenchEnvironment}
 */
public final class BenchEnvironment {

    private BenchEnvironment() {
    }

    public static void main(String[] args) {
        System.out.println(toJson(facts()));
    }

    /** The facts, in a stable order. */
    public static Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        CpuInfo cpu = CpuInfo.current();
        f.put("cpuTag", cpuTag(cpu));
        f.putAll(GaloisKernels.describe());
        f.put("cpu.vendor", cpu.vendor());
        f.put("cpu.family", cpu.family());
        f.put("cpu.modelNumber", cpu.modelNumber());
        f.put("cpu.microarchitecture", microarchitecture(cpu));
        // in a virtual machine family and model are what the hypervisor presents, not necessarily the host's part
        f.put("cpu.virtualized", cpu.has("hypervisor"));
        f.put("jvm.args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        f.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        f.put("kernels.usable", Kernels.usableNames());
        List<Map<String, Object>> kernels = GaloisKernels.selection().candidates().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", k.name());
            m.put("family", k.family());
            m.put("vectorBits", k.vectorBitWidth());
            m.put("priority", k.priority());
            m.put("usable", k.isUsable());
            m.put("unavailableReason", k.unavailableReason().orElse(""));
            return m;
        }).toList();
        f.put("kernels", kernels);
        f.put("isal", IsaL.describe());
        f.put("isal.available", IsaL.isAvailable());
        f.put("hadoop", HadoopRs.describe());
        return f;
    }

    /**
     * The microarchitecture, for the server parts we have results for or expect, else "unknown"; from the vendors'
     * published family/model numbers (AMD family 0x17 is Zen to Zen 2, 0x19 Zen 3 and Zen 4, 0x1A Zen 5). It
     * decides what a result means: Zen 4 executes 512-bit operations in two halves, Zen 5 does not, so the same code
     * and the same peers give different ratios.
     */
    static String microarchitecture(CpuInfo cpu) {
        int model = cpu.modelNumber();
        if (cpu.vendor().equals("AuthenticAMD")) {
            return switch (cpu.family()) {
                case 0x17 -> model < 0x30 ? "Zen" : "Zen 2"; // Zen+ (0x08, 0x18) counts as Zen
                case 0x19 -> model >= 0x10 && model <= 0x1f || model >= 0x60 && model <= 0xaf ? "Zen 4" : "Zen 3";
                case 0x1a -> "Zen 5";
                default -> "unknown";
            };
        }
        if (cpu.vendor().equals("GenuineIntel") && cpu.family() == 6) {
            return switch (model) {
                case 0x55 -> "Skylake-SP / Cascade Lake";
                case 0x6a, 0x6c -> "Ice Lake-SP";
                case 0x8f -> "Sapphire Rapids";
                case 0xcf -> "Emerald Rapids";
                case 0xad, 0xae -> "Granite Rapids";
                default -> "unknown";
            };
        }
        return "unknown";
    }

    /**
     * A short, file-name-safe tag for the results folder: the CPU model, then the widest instruction-set level
     * the kernels care about (e.g. {@code amd-epyc-9654-96-core_avx512-vbmi-gfni}). A model name without a digit
     * names no part (virtual machines often say just "AMD EPYC", for a Zen 4 and a Zen 5 alike), so the
     * {@linkplain #microarchitecture microarchitecture} follows it where it is known:
     * {@code amd-epyc-zen-4_avx512-vbmi-gfni}. Environment variable {@code BENCH_CPU_TAG} overrides the tag.
     */
    public static String cpuTag(CpuInfo cpu) {
        String env = System.getenv("BENCH_CPU_TAG");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        String model = cpu.model().toLowerCase(Locale.ROOT).replaceAll("\\(r\\)|\\(tm\\)|cpu|processor|@.*", " ")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String microarchitecture = microarchitecture(cpu);
        if (!model.matches(".*[0-9].*") && !microarchitecture.equals("unknown")) {
            model = (model.isEmpty() || model.equals("unknown") ? "" : model + "-")
                    + microarchitecture.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
        StringBuilder level = new StringBuilder();
        if (cpu.has("avx512f")) {
            level.append("avx512");
            if (cpu.has("avx512vbmi") || cpu.has("avx512_vbmi")) { // Linux spells it avx512vbmi
                level.append("-vbmi");
            }
        } else if (cpu.has("avx2")) {
            level.append("avx2");
        } else if (cpu.has("asimd")) {
            level.append("neon");
            if (cpu.has("sve")) {
                level.append("-sve");
            }
        } else {
            level.append(cpu.arch());
        }
        if (cpu.has("gfni")) {
            level.append("-gfni");
        }
        return (model.isEmpty() ? "unknown" : model) + "_" + level;
    }

    static String toJson(Object o) {
        StringBuilder sb = new StringBuilder();
        write(sb, o, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object o, String indent) {
        switch (o) {
            case null -> sb.append("null");
            case Map<?, ?> m -> {
                sb.append("{");
                String inner = indent + "  ";
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "\n" : ",\n").append(inner);
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), inner);
                }
                sb.append(first ? "}" : "\n" + indent + "}");
            }
            case List<?> l -> {
                sb.append("[");
                String inner = indent + "  ";
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "\n" : ",\n").append(inner);
                    write(sb, l.get(i), inner);
                }
                sb.append(l.isEmpty() ? "]" : "\n" + indent + "]");
            }
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case GaloisKernel k -> string(sb, k.name());
            default -> string(sb, o.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
