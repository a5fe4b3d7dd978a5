package org.ourochronos.storage.codec;

import org.ourochronos.storage.galois.GaloisField;

/**
 * Dense matrices over GF(2^8) as {@code byte[rows][columns]}: the few operations Reed-Solomon needs.
 */
final class Matrix {

    private Matrix() {
    }

    static byte[][] identity(int size) {
        byte[][] m = new byte[size][size];
        for (int i = 0; i < size; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** {@code a × b}. */
    static byte[][] multiply(byte[][] a, byte[][] b) {
        int rows = a.length;
        int inner = b.length;
        int cols = b[0].length;
        byte[][] out = new byte[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                byte sum = 0;
                for (int i = 0; i < inner; i++) {
                    sum ^= GaloisField.multiply(a[r][i], b[i][c]);
                }
                out[r][c] = sum;
            }
        }
        return out;
    }

    /** The rows of {@code m} at {@code indices}, copied, in that order. */
    static byte[][] rows(byte[][] m, int[] indices) {
        byte[][] out = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = m[indices[i]].clone();
        }
        return out;
    }

    static byte[][] copy(byte[][] m) {
        byte[][] out = new byte[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /**
     * The inverse of square matrix {@code m}, by Gauss-Jordan elimination on {@code [m | I]}.
     *
     * @throws ArithmeticException if {@code m} is singular
     */
    static byte[][] invert(byte[][] m) {
        int n = m.length;
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            if (m[r].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            System.arraycopy(m[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("matrix is singular");
            }
            byte[] tmp = work[pivot];
            work[pivot] = work[col];
            work[col] = tmp;
            byte scale = GaloisField.inverse(work[col][col]);
            for (int c = 0; c < 2 * n; c++) {
                work[col][c] = GaloisField.multiply(work[col][c], scale);
            }
            for (int r = 0; r < n; r++) {
                byte factor = work[r][col];
                if (r != col && factor != 0) {
                    for (int c = 0; c < 2 * n; c++) {
                        work[r][c] ^= GaloisField.multiply(factor, work[col][c]);
                    }
                }
            }
        }
        byte[][] inverse = new byte[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(work[r], n, inverse[r], 0, n);
        }
        return inverse;
    }
}
