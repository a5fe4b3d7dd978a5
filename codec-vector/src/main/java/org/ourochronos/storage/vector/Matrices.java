package org.ourochronos.storage.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

import org.ourochronos.storage.galois.GaloisField;
import org.ourochronos.storage.galois.PreparedMatrix;

/** Checks and the scalar tail shared by the vector kernels. */
final class Matrices {

    private Matrices() {
    }

    /** A defensive copy of a rectangular, non-empty matrix. */
    static byte[][] copy(byte[][] matrix) {
        if (matrix.length == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("matrix must have at least one row and one column");
        }
        byte[][] m = new byte[matrix.length][];
        for (int r = 0; r < m.length; r++) {
            if (matrix[r].length != matrix[0].length) {
                throw new IllegalArgumentException("matrix rows differ in length");
            }
            m[r] = matrix[r].clone();
        }
        return m;
    }

    /**
     * The matrix as the calling kernel's own prepared type, checked against the slice counts: a matrix prepared by
     * another kernel, or of another shape, is rejected before anything is read or written.
     */
    static <P extends PreparedMatrix> P own(Class<P> type, String kernel, PreparedMatrix matrix, int inputs,
                                            int outputs) {
        if (!type.isInstance(matrix)) {
            throw new IllegalArgumentException("matrix was prepared by kernel '"
                    + Objects.requireNonNull(matrix, "matrix").kernelName() + "', not '" + kernel + "'");
        }
        P p = type.cast(matrix);
        checkShape(p.rows(), p.columns(), inputs, outputs);
        return p;
    }

    static void checkShape(int rows, int columns, int inputs, int outputs) {
        if (inputs != columns || outputs != rows) {
            throw new IllegalArgumentException("matrix is " + rows + "×" + columns + " but got " + inputs
                    + " inputs and " + outputs + " outputs");
        }
    }

    /** Bytes from a byte[] object's start to its element 0: HotSpot's default layout (12 with compact headers). */
    static final int ARRAY_BASE_OFFSET = 16;

    /** Calls at least this long align their vector pass over arrays ({@link #arrayAlignmentHead}). */
    static final int ALIGN_ARRAYS_FROM = 256 * 1024;

    /** {@code -Dourstorage.alignArrays=false} turns the array alignment off, for A/B measurements; not an API. */
    static final boolean ALIGN_ARRAYS = !"false".equals(System.getProperty("ourstorage.alignArrays"));

    /**
     * Where the vector pass over byte arrays starts so that the first output's vectors fall on 64-byte lines,
     * assuming its array starts on a 64-byte boundary. G1, the default collector, gives every array of half a
     * region or more (regions are 1–32 MiB) a region of its own, so the data of all such shards sits
     * {@link #ARRAY_BASE_OFFSET} bytes past a boundary and one head aligns every access: 10+4 and 5+4 with 1 MiB
     * shards gained 6–13 % in a same-JVM harness on Zen 5, and in JMH with 2 MiB regions 10+4 ran at 49.4 against
     * 36.7 GB/s without the head. Smaller arrays are packed next to each other at mixed offsets within a line (1 MiB
     * shards under the default 4 MiB regions of a 6 GB heap: 43.7 GB/s), and only those at the assumed offset are
     * aligned. Java does not expose an array's address, so for them this is a guess that costs one extra vector;
     * it is taken only for calls of {@link #ALIGN_ARRAYS_FROM} bytes or more. The kernels run positions [0, 64)
     * first, then the aligned pass rewrites [head, 64) with the same bytes (see {@link Segments#alignmentHead}).
     */
    static int arrayAlignmentHead(int outputOffset, int length) {
        if (!ALIGN_ARRAYS || length < ALIGN_ARRAYS_FROM) {
            return 0;
        }
        return -(ARRAY_BASE_OFFSET + outputOffset) & 63;
    }

    /** A kernel's array loops over positions {@code from + [0, n)} of every input and output row. */
    @FunctionalInterface
    interface ArrayRange {
        void multiply(int from, int n);
    }

    /**
     * A byte-array call in the order {@link #arrayAlignmentHead} describes, for both kernels: [0, 64) as one vector
     * when there is a head, then whole vectors of {@code vectorBytes} from the head in chunks of
     * {@code chunkFor(span)} positions, then the rest in scalar code.
     */
    static void alignedArrayPasses(byte[][] matrix, byte[][] inputs, int inputOffset, byte[][] outputs,
                                   int outputOffset, int length, int vectorBytes, IntUnaryOperator chunkFor,
                                   ArrayRange range) {
        int head = arrayAlignmentHead(outputOffset, length);
        if (head > 0) {
            range.multiply(0, 64); // rewritten alike from `head` on
        }
        int end = head + (length - head) / vectorBytes * vectorBytes;
        int chunk = Math.max(vectorBytes, chunkFor.applyAsInt(end - head));
        for (int from = head; from < end; from += chunk) {
            range.multiply(from, Math.min(chunk, end - from));
        }
        scalarRange(matrix, inputs, inputOffset, outputs, outputOffset, end, length);
    }

    /** Every slice in bounds, checked before anything is written. */
    static void checkBounds(byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        for (byte[] in : inputs) {
            java.util.Objects.checkFromIndexSize(inputOffset, length, in.length);
        }
        for (byte[] out : outputs) {
            java.util.Objects.checkFromIndexSize(outputOffset, length, out.length);
        }
    }

    /** Every segment long enough, checked before anything is written. */
    static void checkBounds(MemorySegment[] inputs, MemorySegment[] outputs, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        for (MemorySegment in : inputs) {
            java.util.Objects.checkFromIndexSize(0, length, in.byteSize());
        }
        for (MemorySegment out : outputs) {
            java.util.Objects.checkFromIndexSize(0, length, out.byteSize());
            if (out.isReadOnly()) {
                throw new IllegalArgumentException("output segment is read-only");
            }
        }
    }

    /** Positions {@code [from, to)} byte by byte with the field's product table (a head or tail of a vector). */
    static void scalarRange(byte[][] m, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                           int from, int to) {
        for (int r = 0; r < m.length; r++) {
            byte[] row = m[r];
            for (int p = from; p < to; p++) {
                byte sum = 0;
                for (int c = 0; c < row.length; c++) {
                    sum ^= GaloisField.multiply(row[c], inputs[c][inputOffset + p]);
                }
                outputs[r][outputOffset + p] = sum;
            }
        }
    }

    /** The segment form of {@link #scalarRange(byte[][], byte[][], int, byte[][], int, int, int)}. */
    static void scalarRange(byte[][] m, MemorySegment[] inputs, MemorySegment[] outputs, long from, long to) {
        for (int r = 0; r < m.length; r++) {
            byte[] row = m[r];
            for (long p = from; p < to; p++) {
                byte sum = 0;
                for (int c = 0; c < row.length; c++) {
                    sum ^= GaloisField.multiply(row[c], inputs[c].get(ValueLayout.JAVA_BYTE, p));
                }
                outputs[r].set(ValueLayout.JAVA_BYTE, p, sum);
            }
        }
    }
}
