package org.ourochronos.storage.ozone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.hadoop.hdds.client.ECReplicationConfig;
import org.apache.ozone.erasurecode.CodecRegistry;
import org.apache.ozone.erasurecode.rawcoder.OurStorageOzoneRSRawDecoder;
import org.apache.ozone.erasurecode.rawcoder.OurStorageOzoneRSRawEncoder;
import org.apache.ozone.erasurecode.rawcoder.RSRawDecoder;
import org.apache.ozone.erasurecode.rawcoder.RSRawEncoder;
import org.apache.ozone.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.ozone.erasurecode.rawcoder.RawErasureEncoder;
import org.apache.ozone.erasurecode.rawcoder.util.CodecUtil;
import org.junit.jupiter.api.Test;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Our Ozone coders against Ozone's own pure-Java RS coders (hdds-erasurecode 1.4.1): same bytes on encode and
 * decode, for arrays, heap and direct buffers, through Ozone's registry.
 */
class OurStorageOzoneCoderTest {

    private enum Kind { ARRAY, HEAP, DIRECT }

    @Test
    void ozoneRegistryFindsOurCoder() {
        assertInstanceOf(OurStorageOzoneRawErasureCoderFactory.class,
                CodecRegistry.getInstance().getCoderByName("rs", OurStorageOzoneRawErasureCoderFactory.CODER_NAME));
        assertTrue(List.of(CodecRegistry.getInstance().getCoderNames("rs")).contains("rs_ourstorage"));
        // Our jar comes before Ozone's on this class path, so Ozone's fallback chain picks our coder first.
        ECReplicationConfig rs63 = new ECReplicationConfig(6, 3);
        assertInstanceOf(OurStorageOzoneRSRawEncoder.class, CodecUtil.createRawEncoderWithFallback(rs63));
        assertInstanceOf(OurStorageOzoneRSRawDecoder.class, CodecUtil.createRawDecoderWithFallback(rs63));
        assertEquals("vector", GaloisKernels.selected().family(), "tests run with the SIMD kernel");
    }

    @Test
    void knownAnswerThroughOzonesApi() throws Exception {
        RawErasureEncoder ours = new OurStorageOzoneRawErasureCoderFactory().createEncoder(new ECReplicationConfig(6, 3));
        byte[][] in = new byte[6][1];
        for (int i = 0; i < 6; i++) {
            in[i][0] = (byte) (i + 1);
        }
        byte[][] out = new byte[3][1];
        ours.encode(in, out);
        assertArrayEquals(new byte[] {(byte) 242, (byte) 187, (byte) 184},
                new byte[] {out[0][0], out[1][0], out[2][0]});
    }

