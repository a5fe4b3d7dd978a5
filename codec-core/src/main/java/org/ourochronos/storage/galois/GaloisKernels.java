package org.ourochronos.storage.galois;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link GaloisKernel}s on this JVM and picks one, once, at first use.
 *
 * <p>Kernels come from {@link GaloisKernelProvider}s found with {@link ServiceLoader} (the SIMD kernels live in the
 * {@code codec-vector} module) plus the built-in {@link ScalarKernel}. The selection takes the usable kernel with
 * the highest {@link GaloisKernel#priority()}, unless the system property {@value #PROPERTY} says otherwise:
 * <ul>
 *   <li>{@code auto} (default) — the best usable kernel;</li>
 *   <li>{@code scalar} — the scalar kernel;</li>
 *   <li>{@code vector} — the best usable kernel of the vector family, else scalar with a warning;</li>
 *   <li>an exact kernel {@link GaloisKernel#name() name} — that kernel if usable, else {@code auto} with a
 *       warning.</li>
 * </ul>
 * The choice, and the reason for any fall-back (for instance a JVM started without
 * {@code --add-modules jdk.incubator.vector}), is logged once through {@link System.Logger}.
 *
 * <pre>{@code
 * GaloisKernel kernel = GaloisKernels.selected();
 * System.out.println(GaloisKernels.describe());   // kernel, vector width, CPU and JVM facts
 * }</pre>
 */
public final class GaloisKernels {

    /** The system property that overrides the automatic choice. */
    public static final String PROPERTY = "ourstorage.kernel";

    private static final System.Logger LOG = System.getLogger(GaloisKernels.class.getName());

    private GaloisKernels() {
    }

    /**
     * The outcome of kernel discovery and selection.
     *
     * @param selected   the kernel the codec uses by default
     * @param reason     why it was chosen (and why others were not)
     * @param fellBack   whether a better or requested kernel could not be used
     * @param candidates every kernel found, usable or not, in discovery order
     * @param notes      providers that offered nothing, with their reasons
     */
    public record Selection(GaloisKernel selected, String reason, boolean fellBack, List<GaloisKernel> candidates, List<String> notes) {
        public Selection {
            candidates = List.copyOf(candidates);
            notes = List.copyOf(notes);
        }
    }

    private static final class Holder {
        static final Selection SELECTION = select(System.getProperty(PROPERTY, "auto"), discover());

        static {
            Selection s = SELECTION;
            LOG.log(s.fellBack() ? Level.WARNING : Level.INFO, "our-storage GF(2^8) kernel: " + s.selected().name()
                    + " (" + s.reason() + ")"
                    + s.selected().notes().stream().map(note -> "; " + note).collect(Collectors.joining()));
        }
    }

    /** The kernel chosen for this JVM (discovered and logged on first call). */
    public static GaloisKernel selected() {
        return Holder.SELECTION.selected();
    }

    /** The full selection outcome: chosen kernel, reason, all candidates. */
    public static Selection selection() {
        return Holder.SELECTION;
    }

    /** Every usable kernel, best first; always contains the scalar kernel. */
    public static List<GaloisKernel> usable() {
        return Holder.SELECTION.candidates().stream().filter(GaloisKernel::isUsable)
                .sorted(Comparator.comparingInt(GaloisKernel::priority).reversed()).toList();
    }

    /** The usable kernel called {@code name}, if any. */
    public static Optional<GaloisKernel> byName(String name) {
        return usable().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The built-in scalar kernel. */
    public static GaloisKernel scalar() {
        return ScalarKernel.instance();
    }

    /** Loads every provider's kernels. Providers that fail to load are noted, never fatal. */
    static Discovery discover() {
        List<GaloisKernel> kernels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        kernels.add(ScalarKernel.instance());
        try {
            ServiceLoader<GaloisKernelProvider> loader = ServiceLoader.load(GaloisKernelProvider.class,
                    GaloisKernels.class.getClassLoader());
            for (ServiceLoader.Provider<GaloisKernelProvider> p : loader.stream().toList()) {
                try {
                    GaloisKernelProvider provider = p.get();
                    Optional<String> why = provider.unavailableReason();
                    if (why.isPresent()) {
                        notes.add(provider.name() + ": " + why.get());
                    } else {
                        kernels.addAll(provider.kernels());
                    }
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    notes.add(p.type().getName() + " failed to load: " + e);
                }
            }
        } catch (ServiceConfigurationError e) {
            notes.add("kernel providers could not be listed: " + e.getMessage());
        }
        return new Discovery(kernels, notes);
    }

    record Discovery(List<GaloisKernel> kernels, List<String> notes) {
    }

    /** The selection rules, separate from discovery so that tests can drive them. */
    static Selection select(String requested, Discovery found) {
        String want = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        List<GaloisKernel> usable = found.kernels().stream().filter(GaloisKernel::isUsable)
                .sorted(Comparator.comparingInt(GaloisKernel::priority).reversed()).toList();
        GaloisKernel best = usable.getFirst(); // scalar is always usable
        String unusable = describeUnusable(found);
        switch (want) {
            case "", "auto" -> {
                boolean fellBack = best.family().equals("scalar") && !unusable.isEmpty();
                return new Selection(best, "automatic: highest-priority usable kernel"
                        + (fellBack ? ", falling back to scalar" : "") + unusable, fellBack,
                        found.kernels(), found.notes());
            }
            case "scalar" -> {
                return new Selection(ScalarKernel.instance(), PROPERTY + "=scalar", false, found.kernels(), found.notes());
            }
            case "vector" -> {
                Optional<GaloisKernel> v = usable.stream().filter(k -> k.family().equals("vector")).findFirst();
                return v.map(k -> new Selection(k, PROPERTY + "=vector: best usable vector kernel" + unusable, false,
                                found.kernels(), found.notes()))
                        .orElseGet(() -> new Selection(ScalarKernel.instance(), PROPERTY
                                + "=vector but no vector kernel is usable, falling back to scalar" + unusable, true,
                                found.kernels(), found.notes()));
            }
            default -> {
                Optional<GaloisKernel> k = usable.stream().filter(x -> x.name().equals(want)).findFirst();
                return k.map(x -> new Selection(x, PROPERTY + "=" + want, false, found.kernels(), found.notes()))
                        .orElseGet(() -> new Selection(best, PROPERTY + "=" + want
                                + " names no usable kernel, falling back to automatic choice " + best.name()
                                + unusable, true, found.kernels(), found.notes()));
            }
        }
    }

    private static String describeUnusable(Discovery found) {
        StringBuilder sb = new StringBuilder();
        for (GaloisKernel k : found.kernels()) {
            k.unavailableReason().ifPresent(r -> sb.append("; ").append(k.name()).append(" unusable: ").append(r));
        }
        for (String note : found.notes()) {
            sb.append("; ").append(note);
        }
        return sb.toString();
    }

    /**
     * Facts for benchmark reports and bug reports: the chosen kernel and its vector width, every candidate with its
     * status, the CPU (model, notable flags, cores) and the JVM. Keys are stable; values are free text.
     */
    public static Map<String, String> describe() {
        Selection s = selection();
        CpuInfo cpu = CpuInfo.current();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kernel", s.selected().name());
        d.put("kernel.family", s.selected().family());
        d.put("kernel.vectorBits", Integer.toString(s.selected().vectorBitWidth()));
        d.put("kernel.reason", s.reason());
        d.put("kernel.notes", String.join("; ", s.selected().notes()));
        StringBuilder all = new StringBuilder();
        for (GaloisKernel k : s.candidates()) {
            all.append(all.isEmpty() ? "" : ", ").append(k.name())
                    .append(k.isUsable() ? " (usable, priority " + k.priority() + ")" : " (unusable)");
        }
        d.put("kernel.candidates", all.toString());
        d.put("cpu.model", cpu.model());
        d.put("cpu.flags", cpu.notableFlags());
        d.put("cpu.arch", cpu.arch());
        d.put("cpu.processors", Integer.toString(cpu.processors()));
        d.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        d.put("jvm.vendor", System.getProperty("java.vendor"));
        return d;
    }
}
