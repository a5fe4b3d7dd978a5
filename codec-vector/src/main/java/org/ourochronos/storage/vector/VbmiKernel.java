package org.ourochronos.storage.vector;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

import org.ourochronos.storage.galois.GaloisField;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.PreparedMatrix;

/**
 * The fast kernel for CPUs with AVX-512 VBMI, where a 512-bit byte lookup in a 64-entry table is one
 * {@code vpermb}: the 6+2-bit split ({@code vector-vbmi-512}).
 *
 * <p>Algebra: split x = (x &amp; 0xC0) ⊕ (x &amp; 63). Multiplication by c is GF(2)-linear, so
 * {@code c·x = T6[x & 63] ⊕ c·(x & 0xC0)} with {@code T6[i] = c·i}, a 64-entry table: one
 * {@code x.selectFrom(T6)} on a 512-bit vector, which wraps indices mod 64, so x needs no mask. The top two bits
 * of up to three inputs x0, x1, x2 are packed into one 6-bit index {@code b0 | b1<<2 | b2<<4}
 * (b = x &gt;&gt;&gt; 6), and for each output row one lookup in a 64-entry table of XOR sums
 * {@code U[b0|b1<<2|b2<<4] = Σ c_i·(b_i<<6)} adds all three top-bit products at once. Three inputs thus cost four
 * lookups per output, against six for split-nibble, and no nibble masks.
 *
 * <p>Loop structure ({@link VbmiLoops}): inputs are grouped by up to three and outputs by up to four; for each
 * (input group, output group) block the 16 tables are hoisted into local vectors (registers) and one flat,
 * specialised loop (one per block shape, 12 shapes) walks a chunk of positions, reading, XORing and writing each
 * output once per block (the first input group writes without reading). When a call touches more than
 * {@code WHOLE_CALL_BYTES} of shards, positions go in chunks ({@link #chunk}) so the outputs stay cached between
 * input groups. Any rows × columns shape works; positions past the last whole 64 bytes are done by a scalar tail
 * (on native memory by one more vector ending at the call's end).
 * The hot loops allocate nothing (a call that chooses walking directions allocates two small arrays of shard
 * addresses); segment calls are sorted by {@link Segments}: native memory runs the segment
 * loops aligned to the first output's 64-byte lines, views of byte arrays run the array loops. Each block walks its
 * positions up or down, whichever keeps its input loads clear of its output stores modulo 4 KiB
 * ({@link #downPasses}): on native memory always, on byte arrays in calls up to {@link #WHOLE_CALL_BYTES} when
 * this module has native access, through which {@link ArrayAddresses} reads where the arrays lie; otherwise arrays
 * walk up.
 *
 * <p>Usable only when the CPU reports {@code avx512vbmi}, the preferred species is 512 bits (C2 emits AVX-512)
 * and C2 is on. Priority 20, above {@link VectorKernel}.
 */
public final class VbmiKernel implements GaloisKernel {

    static final String NAME = "vector-vbmi-512";

    /** Inputs whose top bits share one index; outputs that share one block. */
    static final int INPUTS = 3;
    static final int OUTPUTS = 4;

    /** Bytes of tables per block: per output slot, three T6 tables and one top-bits table. */
    static final int BLOCK_BYTES = OUTPUTS * 4 * 64;

    /** Calls touching at most this many bytes of shards run each block over all positions at once. */
    static final long WHOLE_CALL_BYTES = 2L << 20;

    /** Positions per chunk for larger calls. */
    static final int CHUNK = 32 * 1024;

    /** Positions per chunk, fixed by a tuning property (a multiple of 64; 0 = by {@link #chunk}), not an API. */
    static final int CHUNK_OVERRIDE = Integer.getInteger("ourstorage.vbmi.chunk", 0) & ~63;

    private static final VbmiKernel INSTANCE = new VbmiKernel();

    private final Optional<String> unavailable = reason();

    private VbmiKernel() {
    }

    /** The stateless instance. */
    public static VbmiKernel instance() {
        return INSTANCE;
    }

