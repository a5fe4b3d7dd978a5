package org.ourochronos.storage.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hadoop's pure-Java RS coders produce our Cauchy parity and rebuild what we encode. Running at all also proves
 * that hadoop-common without any of its transitive dependencies (see the pom) is enough for them.
 */
class HadoopPeerTest {

    @Test
    void knownAnswerSixPlusThree() {
        byte[][] data = new byte[6][1];
        for (int i = 0; i < 6; i++) {
            data[i][0] = (byte) (i + 1);
        }
        byte[][] parity = new byte[3][1];
        HadoopRs.encode(HadoopRs.encoder(new Code(6, 3)), data, parity);
        assertEquals(242, parity[0][0] & 0xff);
        assertEquals(187, parity[1][0] & 0xff);
        assertEquals(184, parity[2][0] & 0xff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3+2", "5+4", "10+4", "7+8", "17+3"})
    void parityEqualsOurs(String shape) {
        Code c = Code.parse(shape);
        int size = 4096 + 13;
        byte[][] data = Shards.random(c.k(), c.k(), size);
        byte[][] parity = new byte[c.m()][size];
        RSRawEncoder encoder = HadoopRs.encoder(c);
        HadoopRs.encode(encoder, data, parity);
        IsaLPeerTest.assertDeepEquals(Reference.cauchyParity(c, data, size), parity);
    }

    @Test
    void decoderRebuildsOurShards() {
        Code c = new Code(10, 4);
        int size = 5000;
        byte[][] shards = Shards.random(c.k(), c.n(), size);
        System.arraycopy(Reference.cauchyParity(c, shards, size), 0, shards, c.k(), c.m());
        int[] erased = {0, 3, 7, 11}; // three data shards and one parity shard
        byte[][] inputs = shards.clone();
        for (int e : erased) {
            inputs[e] = null;
        }
        byte[][] out = new byte[erased.length][size];
        RSRawDecoder decoder = HadoopRs.decoder(c);
        HadoopRs.decode(decoder, inputs, erased, out);
        for (int i = 0; i < erased.length; i++) {
            IsaLPeerTest.assertDeepEquals(new byte[][] {shards[erased[i]]}, new byte[][] {out[i]});
        }
    }

    @Test
    void benchmarkSetupsCheckAgainstOurs() {
        for (int lost = 1; lost <= 4; lost++) {
            HadoopRawDecodeBenchmark b = new HadoopRawDecodeBenchmark();
            b.code = "10+4";
            b.lost = lost;
            b.shardSize = 1000;
            b.setUp();
            b.decode();
        }
        HadoopRawEncodeBenchmark e = new HadoopRawEncodeBenchmark();
        e.code = "7+8";
        e.shardSize = 4096;
        e.setUp();
        e.encode();
    }

    @Test
    void mismatchFailsLoudly() {
        byte[][] a = {{1, 2, 3}};
        byte[][] b = {{1, 2, 4}};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Shards.requireEqual("x", a, b));
        assertTrue(e.getMessage().startsWith("PARITY MISMATCH"), e.getMessage());
    }
}
