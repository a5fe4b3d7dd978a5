package org.ourochronos.storage.galois;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this process knows about its CPU: model name, instruction-set flags, architecture, core count, and vendor,
 * family and model number (virtual machines often hide the model name, "AMD EPYC", but pass these through).
 *
 * <p>Java cannot ask the CPU for features such as AVX-512 VBMI directly, so on Linux the flags come from
 * {@code /proc/cpuinfo}; elsewhere the set is empty and kernels that need a flag must probe instead. Used by kernel
 * selection and to tag benchmark reports.
 *
 * @param model      the CPU model name, or {@code "unknown"}
 * @param flags      lower-case feature flags as the Linux kernel spells them (e.g. {@code avx2}, {@code avx512vbmi},
 *                   {@code avx512_vbmi2})
 * @param arch       {@code os.arch}
 * @param processors {@link Runtime#availableProcessors()}
 * @param vendor      {@code vendor_id} (e.g. {@code AuthenticAMD}, {@code GenuineIntel}), or {@code "unknown"}
 * @param family      {@code cpu family} (e.g. 26 for AMD Zen 5), or -1 when unknown
 * @param modelNumber {@code model} (e.g. 207 for Intel Emerald Rapids), or -1 when unknown
 */
public record CpuInfo(String model, Set<String> flags, String arch, int processors, String vendor, int family,
                      int modelNumber) {

    /** The flags worth printing in a benchmark report, in this order. */
    public static final List<String> NOTABLE_FLAGS = List.of(
            "sse4_2", "avx", "avx2", "avx512f", "avx512bw", "avx512vl", "avx512vbmi", "avx512_vbmi2", "gfni",
            "vpclmulqdq", "asimd", "sve", "sve2");

    private static final CpuInfo CURRENT = read(Path.of("/proc/cpuinfo"));

    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** A CPU known only by model name, flags, architecture and core count. */
    public CpuInfo(String model, Set<String> flags, String arch, int processors) {
        this(model, flags, arch, processors, "unknown", -1, -1);
    }

    /** The CPU this JVM runs on (read once). */
    public static CpuInfo current() {
        return CURRENT;
    }

    /** Whether the CPU reports {@code flag} (lower case, as in {@code /proc/cpuinfo}). */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The {@link #NOTABLE_FLAGS} this CPU has, space-separated. */
    public String notableFlags() {
        StringBuilder sb = new StringBuilder();
        for (String f : NOTABLE_FLAGS) {
            if (has(f)) {
                sb.append(sb.isEmpty() ? "" : " ").append(f);
            }
        }
        return sb.toString();
    }

    static CpuInfo read(Path cpuinfo) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        String vendor = "unknown";
        int family = -1;
        int modelNumber = -1;
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    if (line.isBlank() && !flags.isEmpty()) {
                        break; // the first processor block is enough
                    }
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "model name", "Model", "cpu model" -> {
                        if (model.equals("unknown")) {
                            model = value;
                        }
                    }
                    case "flags", "Features" -> flags.addAll(Arrays.asList(value.toLowerCase().split("\\s+")));
                    case "vendor_id" -> vendor = value;
                    case "cpu family" -> family = number(value);
                    case "model" -> modelNumber = number(value);
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no access: an empty flag set makes flag-dependent kernels probe or stand down.
        }
        return new CpuInfo(model, flags, System.getProperty("os.arch", "unknown"),
                Runtime.getRuntime().availableProcessors(), vendor, family, modelNumber);
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