    private static Optional<String> reason() {
        Optional<String> platform = VectorPlatform.unusableReason();
        if (platform.isPresent()) {
            return platform;
        }
        if (!VectorPlatform.VBMI) {
            return Optional.of("the CPU lacks AVX-512 VBMI (avx512vbmi in /proc/cpuinfo), so 64-entry byte lookups"
                    + " are not single instructions");
        }
        if (VectorPlatform.PREFERRED_BITS < 512) {
            return Optional.of("the preferred vector species is " + VectorPlatform.PREFERRED_BITS
                    + " bits (AVX-512 disabled, e.g. -XX:UseAVX=2 or -XX:MaxVectorSize<64); needs 512");
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "vector";
    }

    @Override
    public int vectorBitWidth() {
        return 512;
    }

    @Override
    public int priority() {
        return 20;
    }

    /** Empty on an AVX-512 VBMI CPU with C2 and 512-bit vectors; otherwise why not. */
    @Override
    public Optional<String> unavailableReason() {
        return unavailable;
    }

    /** Whether byte[] shards get their walking direction from their addresses ({@link #arrayDownPasses}). */
    @Override
    public List<String> notes() {
        return List.of(ArrayAddresses.unavailableReason()
                .map(why -> "byte[] shards walk up wherever they lie: " + why)
                .orElse("byte[] shards walk away from their stores (addresses read with native access)"));
    }

    /**
     * Tables by block, plus the matrix for the scalar tail.
     *
     * @param groupStart first input of each input group (and {@code columns} at the end)
     * @param tables     block (input group a, output group b) at {@code (b * inputGroups + a) * BLOCK_BYTES};
     *                   inside it, T6 of output slot j and input slot i at {@code (j * 4 + i) * 64}, the top-bits
     *                   table of slot j at {@code (j * 4 + 3) * 64}
     */
    record Prepared(int rows, int columns, int[] groupStart, byte[] tables, byte[][] matrix)
            implements PreparedMatrix {
        @Override
        public String kernelName() {
            return NAME;
        }

        int inputGroups() {
            return groupStart.length - 1;
        }
    }

    @Override
    public PreparedMatrix prepare(byte[][] matrix) {
        byte[][] m = Matrices.copy(matrix);
        int rows = m.length;
        int columns = m[0].length;
        // Balanced input groups (10 → 3,3,2,2): the same lookups as 3,3,3,1, but every loop stays small.
        int groups = (columns + INPUTS - 1) / INPUTS;
        int[] start = new int[groups + 1];
        for (int a = 0; a < groups; a++) {
            start[a + 1] = start[a] + columns / groups + (a < columns % groups ? 1 : 0);
        }
        int outputGroups = (rows + OUTPUTS - 1) / OUTPUTS;
        byte[] tables = new byte[outputGroups * groups * BLOCK_BYTES];
        for (int r = 0; r < rows; r++) {
            int b = r / OUTPUTS;
            int j = r % OUTPUTS;
            for (int a = 0; a < groups; a++) {
                int block = (b * groups + a) * BLOCK_BYTES + j * 4 * 64;
                int n = start[a + 1] - start[a];
                for (int i = 0; i < n; i++) {
                    byte c = m[r][start[a] + i];
                    for (int x = 0; x < 64; x++) {
                        tables[block + i * 64 + x] = GaloisField.multiply(c, (byte) x);
                    }
                }
                for (int index = 0; index < 64; index++) {
                    byte sum = 0;
                    for (int i = 0; i < n; i++) {
                        int topBits = index >>> (2 * i) & 3;
                        sum ^= GaloisField.multiply(m[r][start[a] + i], (byte) (topBits << 6));
                    }
                    tables[block + 3 * 64 + index] = sum;
                }
            }
        }
        return new Prepared(rows, columns, start, tables, m);
    }

    /**
     * Positions per chunk for one call. Chunking keeps the outputs cached between the blocks of one output group,
     * but each block call costs a prologue (tables, range checks). Measured on Zen 5 (JMH, 3 forks): a call whose
     * shards fit in about 2 MiB runs fastest unchunked (10+4 at 64 KiB: 51–53 against 43–48 GB/s with 8 KiB
     * chunks); for larger calls 4–64 KiB chunks all ran at 39–43 GB/s (same-JVM harness, 10+4 at 1 MiB). On a
     * Zen 4 (JMH, three forks, the chunk sizes interleaved, 1 MiB shards) 32 KiB chunks beat 8 KiB on heap arrays
     * in every shape (10+4 24.6 against 19.3 GB/s, 7+8 11.9 against 7.4, 5+4 27.8 against 26.0) and matched them on
     * aligned native memory (10+4 26.0 against 26.5, 5+4 30.3 against 27.9); 64 KiB was no better than 32. With
     * 32 KiB chunks one input group and one output group (7 × 32 KiB) still fit in L2 with room to spare.
     */
    static int chunk(Prepared p, long end) {
        if (CHUNK_OVERRIDE > 0) {
            return CHUNK_OVERRIDE;
        }
        return (long) (p.rows + p.columns) * end <= WHOLE_CALL_BYTES ? (int) Math.max(64, end) : CHUNK;
    }

    private static Prepared own(PreparedMatrix matrix, int inputs, int outputs) {
        return Matrices.own(Prepared.class, NAME, matrix, inputs, outputs);
    }

    @Override
    public void multiply(PreparedMatrix matrix, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                         int length) {
        Prepared p = own(matrix, inputs.length, outputs.length);
        Matrices.checkBounds(inputs, inputOffset, outputs, outputOffset, length);
        multiplyArrays(p, inputs, inputOffset, outputs, outputOffset, length);
    }

    private static void multiplyArrays(Prepared p, byte[][] inputs, int inputOffset, byte[][] outputs,
                                       int outputOffset, int length) {
        multiplyArrays(p, inputs, inputOffset, outputs, outputOffset, length,
                arrayDownPasses(p, inputs, inputOffset, outputs, outputOffset, length));
    }

    /** The array loops, block number b walking down when bit b of {@code down} is set (see {@link #blocks}). */
    static void multiplyArrays(Prepared p, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                               int length, long down) {
        Matrices.alignedArrayPasses(p.matrix, inputs, inputOffset, outputs, outputOffset, length, 64,
                span -> chunk(p, span),
                (from, n) -> blocks(p, inputs, inputOffset + from, outputs, outputOffset + from, n, down));
    }

    /**
     * {@link #downPasses} for byte arrays, from where they lie at the start of the call ({@link ArrayAddresses}).
     * All blocks walk up when the addresses cannot be read, and in calls that go in chunks (more than
     * {@link #WHOLE_CALL_BYTES} of shards): there, with the shards streaming from L3, walking down lost 5–20 % on
     * 1 MiB heap shards whatever the layout (same-JVM A/B, docs/benchmarks.md), while on 64 KiB shards freshly
     * allocated one after another it won 25–50 %.
     */
    static long arrayDownPasses(Prepared p, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                                int length) {
        if (length < DIRECTION_FROM || DIRECTION.equals("up") || !ArrayAddresses.available()
                || (long) (p.rows + p.columns) * length > WHOLE_CALL_BYTES) {
            return DIRECTION.equals("down") ? -1L : 0;
        }
        return downPasses(p, addresses(inputs, inputOffset), addresses(outputs, outputOffset), length);
    }

    /** Where element {@code offset} of each array lies now. */
    private static long[] addresses(byte[][] arrays, int offset) {
        long[] a = new long[arrays.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = ArrayAddresses.of(arrays[i]) + offset;
        }
        return a;
    }

    /**
     * Every block over {@code n} positions, output group by output group; block number b (in this order) walks down
     * when bit b of {@code down} is set.
     */
    private static void blocks(Prepared p, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                               int n, long down) {
        int pass = 0;
        for (int firstRow = 0; firstRow < p.rows; firstRow += OUTPUTS) {
            for (int a = 0; a < p.inputGroups(); a++, pass++) {
                int c = p.groupStart[a];
                VbmiLoops.block(p.groupStart[a + 1] - c, Math.min(OUTPUTS, p.rows - firstRow), isDown(down, pass),
                        p.tables, tableBase(p, a, firstRow), inputs, c, inputOffset, outputs, firstRow, outputOffset, n,
                        a == 0);
            }
        }
    }

    /** Where the tables of block (input group a, output group from row firstRow) start in {@code p.tables}. */
    private static int tableBase(Prepared p, int a, int firstRow) {
        return (firstRow / OUTPUTS * p.inputGroups() + a) * BLOCK_BYTES;
    }

    /** Whether block number {@code pass} walks down by the mask {@code down} (blocks past the 64th walk up). */
    private static boolean isDown(long down, int pass) {
        return pass < 64 && (down >>> pass & 1) != 0;
    }

    /** Native segments run the segment loops; others take a path chosen by {@link Segments}. */
    @Override
    public void multiply(PreparedMatrix matrix, MemorySegment[] inputs, MemorySegment[] outputs, long length) {
        Prepared p = own(matrix, inputs.length, outputs.length);
        Matrices.checkBounds(inputs, outputs, length);
        Segments.multiply(inputs, outputs, length,
                (in, out, n) -> {
                    Segments.SliceProfile.ensure(); // only the segment loops slice
                    long down = downPasses(p, in, out, n);
                    Segments.alignedPasses(p.matrix, in, out, n, 64, span -> chunk(p, span),
                            (at, len) -> blocks(p, in, out, at, len, down));
                },
                (in, inOff, out, outOff, n) -> multiplyArrays(p, in, inOff, out, outOff, n));
    }

    /**
     * Every block over positions {@code at + [0, n)}, output group by output group; block number b (in this order)
     * walks down when bit b of {@code down} is set.
     */
    private static void blocks(Prepared p, MemorySegment[] inputs, MemorySegment[] outputs, long at, int n,
                               long down) {
        int pass = 0;
        for (int firstRow = 0; firstRow < p.rows; firstRow += OUTPUTS) {
            for (int a = 0; a < p.inputGroups(); a++, pass++) {
                int c = p.groupStart[a];
                VbmiLoops.block(p.groupStart[a + 1] - c, Math.min(OUTPUTS, p.rows - firstRow), isDown(down, pass),
                        p.tables, tableBase(p, a, firstRow), inputs, c, outputs, firstRow, at, n, a == 0);
            }
        }
    }

    /** Forces the walking direction of the segment blocks ("up" or "down") for A/B runs and tests; not an API. */
    static final String DIRECTION = System.getProperty("ourstorage.vbmi.direction", "auto");

    /**
     * Calls of fewer positions walk up without looking at the addresses, so that small calls keep their old fixed
     * cost; the direction was measured at 64 KiB and 1 MiB only.
     */
    static final long DIRECTION_FROM = 16 * 1024;

    /**
     * How far back, in bytes of positions, a load may meet a store still in flight. An estimate, not a measurement:
     * about as many positions as the out-of-order window holds (some 45 instructions each in a 3 × 4 block, a few
     * hundred in flight on Zen 4), seven lines.
     */
    static final int ALIAS_WINDOW = 448;

    /**
     * Which blocks of a call on native memory walk down, as a bit per block in {@link #blocks} order (blocks past the
     * 64th walk up). A load waits for an earlier store still in flight whose address agrees with it in the low 12 bits
     * within a line: 4 KiB aliasing. While a block walks up, the stores in flight lie at lower positions, so an
     * input that sits up to {@link #ALIAS_WINDOW} bytes below an output modulo 4 KiB keeps meeting that output's
     * stores; walking down, one that sits above it does. Each block takes the direction with fewer such
     * (input, output) pairs, up on a tie. On Zen 4, 9+4 with 64 KiB shards 16 bytes apart (as consecutive
     * allocations fall) ran at 17.0 GB/s walking up and 29.7 walking down, and the mirrored layout the other way
     * round (docs/benchmarks.md, "the walking direction"). Arrays: see {@link #arrayDownPasses}.
     */
    static long downPasses(Prepared p, MemorySegment[] in, MemorySegment[] out, long length) {
        if (DIRECTION.equals("down")) {
            return -1L;
        }
        if (DIRECTION.equals("up") || length < DIRECTION_FROM) {
            return 0;
        }
        return downPasses(p, addresses(in), addresses(out), length);
    }

    private static long[] addresses(MemorySegment[] segments) {
        long[] a = new long[segments.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = segments[i].address();
        }
        return a;
    }

    /** {@link #downPasses} from the shards' addresses. */
    static long downPasses(Prepared p, long[] in, long[] out, long length) {
        if (DIRECTION.equals("down")) {
            return -1L;
        }
        if (DIRECTION.equals("up") || length < DIRECTION_FROM) {
            return 0;
        }
        long mask = 0;
        int pass = 0;
        for (int firstRow = 0; firstRow < p.rows && pass < 64; firstRow += OUTPUTS) {
            for (int a = 0; a < p.inputGroups() && pass < 64; a++, pass++) {
                int c = p.groupStart[a];
                int no = Math.min(OUTPUTS, p.rows - firstRow);
                if (walksDown(in, c, p.groupStart[a + 1] - c, out, firstRow, no)) {
                    mask |= 1L << pass;
                }
            }
        }
        return mask;
    }

    /** Whether inputs [c, c + ni) and outputs [r, r + no) alias less walking down (see {@link #downPasses}). */
    static boolean walksDown(MemorySegment[] in, int c, int ni, MemorySegment[] out, int r, int no) {
        return walksDown(addresses(in), c, ni, addresses(out), r, no);
    }

    /** {@link #walksDown} from the shards' addresses. */
    static boolean walksDown(long[] in, int c, int ni, long[] out, int r, int no) {
        int up = 0;
        int down = 0;
        for (int i = c; i < c + ni; i++) {
            long input = in[i];
            for (int j = r; j < r + no; j++) {
                int d = (int) ((input - out[j]) & 4095); // the input's offset from the output, mod 4 KiB
                if (d > 4096 - ALIAS_WINDOW) {
                    up++; // just below the output: meets its stores walking up
                } else if (d != 0 && d < ALIAS_WINDOW) {
                    down++; // just above it: meets them walking down
                }
            }
        }
        return down < up;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
