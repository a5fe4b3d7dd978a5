package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;

/**
 * Published known answers (see shared/README: Backblaze JavaReedSolomon = klauspost default for Vandermonde;
 * ISA-L gf_gen_cauchy1_matrix = Hadoop RSRawEncoder = klauspost WithCauchyMatrix for Cauchy).
 */
class KnownAnswerTest {

    static Stream<GaloisKernel> kernels() {
        return Kernels.all();
    }

    private static byte[][] fivePlusFive(ReedSolomon rs) {
        byte[][] shards = new byte[10][2];
        int[][] data = {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}};
        for (int i = 0; i < 5; i++) {
            shards[i][0] = (byte) data[i][0];
            shards[i][1] = (byte) data[i][1];
        }
        rs.encodeParity(shards, 0, 2);
        return shards;
    }

    private static byte[][] sixPlusThree(ReedSolomon rs) {
        byte[][] shards = new byte[9][1];
        for (int i = 0; i < 6; i++) {
            shards[i][0] = (byte) (i + 1);
        }
        rs.encodeParity(shards, 0, 1);
        return shards;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void backblazeFivePlusFive(GaloisKernel kernel) {
        byte[][] s = fivePlusFive(ReedSolomon.create(5, 5, CodingMatrix.VANDERMONDE, kernel));
        assertArrayEquals(bytes(12, 13), s[5]);
        assertArrayEquals(bytes(10, 11), s[6]);
        assertArrayEquals(bytes(14, 15), s[7]);
        assertArrayEquals(bytes(90, 91), s[8]);
        assertArrayEquals(bytes(94, 95), s[9]);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void backblazeSixPlusThree(GaloisKernel kernel) {
        byte[][] s = sixPlusThree(ReedSolomon.create(6, 3, CodingMatrix.VANDERMONDE, kernel));
        assertArrayEquals(bytes(23), s[6]);
        assertArrayEquals(bytes(16), s[7]);
        assertArrayEquals(bytes(242), s[8]);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void cauchyFivePlusFive(GaloisKernel kernel) {
        byte[][] s = fivePlusFive(ReedSolomon.create(5, 5, CodingMatrix.CAUCHY, kernel));
        assertArrayEquals(bytes(97, 64), s[5]);
        assertArrayEquals(bytes(173, 3), s[6]);
        assertArrayEquals(bytes(218, 14), s[7]);
        assertArrayEquals(bytes(107, 35), s[8]);
        assertArrayEquals(bytes(110, 177), s[9]);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void cauchySixPlusThree(GaloisKernel kernel) {
        byte[][] s = sixPlusThree(ReedSolomon.create(6, 3, CodingMatrix.CAUCHY, kernel));
        assertArrayEquals(bytes(242), s[6]);
        assertArrayEquals(bytes(187), s[7]);
        assertArrayEquals(bytes(184), s[8]);
    }
}
