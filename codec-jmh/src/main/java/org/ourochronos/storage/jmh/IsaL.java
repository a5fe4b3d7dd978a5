package org.ourochronos.storage.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.ourochronos.storage.galois.CpuInfo;

/**
 * A binding to Intel ISA-L's erasure-code functions ({@code libisal.so.2}, Debian package {@code libisal2}) through
 * the FFM API, so that the C library the storage world measures itself against runs in the same JMH run as our
 * kernels.
 *
 * <p>Bound: {@code gf_gen_cauchy1_matrix} (the Cauchy matrix our {@code CodingMatrix.CAUCHY} reproduces),
 * {@code gf_invert_matrix} (decode matrices), {@code ec_init_tables} (32 bytes of nibble tables per coefficient) and
 * {@code ec_encode_data} (the multi-output multiply-accumulate, dispatched by ISA-L to its best kernel for this
 * CPU). Shards must be native memory: ISA-L takes arrays of pointers.
 *
 * <p>{@link Tables#encoder(String)} also reaches ISA-L's per-ISA entry points ({@code ec_encode_data_avx2},
 * {@code _avx512}, {@code _sse}, {@code _base}), which the library exports: what ISA-L itself does on an older CPU,
 * measured on this one, next to our kernels run with {@code -XX:UseAVX=2}.
 *
 * <p>The library is looked up once; when it is absent {@link #unavailableReason()} says so and nothing else fails.
 * The system property {@code ourstorage.isal.lib} names another file (e.g. a source build of a newer ISA-L).
 */
public final class IsaL {

    /** The library name looked up by default. */
    public static final String LIBRARY = "libisal.so.2";

    /** Bytes of {@code ec_init_tables} output per coefficient. */
    public static final int TABLE_BYTES_PER_COEFFICIENT = 32;

    private static final Linker LINKER = Linker.nativeLinker();

    // Static finals so that the JIT treats the handles as constants in the benchmark loops.
    private static final String LIBRARY_NAME = System.getProperty("ourstorage.isal.lib", LIBRARY);
    private static final String UNAVAILABLE;
    private static final MethodHandle GF_GEN_CAUCHY1_MATRIX;
    private static final MethodHandle GF_INVERT_MATRIX;
    private static final MethodHandle EC_INIT_TABLES;
    private static final MethodHandle EC_ENCODE_DATA;
    private static final SymbolLookup LIB;

    /** ISA-L's entry points per instruction set, and the CPU flags each needs (calling one without them: SIGILL). */
    private static final Map<String, List<String>> ENCODE_VARIANTS = Map.of(
            "avx512", List.of("avx512f", "avx512bw", "avx512vl"),
            "avx2", List.of("avx2"),
            "sse", List.of("sse4_1"),
            "base", List.of());

    static {
        String why = null;
        MethodHandle cauchy = null;
        MethodHandle invert = null;
        MethodHandle init = null;
        MethodHandle encode = null;
        SymbolLookup found = null;
        try {
            // The global arena keeps the library loaded for the life of the JVM, as the handles need.
            SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY_NAME, Arena.global());
            found = lib;
            cauchy = bind(lib, "gf_gen_cauchy1_matrix", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            invert = bind(lib, "gf_invert_matrix", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            init = bind(lib, "ec_init_tables", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            encode = bind(lib, "ec_encode_data", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS));
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
            why = "ISA-L: not installed (" + LIBRARY_NAME + " could not be loaded: " + e.getMessage()
                    + "; on Debian/Ubuntu: apt-get install libisal2)";
        }
        UNAVAILABLE = why;
        GF_GEN_CAUCHY1_MATRIX = cauchy;
        GF_INVERT_MATRIX = invert;
        EC_INIT_TABLES = init;
        EC_ENCODE_DATA = encode;
        LIB = found;
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new IllegalArgumentException("symbol " + name + " not found in " + LIBRARY_NAME));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    private IsaL() {
    }

    /** Why ISA-L cannot be used here (starts with {@code "ISA-L: not installed"}), or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** Whether the library was loaded. */
    public static boolean isAvailable() {
        return UNAVAILABLE == null;
    }

    /** Throws {@link IllegalStateException} with the reason unless ISA-L is loaded. */
    public static void require() {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("SKIPPED: " + UNAVAILABLE);
        }
    }

