package org.ourochronos.storage.vector;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

import org.ourochronos.storage.galois.GaloisField;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.PreparedMatrix;

/**
 * The portable SIMD kernel: split-nibble multiplication on the Vector API, at the width
 * {@link VectorPlatform#NIBBLE_SPECIES} chosen for this CPU (named {@code vector-nibble-128/256/512}).
 *
 * <p>Algebra: multiplication by a constant c is linear over GF(2), so with x = h·16 ⊕ l (h, l nibbles),
 * {@code c·x = c·l ⊕ c·(h·16)}. Each coefficient gets two 16-entry tables, {@code c·l} and {@code c·(h<<4)}
 * (ISA-L's layout, {@link GaloisField#nibbleTable(byte)}), replicated across the whole vector so that a byte
 * lookup {@code index.selectFrom(table)} (one {@code pshufb}/{@code vpermb}) multiplies a whole vector of bytes.
 *
 * <p>Loop structure ({@link NibbleLoops}): output rows are taken in groups of up to four; for each vector of
 * positions every input is loaded once, split into nibbles once (the high nibble by a 32-bit shift and a mask,
 * since x86 has no byte shift) and fed to the group's four accumulators, which stay in registers until each
 * output vector is stored once. Any rows × columns shape works: a last group of 1..3 rows has its own specialised
 * loop. Positions past the last whole vector are done by a scalar tail (no out-of-bounds reads or writes, no
 * masked memory access, which AVX2 lacks for bytes; on native memory, one more 64-byte run ending at the call's
 * end). The byte[] path allocates nothing;
 * segment calls go the way {@link Segments} chooses, as in {@link VbmiKernel}.
 *
 * <p>Usable when C2 compiles vector code and vectors are at least 128 bits ({@link VectorPlatform}); priority 10,
 * above scalar (0), below {@link VbmiKernel} (20).
 */
public final class VectorKernel implements GaloisKernel {

    /** Rows of outputs that share one pass over the inputs. */
    static final int GROUP = 4;

    private static final int VLEN = NibbleLoops.VLEN;
    private static final String NAME = "vector-nibble-" + NibbleLoops.S.vectorBitSize();
    private static final VectorKernel INSTANCE = new VectorKernel();

    private final Optional<String> unavailable = VectorPlatform.unusableReason();

    private VectorKernel() {
    }

    /** The stateless instance. */
    public static VectorKernel instance() {
        return INSTANCE;
    }

    /** {@code vector-nibble-} and the width in bits. */
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
        return NibbleLoops.S.vectorBitSize();
    }

    @Override
    public int priority() {
        return 10;
    }

    /** Empty when C2 is on and vectors are at least 128 bits; otherwise why not. */
    @Override
    public Optional<String> unavailableReason() {
        return unavailable;
    }

    /**
     * Nibble tables of the matrix, grouped as the loops read them, plus the matrix itself for the scalar tail.
     *
     * @param tables for group g, column c, slot j: low table at {@code (g * columns + c) * 8 * VLEN + 2 * j * VLEN},
     *               high table {@code VLEN} after it; each 16-entry table repeated to VLEN bytes
     * @param matrix the coefficients, row by row
     */
    record Prepared(int rows, int columns, byte[] tables, byte[][] matrix) implements PreparedMatrix {
        @Override
        public String kernelName() {
            return NAME;
        }
    }

    @Override
    public PreparedMatrix prepare(byte[][] matrix) {
        byte[][] m = Matrices.copy(matrix);
        int rows = m.length;
        int columns = m[0].length;
        int groups = (rows + GROUP - 1) / GROUP;
        byte[] tables = new byte[groups * columns * 2 * GROUP * VLEN];
        for (int r = 0; r < rows; r++) {
            int g = r / GROUP;
            int j = r % GROUP;
            for (int c = 0; c < columns; c++) {
                byte[] nibble = GaloisField.nibbleTable(m[r][c]);
                int at = (g * columns + c) * 2 * GROUP * VLEN + 2 * j * VLEN;
                for (int i = 0; i < VLEN; i++) {
                    tables[at + i] = nibble[i & 15];
                    tables[at + VLEN + i] = nibble[16 + (i & 15)];
                }
            }
        }
        return new Prepared(rows, columns, tables, m);
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
        Matrices.alignedArrayPasses(p.matrix, inputs, inputOffset, outputs, outputOffset, length, VLEN,
                span -> span, // one pass: the nibble loops store each output once per position
                (from, n) -> rows(p, inputs, inputOffset + from, outputs, outputOffset + from, n));
    }

    /** Every group of output rows over {@code n} positions of arrays. */
    private static void rows(Prepared p, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                             int n) {
        int columns = p.columns;
        byte[] t = p.tables;
        for (int first = 0; first < p.rows; first += GROUP) {
            int base = first / GROUP * columns * 2 * GROUP * VLEN;
            switch (Math.min(GROUP, p.rows - first)) {
                case 1 -> NibbleLoops.rows1(t, base, inputs, inputOffset, outputs[first], outputOffset, n);
                case 2 -> NibbleLoops.rows2(t, base, inputs, inputOffset, outputs[first], outputs[first + 1],
                        outputOffset, n);
                case 3 -> NibbleLoops.rows3(t, base, inputs, inputOffset, outputs[first], outputs[first + 1],
                        outputs[first + 2], outputOffset, n);
                default -> NibbleLoops.rows4(t, base, inputs, inputOffset, outputs[first], outputs[first + 1],
                        outputs[first + 2], outputs[first + 3], outputOffset, n);
            }
        }
    }

    /** Segment positions per call of a loop: the loops count with an int (see {@link NibbleLoops}). */
    private static final int SEGMENT_CHUNK = 1 << 30;

    /** Native segments run the segment loops; others take a path chosen by {@link Segments}. */
    @Override
    public void multiply(PreparedMatrix matrix, MemorySegment[] inputs, MemorySegment[] outputs, long length) {
        Prepared p = own(matrix, inputs.length, outputs.length);
        Matrices.checkBounds(inputs, outputs, length);
        Segments.multiply(inputs, outputs, length,
                (in, out, n) -> Segments.alignedPasses(p.matrix, in, out, n, VLEN, span -> SEGMENT_CHUNK,
                        (at, len) -> rows(p, in, out, at, len)),
                (in, inOff, out, outOff, n) -> multiplyArrays(p, in, inOff, out, outOff, n));
    }

    /** Every group of output rows over positions {@code at + [0, n)}. */
    private static void rows(Prepared p, MemorySegment[] inputs, MemorySegment[] outputs, long at, int n) {
        int columns = p.columns;
        byte[] t = p.tables;
        for (int first = 0; first < p.rows; first += GROUP) {
            int base = first / GROUP * columns * 2 * GROUP * VLEN;
            MemorySegment[] o = outputs;
            switch (Math.min(GROUP, p.rows - first)) {
                case 1 -> NibbleLoops.rows1(t, base, inputs, o[first], at, n);
                case 2 -> NibbleLoops.rows2(t, base, inputs, o[first], o[first + 1], at, n);
                case 3 -> NibbleLoops.rows3(t, base, inputs, o[first], o[first + 1], o[first + 2], at, n);
                default -> NibbleLoops.rows4(t, base, inputs, o[first], o[first + 1], o[first + 2], o[first + 3],
                        at, n);
            }
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
