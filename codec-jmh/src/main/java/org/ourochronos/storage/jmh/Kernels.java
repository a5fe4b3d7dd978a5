package org.ourochronos.storage.jmh;

import java.util.List;
import java.util.stream.Collectors;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Resolves the {@code kernel} parameter of a suite to one of our kernels.
 *
 * <p>Accepts {@code "scalar"}, {@code "selected"} (what {@link GaloisKernels#selected()} picks on this JVM) or an
 * exact kernel name found by {@link GaloisKernels#byName(String)}. A kernel that is missing or unusable here throws
 * {@link KernelUnavailableException} from the trial set-up: JMH then reports that one parameter combination as
 * failed, with the reason, and goes on with the rest of the run (bench/run.sh passes only usable kernels, so this is
 * the fallback for hand-written command lines).
 */
public final class Kernels {

    /** The {@code kernel} parameter for the built-in scalar kernel. */
    public static final String SCALAR = "scalar";

    /** The {@code kernel} parameter for whatever {@link GaloisKernels#selected()} picks on this JVM. */
    public static final String SELECTED = "selected";

    private Kernels() {
    }

    /** The usable kernel called {@code name}. */
    public static GaloisKernel resolve(String name) {
        if (name.equals(SCALAR)) {
            return GaloisKernels.scalar();
        }
        if (name.equals(SELECTED)) {
            return GaloisKernels.selected();
        }
        return GaloisKernels.byName(name).orElseThrow(() -> new KernelUnavailableException(name, why(name)));
    }

    private static String why(String name) {
        for (GaloisKernel k : GaloisKernels.selection().candidates()) {
            if (k.name().equals(name)) {
                return k.unavailableReason().orElse("not usable");
            }
        }
        String notes = String.join("; ", GaloisKernels.selection().notes());
        return "no such kernel on this JVM (found: " + usableNames() + ")" + (notes.isEmpty() ? "" : "; " + notes);
    }

    /** Names of the usable kernels, best first, comma-separated (the form JMH's {@code -p} takes). */
    public static String usableNames() {
        List<GaloisKernel> usable = GaloisKernels.usable();
        return usable.stream().map(GaloisKernel::name).collect(Collectors.joining(","));
    }

    /** Thrown from a trial set-up when the requested kernel cannot run here; the message says why. */
    public static final class KernelUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KernelUnavailableException(String kernel, String reason) {
            super("SKIPPED: kernel " + kernel + " is not usable on this JVM/CPU: " + reason, null, false, false);
        }
    }
}
