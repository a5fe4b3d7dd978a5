package org.ourochronos.storage.galois;

/**
 * Arithmetic in GF(2^8), the field of 256 elements used by Reed-Solomon coding.
 *
 * <p>Elements are bytes read as polynomials over GF(2) of degree below 8. Addition (and subtraction) is XOR.
 * Multiplication is polynomial multiplication reduced modulo the primitive polynomial
 * x^8 + x^4 + x^3 + x^2 + 1 ({@code 0x11d}); its root, the element {@code 2}, generates the multiplicative group,
 * so every non-zero element is {@code 2^i} for exactly one {@code i} in 0..254. That gives the log/exp tables:
 * {@code a · b = exp[log a + log b]}, {@code a / b = exp[log a − log b]}.
 *
 * <p>This is the field of Backblaze JavaReedSolomon, klauspost/reedsolomon, Intel ISA-L and Hadoop's RS coder,
 * which is what makes byte-for-byte compatibility with them possible.
 *
 * <pre>{@code
 * byte p = GaloisField.multiply((byte) 3, (byte) 7);   // 9
 * byte q = GaloisField.divide(p, (byte) 7);             // 3
 * }</pre>
 *
 * <p>All methods take and return elements as {@code byte} (unsigned meaning) and are thread-safe.
 */
public final class GaloisField {

    /** The field polynomial x^8 + x^4 + x^3 + x^2 + 1. */
    public static final int POLYNOMIAL = 0x11d;

    /** The generator of the multiplicative group. */
    public static final int GENERATOR = 2;

    /** Number of field elements. */
    public static final int FIELD_SIZE = 256;

    /** exp[i] = 2^i for i in 0..509, doubled so that exp[log a + log b] needs no modulo. */
    private static final byte[] EXP = new byte[2 * 255];

    /** log[a] for a in 1..255; log[0] is undefined (kept 0, never read for 0). */
    private static final int[] LOG = new int[256];

    /** MUL[a << 8 | b] = a · b: the 64 KiB product table used by the scalar kernel. */
    private static final byte[] MUL = new byte[256 * 256];

    /** INV[a] = a^-1 for a != 0. */
    private static final byte[] INV = new byte[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = (byte) x;
            EXP[i + 255] = (byte) x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                MUL[a << 8 | b] = EXP[LOG[a] + LOG[b]];
            }
            INV[a] = EXP[255 - LOG[a]];
        }
    }

    private GaloisField() {
    }

    /** Returns {@code a + b} (XOR; addition and subtraction are the same operation). */
    public static byte add(byte a, byte b) {
        return (byte) (a ^ b);
    }

    /** Returns {@code a · b}. */
    public static byte multiply(byte a, byte b) {
        return MUL[(a & 0xff) << 8 | (b & 0xff)];
    }

    /**
     * Returns {@code a / b}.
     *
     * @throws ArithmeticException if {@code b} is zero
     */
    public static byte divide(byte a, byte b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a & 0xff] - LOG[b & 0xff] + 255];
    }

    /**
     * Returns the multiplicative inverse {@code a^-1}.
     *
     * @throws ArithmeticException if {@code a} is zero
     */
    public static byte inverse(byte a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse in GF(2^8)");
        }
        return INV[a & 0xff];
    }

    /**
     * Returns {@code a^n} for {@code n >= 0}, with {@code 0^0 = 1} (the convention of Backblaze's Vandermonde
     * matrix).
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static byte power(byte a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative exponent " + n);
        }
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(int) ((long) LOG[a & 0xff] * n % 255)];
    }

    /** Returns {@code 2^i} (the generator to the power i), for any {@code i >= 0}. */
    public static byte exp(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("negative exponent " + i);
        }
        return EXP[i % 255];
    }

    /**
     * Returns the discrete logarithm of {@code a} to base 2.
     *
     * @throws ArithmeticException if {@code a} is zero
     */
    public static int log(byte a) {
        if (a == 0) {
            throw new ArithmeticException("log of zero is undefined in GF(2^8)");
        }
        return LOG[a & 0xff];
    }

    /**
     * Returns the 256-entry row of the product table for coefficient {@code c}: {@code row[x] = c · x}.
     * A fresh copy; callers may keep it.
     */
    public static byte[] multiplicationRow(byte c) {
        byte[] row = new byte[256];
        System.arraycopy(MUL, (c & 0xff) << 8, row, 0, 256);
        return row;
    }

    /**
     * Returns a copy of the full 256×256 product table, indexed {@code [a << 8 | b]}.
     */
    public static byte[] multiplicationTable() {
        return MUL.clone();
    }

    /**
     * Returns the 32-byte split-nibble table of coefficient {@code c} in Intel ISA-L's layout
     * ({@code ec_init_tables}): bytes 0..15 are {@code c · x} for {@code x = 0..15} (products of the low nibble),
     * bytes 16..31 are {@code c · (x << 4)} (products of the high nibble). Because multiplication distributes over
     * XOR, {@code c · b = low[b & 15] ^ high[b >>> 4]}; SIMD kernels look both up with byte shuffles.
     */
    public static byte[] nibbleTable(byte c) {
        byte[] table = new byte[32];
        for (int x = 0; x < 16; x++) {
            table[x] = multiply(c, (byte) x);
            table[16 + x] = multiply(c, (byte) (x << 4));
        }
        return table;
    }

    /**
     * Returns the split-nibble tables of a whole matrix, ISA-L's {@code ec_init_tables} layout: 32 bytes per
     * coefficient, row by row ({@code rows × cols × 32} bytes).
     */
    public static byte[] nibbleTables(byte[][] matrix) {
        int rows = matrix.length;
        int cols = rows == 0 ? 0 : matrix[0].length;
        byte[] tables = new byte[rows * cols * 32];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                System.arraycopy(nibbleTable(matrix[r][c]), 0, tables, (r * cols + c) * 32, 32);
            }
        }
        return tables;
    }
}