    @Test
    void encodeAndDecodeMatchOzoneByteForByte() throws Exception {
        Random rnd = new Random(77);
        int[][] fixed = {{3, 2}, {6, 3}, {10, 4}};
        for (int trial = 0; trial < 24; trial++) {
            int k = trial < 3 ? fixed[trial][0] : 1 + rnd.nextInt(16);
            int m = trial < 3 ? fixed[trial][1] : 1 + rnd.nextInt(6);
            int length = 1 + rnd.nextInt(5000);
            Kind kind = Kind.values()[trial % 3];
            ECReplicationConfig config = new ECReplicationConfig(k, m);
            byte[][] data = new byte[k][length];
            for (byte[] d : data) {
                rnd.nextBytes(d);
            }

            byte[][] expectedParity = new byte[m][length];
            new RSRawEncoder(config).encode(copy(data), expectedParity);
            byte[][] parity = encode(new OurStorageOzoneRSRawEncoder(config), data, m, length, kind);
            for (int p = 0; p < m; p++) {
                assertArrayEquals(expectedParity[p], parity[p], "RS-" + k + "-" + m + " parity " + p + " " + kind);
            }

            byte[][] units = new byte[k + m][];
            System.arraycopy(data, 0, units, 0, k);
            System.arraycopy(parity, 0, units, k, m);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < k + m; i++) {
                all.add(i);
            }
            Collections.shuffle(all, rnd);
            // Ozone's decoder, like Hadoop's, expects erased units in ascending order.
            int[] erased = all.subList(0, 1 + rnd.nextInt(m)).stream().mapToInt(Integer::intValue).sorted().toArray();
            byte[][] ozoneIn = copy(units);
            for (int e : erased) {
                ozoneIn[e] = null;
            }
            byte[][] expected = new byte[erased.length][length];
            new RSRawDecoder(config).decode(ozoneIn, erased, expected);
            byte[][] got = decode(new OurStorageOzoneRSRawDecoder(config), units, erased, length, kind);
            for (int j = 0; j < erased.length; j++) {
                assertArrayEquals(expected[j], got[j], "RS-" + k + "-" + m + " unit " + erased[j] + " " + kind);
                assertArrayEquals(units[erased[j]], got[j]);
            }
        }
    }

    @Test
    void badErasuresAreRejectedBeforeWriting() {
        ECReplicationConfig config = new ECReplicationConfig(3, 2);
        OurStorageOzoneRSRawDecoder decoder = new OurStorageOzoneRSRawDecoder(config);
        byte[][] in = {new byte[8], new byte[8], new byte[8], null, new byte[8]};
        byte[][] out = {new byte[8]};
        java.util.Arrays.fill(out[0], (byte) 7);
        assertThrows(InvalidShardsException.class, () -> decoder.decode(in, new int[] {7}, out));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(
                new byte[][] {null, null, new byte[8], null, new byte[8]}, new int[] {3}, out));
        assertArrayEquals(new byte[] {7, 7, 7, 7, 7, 7, 7, 7}, out[0], "nothing written");
    }

    private static byte[][] encode(RawErasureEncoder encoder, byte[][] data, int m, int length, Kind kind)
            throws Exception {
        if (kind == Kind.ARRAY) {
            byte[][] out = new byte[m][length];
            encoder.encode(copy(data), out);
            return out;
        }
        ByteBuffer[] in = new ByteBuffer[data.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = buffer(kind, data[i]);
        }
        ByteBuffer[] out = new ByteBuffer[m];
        for (int p = 0; p < m; p++) {
            out[p] = buffer(kind, new byte[length]);
        }
        encoder.encode(in, out);
        return contents(out, length);
    }

    private static byte[][] decode(RawErasureDecoder decoder, byte[][] units, int[] erased, int length, Kind kind)
            throws Exception {
        if (kind == Kind.ARRAY) {
            byte[][] in = copy(units);
            for (int e : erased) {
                in[e] = null;
            }
            byte[][] out = new byte[erased.length][length];
            decoder.decode(in, erased, out);
            return out;
        }
        ByteBuffer[] in = new ByteBuffer[units.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = buffer(kind, units[i]);
        }
        for (int e : erased) {
            in[e] = null;
        }
        ByteBuffer[] out = new ByteBuffer[erased.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = buffer(kind, new byte[length]);
        }
        decoder.decode(in, erased, out);
        return contents(out, length);
    }

    /** A buffer holding {@code bytes} from a non-zero position (heap buffers also at a non-zero array offset). */
    private static ByteBuffer buffer(Kind kind, byte[] bytes) {
        ByteBuffer b = kind == Kind.DIRECT ? ByteBuffer.allocateDirect(bytes.length + 7)
                : ByteBuffer.wrap(new byte[bytes.length + 12], 5, bytes.length + 7).slice();
        b.position(3);
        b.put(bytes);
        b.position(3);
        b.limit(3 + bytes.length);
        return b;
    }

    private static byte[][] contents(ByteBuffer[] buffers, int length) {
        byte[][] out = new byte[buffers.length][length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].duplicate().get(out[i]);
        }
        return out;
    }

    private static byte[][] copy(byte[][] a) {
        byte[][] c = new byte[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }
}
