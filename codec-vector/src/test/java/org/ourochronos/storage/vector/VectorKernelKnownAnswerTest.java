package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.ScalarKernel;

/**
 * Published parity of other coders (shared/README), computed through the codec with each vector kernel, so a
 * fault shared by the scalar and vector kernels would still be caught. One byte per shard is all tail; 64 copies
 * of the same data put every byte through the vector loops too.
 */
class VectorKernelKnownAnswerTest {

    static List<GaloisKernel> kernels() {
        return VectorKernels.all();
    }

    /**
     * The 6+3 shards after encoding. A kernel this CPU or JVM cannot run fast (the codec refuses it) is run
     * directly on the coder's parity rows: still correct, as every kernel must be, so the check holds on any CPU.
     */
    private static byte[][] sixPlusThree(GaloisKernel kernel, CodingMatrix matrix, int length) {
        byte[][] shards = new byte[9][length];
        for (int i = 0; i < 6; i++) {
            java.util.Arrays.fill(shards[i], (byte) (i + 1));
        }
        if (kernel.isUsable()) {
            ReedSolomon.create(6, 3, matrix, kernel).encodeParity(shards, 0, length);
        } else {
            byte[][] encoding = ReedSolomon.create(6, 3, matrix, ScalarKernel.instance()).encodingMatrix();
            byte[][] parityRows = java.util.Arrays.copyOfRange(encoding, 6, 9);
            kernel.multiply(kernel.prepare(parityRows), java.util.Arrays.copyOf(shards, 6), 0,
                    java.util.Arrays.copyOfRange(shards, 6, 9), 0, length);
        }
        return shards;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void backblazeSixPlusThree(GaloisKernel kernel) {
        for (int length : new int[] {1, 64 * 3 + 1}) {
            byte[][] s = sixPlusThree(kernel, CodingMatrix.VANDERMONDE, length);
            for (int p = 0; p < length; p++) {
                assertEquals(23, s[6][p] & 0xff);
                assertEquals(16, s[7][p] & 0xff);
                assertEquals(242, s[8][p] & 0xff);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void cauchySixPlusThree(GaloisKernel kernel) {
        for (int length : new int[] {1, 64 * 3 + 1}) {
            byte[][] s = sixPlusThree(kernel, CodingMatrix.CAUCHY, length);
            for (int p = 0; p < length; p++) {
                assertEquals(242, s[6][p] & 0xff);
                assertEquals(187, s[7][p] & 0xff);
                assertEquals(184, s[8][p] & 0xff);
            }
        }
    }
}
