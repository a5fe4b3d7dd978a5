package org.ourochronos.storage.vector;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import org.ourochronos.storage.galois.CpuInfo;

/**
 * What this JVM and CPU do fast with the Vector API, decided once at class initialisation, and the rule that turns
 * it into the kernels' vector widths.
 *
 * <p>The Vector API is only fast when C2 compiles it to SIMD instructions; otherwise every vector is a Java
 * object and the kernels run 100× slower than scalar code. So the kernels stand down (with a reason) when
 * <ul>
 *   <li>C2 is off: {@code -Xint}, {@code -XX:TieredStopAtLevel} below 4, {@code -XX:-UseCompiler}
 *       (seen in {@code java.vm.info} and the JVM's input arguments);</li>
 *   <li>the preferred species ({@link ByteVector#SPECIES_PREFERRED}, i.e. what C2 will intrinsify, which
 *       {@code -XX:UseAVX} and {@code -XX:MaxVectorSize} lower) is narrower than 128 bits.</li>
 * </ul>
 *
 * <p>Width of the split-nibble kernel ({@link #NIBBLE_SPECIES}), measured on Zen 5 (see the module's
 * architecture notes): a 16-entry lookup replicated across the vector is one instruction when the CPU has a byte
 * permute of the full width: {@code vpermb} (AVX-512 VBMI) for 512 and 256 bits, {@code pshufb} for 128 bits.
 * Without VBMI a 256-bit byte lookup crosses 128-bit lanes and C2 emulates it with two shuffles and a blend, and
 * 512-bit species are not intrinsified at all when the preferred width is below 512 ({@code -XX:UseAVX=2}: about
 * 0 GB/s). JMH, 10+4 encode, 64 KiB / 1 MiB shards, Zen 5: with {@code -XX:UseAVX=2} nibble-128 8.8 / 8.6 GB/s
 * against nibble-256 6.4 / 6.5 (and 512: 0.01); with {@code -XX:MaxVectorSize=16} nibble-128 9.0 / 9.3; with AVX-512
 * nibble-512 17.8 / 16.5 against nibble-256 13.6 / 11.6 (tuning harness). The rule: on x86, 512 bits when the CPU has {@code avx512vbmi} and the preferred width is 512
 * (C2 emits AVX-512 only then), else 128 bits; elsewhere (NEON, SVE) the preferred width. The system property {@value #BITS_PROPERTY}
 * (128, 256 or 512) overrides it for tuning. The species sits in a {@code static final} field because C2 only
 * intrinsifies vector operations whose species is a compile-time constant.
 */
final class VectorPlatform {

    /** Tuning override of the split-nibble kernel's width in bits. */
    static final String BITS_PROPERTY = "ourstorage.vector.bits";

    /** Width in bits of {@link ByteVector#SPECIES_PREFERRED} on this JVM. */
    static final int PREFERRED_BITS = ByteVector.SPECIES_PREFERRED.vectorBitSize();

    /** Whether the CPU reports AVX-512 VBMI (full-width byte permute, {@code vpermb}). */
    static final boolean VBMI = hasVbmi(CpuInfo.current());

    /** Why C2 will not compile vector code on this JVM, if it will not. */
    static final Optional<String> COMPILER_PROBLEM = compilerProblem(System.getProperty("java.vm.info", ""),
            inputArguments());

    /** Why the split-nibble width was chosen, for logs. */
    static final String NIBBLE_RULE;

    /** The split-nibble kernel's species: a compile-time constant for C2. */
    static final VectorSpecies<Byte> NIBBLE_SPECIES;

    static {
        String forced = System.getProperty(BITS_PROPERTY);
        int bits;
        String rule;
        if (forced != null && List.of("128", "256", "512").contains(forced.trim())) {
            bits = Integer.parseInt(forced.trim());
            rule = BITS_PROPERTY + "=" + bits;
        } else {
            bits = nibbleBits(PREFERRED_BITS, VBMI, System.getProperty("os.arch", ""));
            rule = "preferred species " + PREFERRED_BITS + " bits, " + (VBMI ? "avx512vbmi" : "no avx512vbmi")
                    + ", " + System.getProperty("os.arch", "?");
        }
        NIBBLE_SPECIES = VectorSpecies.of(byte.class, VectorShape.forBitSize(bits));
        NIBBLE_RULE = rule;
    }

    private VectorPlatform() {
    }

    static boolean hasVbmi(CpuInfo cpu) {
        // Linux spells it avx512vbmi; some tools write avx512_vbmi.
        return cpu.has("avx512vbmi") || cpu.has("avx512_vbmi");
    }

    /** The split-nibble width rule (see the class comment); never below 128. */
    static int nibbleBits(int preferredBits, boolean vbmi, String arch) {
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        // VBMI instructions are only emitted when C2 uses AVX-512 at all, i.e. when the preferred width is 512.
        int bits = x86 && !(vbmi && preferredBits >= 512) ? 128 : preferredBits;
        return Math.max(128, Math.min(bits, 512));
    }

    /** Why this JVM cannot run the kernels fast (C2 off, or vectors narrower than 128 bits), if so. */
    static Optional<String> unusableReason() {
        if (COMPILER_PROBLEM.isPresent()) {
            return COMPILER_PROBLEM;
        }
        if (PREFERRED_BITS < 128) {
            return Optional.of("the preferred vector species is " + PREFERRED_BITS
                    + " bits (below 128; check -XX:MaxVectorSize)");
        }
        return Optional.empty();
    }

    /**
     * Why the C2 compiler will not compile vector code, judged from {@code java.vm.info} and the JVM's input
     * arguments (the last occurrence of a flag wins, as in HotSpot).
     */
    static Optional<String> compilerProblem(String vmInfo, List<String> arguments) {
        String info = vmInfo.toLowerCase(Locale.ROOT);
        if (info.contains("interpreted mode")) {
            return Optional.of("the JVM runs interpreted only (-Xint); the Vector API needs the C2 compiler");
        }
        String stopAt = null;
        boolean compilerOff = false;
        for (String a : arguments) {
            if (a.equals("-Xint")) {
                compilerOff = true;
            } else if (a.equals("-Xmixed") || a.equals("-Xcomp")) {
                compilerOff = false;
            } else if (a.startsWith("-XX:TieredStopAtLevel=")) {
                stopAt = a.substring("-XX:TieredStopAtLevel=".length()).trim();
            } else if (a.equals("-XX:-UseCompiler")) {
                compilerOff = true;
            } else if (a.equals("-XX:+UseCompiler")) {
                compilerOff = false;
            }
        }
        if (compilerOff) {
            return Optional.of("the JIT compiler is off (-Xint or -XX:-UseCompiler); the Vector API needs C2");
        }
        if (stopAt != null) {
            try {
                if (Integer.parseInt(stopAt) < 4) {
                    return Optional.of("-XX:TieredStopAtLevel=" + stopAt + " keeps C2 off; the Vector API needs C2");
                }
            } catch (NumberFormatException e) {
                // The JVM would not have started with a malformed value; ignore it.
            }
        }
        return Optional.empty();
    }

    private static List<String> inputArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return List.of(); // java.management missing from a jlinked image: java.vm.info still covers -Xint
        }
    }
}