    /** Where {@link #LIBRARY} lies in the usual library directories, if it is installed there. */
    public static Optional<Path> installedFile() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                "/usr/lib", "/usr/local/lib")) {
            Path p = Path.of(dir, LIBRARY);
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The library file and its version as far as the file name tells ({@code libisal.so.2.0.30} → 2.30), for
     * reports. Best effort: "version unknown" when the file is elsewhere or loaded by another name.
     */
    public static String describe() {
        if (UNAVAILABLE != null) {
            return UNAVAILABLE;
        }
        // the default name: look in the usual directories; a path given with ourstorage.isal.lib: that file
        Optional<Path> file = LIBRARY_NAME.equals(LIBRARY) ? installedFile()
                : LIBRARY_NAME.contains("/") ? Optional.of(Path.of(LIBRARY_NAME)) : Optional.empty();
        try {
            if (file.isPresent()) {
                Path real = file.get().toRealPath();
                String name = real.getFileName().toString(); // libisal.so.2.0.30
                String[] parts = name.substring(name.indexOf(".so.") + 4).split("\\.");
                if (parts.length == 3) {
                    return "ISA-L " + parts[0] + "." + parts[2] + " (" + real + ")";
                }
                return "ISA-L (" + real + ", version unknown)";
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through: report what we have
        }
        return "ISA-L (" + LIBRARY_NAME + ", version unknown)";
    }

    /** ISA-L's Cauchy matrix, {@code n × k}: identity on top, then {@code 1/(r ⊕ c)}. */
    public static byte[][] cauchyMatrix(int k, int n) {
        require();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate((long) n * k);
            GF_GEN_CAUCHY1_MATRIX.invokeExact(a, n, k);
            return toRows(a, n, k);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The inverse of the square matrix {@code m}, computed by ISA-L's {@code gf_invert_matrix}. */
    public static byte[][] invert(byte[][] m) {
        require();
        int n = m.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = fromRows(arena, m);
            MemorySegment out = arena.allocate((long) n * n);
            int rc = (int) GF_INVERT_MATRIX.invokeExact(in, out, n);
            if (rc != 0) {
                throw new IllegalArgumentException("gf_invert_matrix: matrix is singular");
            }
            return toRows(out, n, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Builds ISA-L's tables for a {@code rows × k} coefficient matrix in {@code arena}: the equivalent of our
     * {@code GaloisKernel.prepare}.
     */
    public static Tables initTables(Arena arena, byte[][] matrix) {
        require();
        int rows = matrix.length;
        int k = matrix[0].length;
        MemorySegment a = fromRows(arena, matrix);
        MemorySegment tables = arena.allocate((long) k * rows * TABLE_BYTES_PER_COEFFICIENT, 64);
        try {
            EC_INIT_TABLES.invokeExact(k, rows, a, tables);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new Tables(k, rows, tables);
    }

    /**
     * Prepared tables for one matrix.
     *
     * @param k      input shards (matrix columns)
     * @param rows   output shards (matrix rows)
     * @param tables the {@code ec_init_tables} output
     */
    public record Tables(int k, int rows, MemorySegment tables) {

        /**
         * {@code ec_encode_data}: {@code outputs[r] = Σ_c matrix[r][c] · inputs[c]} over {@code length} bytes.
         *
         * @param inputs  a native array of {@code k} pointers (see {@link NativeShards#pointers})
         * @param outputs a native array of {@code rows} pointers
         */
        public void encode(int length, MemorySegment inputs, MemorySegment outputs) {
            try {
                EC_ENCODE_DATA.invokeExact(length, k, rows, tables, inputs, outputs);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /**
         * {@code ec_encode_data} as {@link #encode}, or one of ISA-L's per-ISA kernels.
         *
         * @param variant {@code auto} (ISA-L's dispatch), {@code avx512}, {@code avx2}, {@code sse} or {@code base}
         * @throws IllegalArgumentException for another name
         * @throws IllegalStateException    ({@code SKIPPED: …}) when this CPU lacks the variant's instructions or the
         *                                  library does not export it
         */
        public Encoder encoder(String variant) {
            if (variant.equals("auto")) {
                return this::encode;
            }
            List<String> needs = ENCODE_VARIANTS.get(variant);
            if (needs == null) {
                throw new IllegalArgumentException("unknown ISA-L kernel '" + variant + "'; use auto or one of "
                        + new TreeSet<>(ENCODE_VARIANTS.keySet()));
            }
            for (String flag : needs) {
                if (!CpuInfo.current().has(flag)) {
                    throw new IllegalStateException("SKIPPED: ISA-L's " + variant + " kernel needs " + flag
                            + ", which this CPU does not report");
                }
            }
            MethodHandle handle;
            try {
                handle = bind(LIB, "ec_encode_data_" + variant, FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("SKIPPED: " + e.getMessage(), e);
            }
            return (length, inputs, outputs) -> {
                try {
                    handle.invokeExact(length, k, rows, tables, inputs, outputs);
                } catch (Throwable t) {
                    throw rethrow(t);
                }
            };
        }
    }

    /** One of ISA-L's encode kernels bound to prepared tables: {@code outputs = matrix · inputs}. */
    @FunctionalInterface
    public interface Encoder {
        void encode(int length, MemorySegment inputs, MemorySegment outputs);
    }

    /**
     * Native shards for ISA-L: {@code count} 64-byte-aligned segments of {@code size} bytes each.
     *
     * @param shards the shard segments
     */
    public record NativeShards(MemorySegment[] shards) {

        public static NativeShards allocate(Arena arena, int count, int size) {
            MemorySegment[] s = new MemorySegment[count];
            for (int i = 0; i < count; i++) {
                s[i] = arena.allocate(size, 64);
            }
            return new NativeShards(s);
        }

        /** Copies heap shards in. */
        public static NativeShards of(Arena arena, byte[][] data) {
            NativeShards n = allocate(arena, data.length, data[0].length);
            for (int i = 0; i < data.length; i++) {
                MemorySegment.copy(data[i], 0, n.shards[i], ValueLayout.JAVA_BYTE, 0, data[i].length);
            }
            return n;
        }

        /** A native {@code unsigned char *[]} pointing at the shards with the given indices, in that order. */
        public MemorySegment pointers(Arena arena, int... indices) {
            MemorySegment p = arena.allocate(ValueLayout.ADDRESS, indices.length);
            for (int i = 0; i < indices.length; i++) {
                p.setAtIndex(ValueLayout.ADDRESS, i, shards[indices[i]]);
            }
            return p;
        }

        /** Copies the shards with the given indices out to heap arrays. */
        public byte[][] toArrays(int... indices) {
            byte[][] out = new byte[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                out[i] = shards[indices[i]].toArray(ValueLayout.JAVA_BYTE);
            }
            return out;
        }
    }

    static MemorySegment fromRows(Arena arena, byte[][] m) {
        int cols = m[0].length;
        MemorySegment s = arena.allocate((long) m.length * cols);
        for (int r = 0; r < m.length; r++) {
            MemorySegment.copy(m[r], 0, s, ValueLayout.JAVA_BYTE, (long) r * cols, cols);
        }
        return s;
    }

    static byte[][] toRows(MemorySegment s, int rows, int cols) {
        byte[][] m = new byte[rows][cols];
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, (long) r * cols, m[r], 0, cols);
        }
        return m;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** Helper for index lists: {@code from, from+1, …, to-1}. */
    public static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
