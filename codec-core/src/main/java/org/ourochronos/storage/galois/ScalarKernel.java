package org.ourochronos.storage.galois;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * The portable, table-driven kernel: plain Java, every CPU, every JVM.
 *
 * <p>The classic loop (Backblaze's) walks the shards once per (input, output) pair and does one 256-entry lookup
 * and one read-modify-write per byte. This kernel packs the products of up to eight output rows into one
 * {@code long}: for input column c, {@code table[c][x]} holds {@code M[r0][c]·x} in byte 0,
 * {@code M[r1][c]·x} in byte 1, and so on. One lookup per input byte then serves eight outputs, the sums stay in
 * registers (eight byte positions at a time, read as one little-endian {@code long}), and each output is written
 * once, eight bytes at a time. Tables are 2 KiB per input column and output group.
 */
public final class ScalarKernel implements GaloisKernel {

    /** Output rows that share one packed table (bytes in a long). */
    static final int ROWS_PER_GROUP = 8;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong SEGMENT_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The kernel's name. */
    public static final String NAME = "scalar";

    private static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    /** The stateless instance. */
    public static ScalarKernel instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "scalar";
    }

    @Override
    public int vectorBitWidth() {
        return 0;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Packed tables: {@code groups[g][c][x]} holds, in byte j, {@code M[8g + j][c] · x}. */
    record Prepared(int rows, int columns, long[][][] groups) implements PreparedMatrix {
        @Override
        public String kernelName() {
            return NAME;
        }
    }

    @Override
    public PreparedMatrix prepare(byte[][] matrix) {
        int rows = matrix.length;
        if (rows == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("matrix must have at least one row and one column");
        }
        int columns = matrix[0].length;
        long[][][] groups = new long[(rows + ROWS_PER_GROUP - 1) / ROWS_PER_GROUP][][];
        for (int g = 0; g < groups.length; g++) {
            long[][] table = new long[columns][256];
            int first = g * ROWS_PER_GROUP;
            int count = Math.min(ROWS_PER_GROUP, rows - first);
            for (int c = 0; c < columns; c++) {
                for (int x = 0; x < 256; x++) {
                    long packed = 0;
                    for (int j = 0; j < count; j++) {
                        if (matrix[first + j].length != columns) {
                            throw new IllegalArgumentException("matrix rows differ in length");
                        }
                        packed |= (GaloisField.multiply(matrix[first + j][c], (byte) x) & 0xffL) << (8 * j);
                    }
                    table[c][x] = packed;
                }
            }
            groups[g] = table;
        }
        return new Prepared(rows, columns, groups);
    }

    private static Prepared own(PreparedMatrix matrix, int inputs, int outputs) {
        if (!(matrix instanceof Prepared p)) {
            throw new IllegalArgumentException("matrix was prepared by kernel '"
                    + Objects.requireNonNull(matrix, "matrix").kernelName() + "', not '" + NAME + "'");
        }
        if (inputs != p.columns || outputs != p.rows) {
            throw new IllegalArgumentException("matrix is " + p.rows + "×" + p.columns + " but got " + inputs
                    + " inputs and " + outputs + " outputs");
        }
        return p;
    }

    @Override
    public void multiply(PreparedMatrix matrix, byte[][] inputs, int inputOffset, byte[][] outputs,
                         int outputOffset, int length) {
        Prepared p = own(matrix, inputs.length, outputs.length);
        int columns = p.columns;
        int end = length & ~7;
        for (int g = 0; g < p.groups.length; g++) {
            long[][] t = p.groups[g];
            int firstRow = g * ROWS_PER_GROUP;
            int rowCount = Math.min(ROWS_PER_GROUP, p.rows - firstRow);
            for (int pos = 0; pos < end; pos += 8) {
                long a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (int c = 0; c < columns; c++) {
                    long x = (long) LONG_LE.get(inputs[c], inputOffset + pos);
                    long[] tc = t[c];
                    a0 ^= tc[(int) x & 0xff];
                    a1 ^= tc[(int) (x >>> 8) & 0xff];
                    a2 ^= tc[(int) (x >>> 16) & 0xff];
                    a3 ^= tc[(int) (x >>> 24) & 0xff];
                    a4 ^= tc[(int) (x >>> 32) & 0xff];
                    a5 ^= tc[(int) (x >>> 40) & 0xff];
                    a6 ^= tc[(int) (x >>> 48) & 0xff];
                    a7 ^= tc[(int) (x >>> 56)];
                }
                if (rowCount <= 2) {
                    for (int j = 0; j < rowCount; j++) {
                        LONG_LE.set(outputs[firstRow + j], outputOffset + pos,
                                gather(j << 3, a0, a1, a2, a3, a4, a5, a6, a7));
                    }
                } else {
                    storeTransposed(outputs, firstRow, rowCount, outputOffset + pos, a0, a1, a2, a3, a4, a5, a6, a7);
                }
            }
            for (int pos = end; pos < length; pos++) {
                long a = 0;
                for (int c = 0; c < columns; c++) {
                    a ^= t[c][inputs[c][inputOffset + pos] & 0xff];
                }
                for (int j = 0; j < rowCount; j++) {
                    outputs[firstRow + j][outputOffset + pos] = (byte) (a >>> (j << 3));
                }
            }
        }
    }

    @Override
    public void multiply(PreparedMatrix matrix, MemorySegment[] inputs, MemorySegment[] outputs, long length) {
        Prepared p = own(matrix, inputs.length, outputs.length);
        int columns = p.columns;
        long end = length & ~7L;
        for (int g = 0; g < p.groups.length; g++) {
            long[][] t = p.groups[g];
            int firstRow = g * ROWS_PER_GROUP;
            int rowCount = Math.min(ROWS_PER_GROUP, p.rows - firstRow);
            for (long pos = 0; pos < end; pos += 8) {
                long a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (int c = 0; c < columns; c++) {
                    long x = inputs[c].get(SEGMENT_LONG, pos);
                    long[] tc = t[c];
                    a0 ^= tc[(int) x & 0xff];
                    a1 ^= tc[(int) (x >>> 8) & 0xff];
                    a2 ^= tc[(int) (x >>> 16) & 0xff];
                    a3 ^= tc[(int) (x >>> 24) & 0xff];
                    a4 ^= tc[(int) (x >>> 32) & 0xff];
                    a5 ^= tc[(int) (x >>> 40) & 0xff];
                    a6 ^= tc[(int) (x >>> 48) & 0xff];
                    a7 ^= tc[(int) (x >>> 56)];
                }
                if (rowCount <= 2) {
                    for (int j = 0; j < rowCount; j++) {
                        outputs[firstRow + j].set(SEGMENT_LONG, pos, gather(j << 3, a0, a1, a2, a3, a4, a5, a6, a7));
                    }
                } else {
                    storeTransposed(outputs, firstRow, rowCount, pos, a0, a1, a2, a3, a4, a5, a6, a7);
                }
            }
            for (long pos = end; pos < length; pos++) {
                long a = 0;
                for (int c = 0; c < columns; c++) {
                    a ^= t[c][inputs[c].get(ValueLayout.JAVA_BYTE, pos) & 0xff];
                }
                for (int j = 0; j < rowCount; j++) {
                    outputs[firstRow + j].set(ValueLayout.JAVA_BYTE, pos, (byte) (a >>> (j << 3)));
                }
            }
        }
    }

    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final long EVEN_SHORTS = 0x0000FFFF0000FFFFL;
    private static final long LOW_INTS = 0x00000000FFFFFFFFL;

    /*
     * With three or more output rows a full 8×8 byte transpose of the sums (three rounds of masked swaps, 72
     * operations) is cheaper than gathering each row's eight bytes separately (32 operations per row). Sum a_i
     * holds position i, row j in byte j; after the transpose a_j holds row j, position i in byte i.
     */
    private static void storeTransposed(byte[][] out, int firstRow, int rowCount, int offset, long a0, long a1,
                                        long a2, long a3, long a4, long a5, long a6, long a7) {
        long t;
        t = ((a0 >>> 8) ^ a1) & EVEN_BYTES; a1 ^= t; a0 ^= t << 8;
        t = ((a2 >>> 8) ^ a3) & EVEN_BYTES; a3 ^= t; a2 ^= t << 8;
        t = ((a4 >>> 8) ^ a5) & EVEN_BYTES; a5 ^= t; a4 ^= t << 8;
        t = ((a6 >>> 8) ^ a7) & EVEN_BYTES; a7 ^= t; a6 ^= t << 8;
        t = ((a0 >>> 16) ^ a2) & EVEN_SHORTS; a2 ^= t; a0 ^= t << 16;
        t = ((a1 >>> 16) ^ a3) & EVEN_SHORTS; a3 ^= t; a1 ^= t << 16;
        t = ((a4 >>> 16) ^ a6) & EVEN_SHORTS; a6 ^= t; a4 ^= t << 16;
        t = ((a5 >>> 16) ^ a7) & EVEN_SHORTS; a7 ^= t; a5 ^= t << 16;
        t = ((a0 >>> 32) ^ a4) & LOW_INTS; a4 ^= t; a0 ^= t << 32;
        t = ((a1 >>> 32) ^ a5) & LOW_INTS; a5 ^= t; a1 ^= t << 32;
        t = ((a2 >>> 32) ^ a6) & LOW_INTS; a6 ^= t; a2 ^= t << 32;
        t = ((a3 >>> 32) ^ a7) & LOW_INTS; a7 ^= t; a3 ^= t << 32;
        LONG_LE.set(out[firstRow], offset, a0);
        LONG_LE.set(out[firstRow + 1], offset, a1);
        LONG_LE.set(out[firstRow + 2], offset, a2);
        if (rowCount > 3) {
            LONG_LE.set(out[firstRow + 3], offset, a3);
            if (rowCount > 4) {
                LONG_LE.set(out[firstRow + 4], offset, a4);
                if (rowCount > 5) {
                    LONG_LE.set(out[firstRow + 5], offset, a5);
                    if (rowCount > 6) {
                        LONG_LE.set(out[firstRow + 6], offset, a6);
                        if (rowCount > 7) {
                            LONG_LE.set(out[firstRow + 7], offset, a7);
                        }
                    }
                }
            }
        }
    }

    /** Segment form of {@link #storeTransposed(byte[][], int, int, int, long, long, long, long, long, long, long, long)}. */
    private static void storeTransposed(MemorySegment[] out, int firstRow, int rowCount, long offset, long a0,
                                        long a1, long a2, long a3, long a4, long a5, long a6, long a7) {
        long t;
        t = ((a0 >>> 8) ^ a1) & EVEN_BYTES; a1 ^= t; a0 ^= t << 8;
        t = ((a2 >>> 8) ^ a3) & EVEN_BYTES; a3 ^= t; a2 ^= t << 8;
        t = ((a4 >>> 8) ^ a5) & EVEN_BYTES; a5 ^= t; a4 ^= t << 8;
        t = ((a6 >>> 8) ^ a7) & EVEN_BYTES; a7 ^= t; a6 ^= t << 8;
        t = ((a0 >>> 16) ^ a2) & EVEN_SHORTS; a2 ^= t; a0 ^= t << 16;
        t = ((a1 >>> 16) ^ a3) & EVEN_SHORTS; a3 ^= t; a1 ^= t << 16;
        t = ((a4 >>> 16) ^ a6) & EVEN_SHORTS; a6 ^= t; a4 ^= t << 16;
        t = ((a5 >>> 16) ^ a7) & EVEN_SHORTS; a7 ^= t; a5 ^= t << 16;
        t = ((a0 >>> 32) ^ a4) & LOW_INTS; a4 ^= t; a0 ^= t << 32;
        t = ((a1 >>> 32) ^ a5) & LOW_INTS; a5 ^= t; a1 ^= t << 32;
        t = ((a2 >>> 32) ^ a6) & LOW_INTS; a6 ^= t; a2 ^= t << 32;
        t = ((a3 >>> 32) ^ a7) & LOW_INTS; a7 ^= t; a3 ^= t << 32;
        out[firstRow].set(SEGMENT_LONG, offset, a0);
        out[firstRow + 1].set(SEGMENT_LONG, offset, a1);
        out[firstRow + 2].set(SEGMENT_LONG, offset, a2);
        if (rowCount > 3) {
            out[firstRow + 3].set(SEGMENT_LONG, offset, a3);
            if (rowCount > 4) {
                out[firstRow + 4].set(SEGMENT_LONG, offset, a4);
                if (rowCount > 5) {
                    out[firstRow + 5].set(SEGMENT_LONG, offset, a5);
                    if (rowCount > 6) {
                        out[firstRow + 6].set(SEGMENT_LONG, offset, a6);
                        if (rowCount > 7) {
                            out[firstRow + 7].set(SEGMENT_LONG, offset, a7);
                        }
                    }
                }
            }
        }
    }

    /** Byte {@code shift/8} of each of the eight sums, as the eight bytes of one output word. */
    private static long gather(int shift, long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7) {
        return (a0 >>> shift & 0xff)
                | (a1 >>> shift & 0xff) << 8
                | (a2 >>> shift & 0xff) << 16
                | (a3 >>> shift & 0xff) << 24
                | (a4 >>> shift & 0xff) << 32
                | (a5 >>> shift & 0xff) << 40
                | (a6 >>> shift & 0xff) << 48
                | (a7 >>> shift & 0xff) << 56;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
