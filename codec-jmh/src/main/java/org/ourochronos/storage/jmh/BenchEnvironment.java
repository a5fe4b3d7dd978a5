package org.ourochronos.storage.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
        CpuId id = CpuId.read(Path.of("/proc/cpuinfo"));
        f.put("cpu.vendor", id.vendor());
        f.put("cpu.family", id.family());
        f.put("cpu.modelNumber", id.model());
        f.put("cpu.microarchitecture", id.microarchitecture());
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
     * Vendor, family and model number from {@code /proc/cpuinfo}. Virtual machines often hide the model name ("AMD
     * EPYC", "Intel Xeon Processor") but pass these through, and they decide what a result means: Zen 4 executes
     * 512-bit operations in two halves, Zen 5 does not, so the same code and the same peers give different ratios.
     *
     * @param vendor {@code vendor_id} (e.g. {@code AuthenticAMD}), or {@code "unknown"}
     * @param family {@code cpu family}, or -1
     * @param model  {@code model}, or -1
     */
    record CpuId(String vendor, int family, int model) {

        static CpuId read(Path cpuinfo) {
            String vendor = "unknown";
            int family = -1;
            int model = -1;
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        if (line.isBlank() && family >= 0) {
                            break; // the first processor is enough
                        }
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    switch (key) {
                        case "vendor_id" -> vendor = value;
                        case "cpu family" -> family = parse(value);
                        case "model" -> model = parse(value);
                        default -> { }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: unknown
            }
            return new CpuId(vendor, family, model);
        }

        private static int parse(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /**
         * The microarchitecture for the server parts we have results for or expect, else "unknown"; from the
         * vendors' published family/model numbers (AMD family 0x19 is Zen 3 and Zen 4, 0x1A is Zen 5).
         */
        String microarchitecture() {
            if (vendor.equals("AuthenticAMD")) {
                return switch (family) {
                    case 0x17 -> "Zen / Zen 2";
                    case 0x19 -> model >= 0x10 && model <= 0x1f || model >= 0x60 && model <= 0xaf ? "Zen 4" : "Zen 3";
                    case 0x1a -> "Zen 5";
                    default -> "unknown";
                };
            }
            if (vendor.equals("GenuineIntel") && family == 6) {
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
    }

    /**
     * A short, file-name-safe tag for the results folder: the CPU model, then the widest instruction-set level
     * the kernels care about (e.g. {@code amd-epyc_avx512-vbmi-gfni}). Override with environment variable
     * {@code BENCH_CPU_TAG} when the model string is too vague (virtual machines often say just "AMD EPYC").
     */
    public static String cpuTag(CpuInfo cpu) {
        String env = System.getenv("BENCH_CPU_TAG");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        String model = cpu.model().toLowerCase(Locale.ROOT).replaceAll("\\(r\\)|\\(tm\\)|cpu|processor|@.*", " ")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
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
