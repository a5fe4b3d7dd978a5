package org.ourochronos.storage.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

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
