package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;

/**
 * Byte-for-byte agreement with hadoop-common 3.4.2's pure-Java RS coder (Cauchy matrix), the coder HDFS and Ozone
 * use for the "rs" codec: same parity on encode, same reconstructed units on decode.
 */
class HadoopParityTest {

    static Stream<GaloisKernel> kernels() {
        return Kernels.all();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void parityAndDecodeMatchHadoopForRandomShapes(GaloisKernel kernel) throws Exception {
        Random rnd = new Random(2024);
        int[][] fixed = {{3, 2}, {6, 3}, {10, 4}};
        for (int trial = 0; trial < 30; trial++) {
            int k = trial < fixed.length ? fixed[trial][0] : 1 + rnd.nextInt(20);
            int m = trial < fixed.length ? fixed[trial][1] : 1 + rnd.nextInt(8);
            int length = rnd.nextInt(3000);
            int offset = rnd.nextInt(17);
            byte[][] data = new byte[k][offset + length];
            for (byte[] d : data) {
                rnd.nextBytes(d);
            }

            RSRawEncoder hadoop = new RSRawEncoder(new ErasureCoderOptions(k, m));
            byte[][] hadoopParity = new byte[m][length];
            byte[][] hadoopInputs = new byte[k][];
            for (int i = 0; i < k; i++) {
                hadoopInputs[i] = java.util.Arrays.copyOfRange(data[i], offset, offset + length);
            }
            hadoop.encode(hadoopInputs, hadoopParity);

            ReedSolomon rs = ReedSolomon.create(k, m, CodingMatrix.CAUCHY, kernel);
            byte[][] shards = new byte[k + m][offset + length];
            for (int i = 0; i < k; i++) {
                shards[i] = data[i].clone();
            }
            rs.encodeParity(shards, offset, length);
            for (int p = 0; p < m; p++) {
                assertArrayEquals(hadoopParity[p], java.util.Arrays.copyOfRange(shards[k + p], offset, offset + length),
                        "RS-" + k + "-" + m + " parity " + p + " length " + length);
            }

            // Erase up to m units (Hadoop orders units data first, then parity — the same as ours).
            int lost = 1 + rnd.nextInt(m);
            java.util.List<Integer> all = new java.util.ArrayList<>();
            for (int i = 0; i < k + m; i++) {
                all.add(i);
            }
            java.util.Collections.shuffle(all, rnd);
            int[] erased = all.subList(0, lost).stream().mapToInt(Integer::intValue).sorted().toArray();

            byte[][] units = new byte[k + m][];
            for (int i = 0; i < k + m; i++) {
                units[i] = java.util.Arrays.copyOfRange(shards[i], offset, offset + length);
            }
            byte[][] hadoopInputsForDecode = new byte[k + m][];
            for (int i = 0; i < k + m; i++) {
                hadoopInputsForDecode[i] = units[i];
            }
            for (int e : erased) {
                hadoopInputsForDecode[e] = null;
            }
            byte[][] hadoopOut = new byte[erased.length][length];
            new RSRawDecoder(new ErasureCoderOptions(k, m)).decode(hadoopInputsForDecode, erased, hadoopOut);

            byte[][] ours = new byte[k + m][];
            for (int i = 0; i < k + m; i++) {
                ours[i] = units[i].clone();
            }
            for (int e : erased) {
                java.util.Arrays.fill(ours[e], (byte) 0);
            }
            rs.decode(ours, erased, 0, length);
            for (int j = 0; j < erased.length; j++) {
                assertArrayEquals(hadoopOut[j], ours[erased[j]], "RS-" + k + "-" + m + " unit " + erased[j]);
                assertArrayEquals(units[erased[j]], ours[erased[j]]);
            }
        }
    }
}
