package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.galois.GaloisKernel;

/**
 * Published parity of other coders (shared/README), computed through the codec with each vector kernel, so a
 * fault shared by the scalar and vector kernels would still be caught. One byte per shard is all tail; 64 copies
 * of the same data put every byte through the vector loops too.
 */
class VectorKernelKnownAnswerTest {

    static List<GaloisKernel> kernels() {
        return VectorKernels.all();
    }

    private static byte[][] sixPlusThree(GaloisKernel kernel, CodingMatrix matrix, int length) {
        ReedSolomon rs = ReedSolomon.create(6, 3, matrix, kernel);
        byte[][] shards = new byte[9][length];
        for (int i = 0; i < 6; i++) {
            java.util.Arrays.fill(shards[i], (byte) (i + 1));
        }
        rs.encodeParity(shards, 0, length);
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
