package org.ourochronos.storage.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.erasurecode.CodecRegistry;
import org.apache.hadoop.io.erasurecode.CodecUtil;
import org.apache.hadoop.io.erasurecode.ErasureCodeConstants;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.OurStorageRSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.OurStorageRSRawEncoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.InsufficientShardsException;
import org.ourochronos.storage.codec.InvalidShardCountException;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Our Hadoop coder against hadoop-common 3.4.2's own pure-Java RS coder ({@link RSRawEncoder},
 * {@link RSRawDecoder}): created through Hadoop's entry points, fed byte arrays, heap and direct buffers, and
 * required to write the same bytes and move positions the same way.
 */
class OurStorageRSRawCoderTest {

    private static final String RAWCODERS_KEY = "io.erasurecode.codec.rs.rawcoders";

    private static Configuration oursFirst() {
        Configuration conf = new Configuration(false);
        conf.set(RAWCODERS_KEY, OurStorageRSRawErasureCoderFactory.CODER_NAME + ",rs_java");
        return conf;
    }

    private static RawErasureEncoder ourEncoder(int k, int m) {
        return CodecUtil.createRawEncoder(oursFirst(), ErasureCodeConstants.RS_CODEC_NAME,
                new ErasureCoderOptions(k, m));
    }

    private static RawErasureDecoder ourDecoder(int k, int m) {
        return CodecUtil.createRawDecoder(oursFirst(), ErasureCodeConstants.RS_CODEC_NAME,
                new ErasureCoderOptions(k, m));
    }

    /** RS-3-2, RS-6-3 and RS-10-4 (Hadoop's built-in policies) plus seeded random shapes up to 255 units. */
    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>(List.of(Arguments.of(3, 2), Arguments.of(6, 3), Arguments.of(10, 4),
                Arguments.of(1, 1), Arguments.of(200, 55)));
        Random random = new Random(20261124);
        for (int i = 0; i < 5; i++) {
            list.add(Arguments.of(1 + random.nextInt(24), 1 + random.nextInt(8)));
        }
        return list.stream();
    }

    static Stream<Arguments> shapesAndUnits() {
        return shapes().flatMap(s -> Arrays.stream(Units.values())
                .map(u -> Arguments.of(s.get()[0], s.get()[1], u)));
    }

    private static final int[] LENGTHS = {1, 7, 8, 9, 63, 1000, 4099};

    private static byte[][] randomData(int k, int length, Random random) {
        byte[][] data = new byte[k][length];
        for (byte[] d : data) {
            random.nextBytes(d);
        }
        return data;
    }

    private static byte[][] stripe(byte[][] data, byte[][] parity) {
        byte[][] all = new byte[data.length + parity.length][];
        System.arraycopy(data, 0, all, 0, data.length);
        System.arraycopy(parity, 0, all, data.length, parity.length);
        return all;
    }

    // ------------------------------------------------------------------------------------------- registration

    @Test
    void hadoopRegistryFindsOurFactoryAndCreatesOurCoders() {
        assertTrue(Arrays.asList(CodecRegistry.getInstance().getCoderNames("rs")).contains("rs_ourstorage"),
                "registered names: " + Arrays.toString(CodecRegistry.getInstance().getCoderNames("rs")));
        assertInstanceOf(OurStorageRSRawErasureCoderFactory.class,
                CodecRegistry.getInstance().getCoderByName("rs", "rs_ourstorage"));
        // CodecUtil silently falls back to the next coder on any failure, so the class is the real check.
        assertInstanceOf(OurStorageRSRawEncoder.class, ourEncoder(6, 3));
        assertInstanceOf(OurStorageRSRawDecoder.class, ourDecoder(6, 3));
        // And without our name first, Hadoop's own coder is still what it picks.
        Configuration javaFirst = new Configuration(false);
        javaFirst.set(RAWCODERS_KEY, "rs_java," + OurStorageRSRawErasureCoderFactory.CODER_NAME);
        assertInstanceOf(RSRawEncoder.class,
                CodecUtil.createRawEncoder(javaFirst, "rs", new ErasureCoderOptions(6, 3)));
    }

    @Test
    void factoryNamesAndBufferPreference() {
        OurStorageRSRawErasureCoderFactory f = new OurStorageRSRawErasureCoderFactory();
        assertEquals("rs_ourstorage", f.getCoderName());
        assertEquals("rs", f.getCodecName());
        RawErasureEncoder e = f.createEncoder(new ErasureCoderOptions(6, 3));
        RawErasureDecoder d = f.createDecoder(new ErasureCoderOptions(6, 3));
        assertFalse(e.preferDirectBuffer());
        assertFalse(d.preferDirectBuffer());
        assertEquals(6, e.getNumDataUnits());
        assertEquals(3, d.getNumParityUnits());
        // The coders run on the kernel chosen for this JVM (vector in the default test run, scalar in the other).
        assertEquals(GaloisKernels.selected(), ((OurStorageRSRawEncoder) e).coder().getKernel());
        assertEquals(GaloisKernels.selected(), ((OurStorageRSRawDecoder) d).coder().getKernel());
        assertEquals(CodingMatrix.CAUCHY, ((OurStorageRSRawEncoder) e).coder().getCodingMatrix());
        System.out.println("Hadoop coder test kernel: " + GaloisKernels.selected().name());
    }

    // ---------------------------------------------------------------------------------------- known answers

    @ParameterizedTest
    @MethodSource("unitKinds")
    void cauchyKnownAnswerThroughHadoopApi(Units units) {
        // shared/README: 5+5 with data {0,1},{4,5},{2,3},{6,7},{8,9} under ISA-L's gf_gen_cauchy1_matrix.
        byte[][] data = {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}};
        byte[][] parity = units.encode(ourEncoder(5, 5), data, 5, new Random(1));
        int[][] expected = {{97, 64}, {173, 3}, {218, 14}, {107, 35}, {110, 177}};
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(new byte[] {(byte) expected[p][0], (byte) expected[p][1]}, parity[p], "parity " + p);
        }
    }

    static Stream<Units> unitKinds() {
        return Arrays.stream(Units.values());
    }

    // ------------------------------------------------------------------------------- byte-for-byte vs Hadoop

    @ParameterizedTest(name = "RS-{0}-{1} {2}")
    @MethodSource("shapesAndUnits")
    void encodeWritesHadoopsBytes(int k, int m, Units units) {
        RawErasureEncoder ours = ourEncoder(k, m);
        RawErasureEncoder hadoop = new RSRawEncoder(new ErasureCoderOptions(k, m));
        Random random = new Random(31L * k + m);
        for (int length : LENGTHS) {
            byte[][] data = randomData(k, length, random);
            byte[][] expected = units.encode(hadoop, data, m, random);
            byte[][] actual = units.encode(ours, data, m, random);
            for (int p = 0; p < m; p++) {
                assertArrayEquals(expected[p], actual[p], "parity " + p + ", length " + length);
            }
        }
    }

    @ParameterizedTest(name = "RS-{0}-{1} {2}")
    @MethodSource("shapesAndUnits")
    void decodeWritesHadoopsBytes(int k, int m, Units units) {
        RawErasureEncoder hadoopEncoder = new RSRawEncoder(new ErasureCoderOptions(k, m));
        RawErasureDecoder ours = ourDecoder(k, m);
        RawErasureDecoder hadoop = new RSRawDecoder(new ErasureCoderOptions(k, m));
        Random random = new Random(17L * k + m);
        int n = k + m;
        for (int length : LENGTHS) {
            byte[][] data = randomData(k, length, random);
            byte[][] shards = stripe(data, Units.ARRAY.encode(hadoopEncoder, data, m, random));
            for (int trial = 0; trial < 4; trial++) {
                // Erasures in ascending order, as HDFS lists them (RSRawDecoder relies on data-first order).
                int e = 1 + random.nextInt(m);
                int[] erased = random.ints(0, n).distinct().limit(e).sorted().toArray();
                // Read either every surviving unit or a random k..n-e of them; the rest are passed as null.
                boolean[] readable = new boolean[n];
                List<Integer> survivors = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int unit = i;
                    if (Arrays.stream(erased).noneMatch(x -> x == unit)) {
                        survivors.add(i);
                    }
                }
                java.util.Collections.shuffle(survivors, random);
                int read = trial % 2 == 0 ? survivors.size() : k + random.nextInt(survivors.size() - k + 1);
                for (int i = 0; i < read; i++) {
                    readable[survivors.get(i)] = true;
                }
                byte[][] expected = units.decode(hadoop, shards, readable, erased, random);
                byte[][] actual = units.decode(ours, shards, readable, erased, random);
                for (int j = 0; j < e; j++) {
                    String what = "unit " + erased[j] + " of " + Arrays.toString(erased) + ", length " + length
                            + ", read " + Arrays.toString(readable);
                    assertArrayEquals(shards[erased[j]], expected[j], "Hadoop's own decoder: " + what);
                    assertArrayEquals(expected[j], actual[j], what);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("unitKinds")
    void erasuresInAnyOrderAreRebuiltIntoTheMatchingOutputs(Units units) {
        int k = 6;
        int m = 3;
        Random random = new Random(5);
        byte[][] data = randomData(k, 1031, random);
        byte[][] shards = stripe(data, units.encode(ourEncoder(k, m), data, m, random));
        boolean[] readable = new boolean[k + m];
        Arrays.fill(readable, true);
        int[] erased = {8, 1, 6};
        for (int i : erased) {
            readable[i] = false;
        }
        byte[][] out = units.decode(ourDecoder(k, m), shards, readable, erased, random);
        for (int j = 0; j < erased.length; j++) {
            assertArrayEquals(shards[erased[j]], out[j], "output " + j + " = unit " + erased[j]);
        }
        // Why the byte-for-byte comparisons list erasures in ascending order: hadoop-common 3.4.2's RSRawDecoder
        // takes the first "number of erased data units" entries to be the data units, so with parity 8 listed
        // before data unit 1 its first output is wrong. (If a later Hadoop fixes this, this line tells us.)
        byte[][] hadoop = units.decode(new RSRawDecoder(new ErasureCoderOptions(k, m)), shards, readable, erased,
                random);
        assertFalse(Arrays.equals(shards[8], hadoop[0]), "RSRawDecoder now handles parity-first erasure order");
    }

    /**
     * The shape of Hadoop's RawErasureCoderBenchmark: RS-6-3, 1 MiB chunks, several rounds of encode then decode
     * with units erased, verified against the original data, here also across coders in both directions.
     */
    @ParameterizedTest
    @MethodSource("unitKinds")
    void benchmarkStyleWorkloadRoundTripsWithHadoopsCoders(Units units) {
        int k = 6;
        int m = 3;
        int chunk = 1 << 20;
        RawErasureEncoder ourEnc = ourEncoder(k, m);
        RawErasureDecoder ourDec = ourDecoder(k, m);
        RawErasureEncoder hadoopEnc = new RSRawEncoder(new ErasureCoderOptions(k, m));
        RawErasureDecoder hadoopDec = new RSRawDecoder(new ErasureCoderOptions(k, m));
        Random random = new Random(99);
        for (int round = 0; round < 3; round++) {
            byte[][] data = randomData(k, chunk, random);
            byte[][] ourShards = stripe(data, units.encode(ourEnc, data, m, random));
            int[] erased = random.ints(0, k + m).distinct().limit(m).sorted().toArray();
            boolean[] readable = new boolean[k + m];
            Arrays.fill(readable, true);
            for (int i : erased) {
                readable[i] = false;
            }
            byte[][] ours = units.decode(ourDec, ourShards, readable, erased, random);
            // Written by us, read by Hadoop: existing Hadoop readers keep working on our stripes.
            byte[][] theirs = units.decode(hadoopDec, ourShards, readable, erased, random);
            for (int j = 0; j < m; j++) {
                assertArrayEquals(ourShards[erased[j]], ours[j], "round " + round + ", unit " + erased[j]);
                assertArrayEquals(ourShards[erased[j]], theirs[j], "Hadoop decoding our stripe, unit " + erased[j]);
            }
            if (round == 0) {
                // Written by Hadoop, read by us.
                byte[][] hadoopShards = stripe(data, units.encode(hadoopEnc, data, m, random));
                byte[][] back = units.decode(ourDec, hadoopShards, readable, erased, random);
                for (int j = 0; j < m; j++) {
                    assertArrayEquals(hadoopShards[erased[j]], back[j], "our decoding of Hadoop's stripe");
                }
            }
        }
    }

    @Test
    void releaseLeavesTheDecoderUsable() throws Exception {
        RawErasureDecoder decoder = ourDecoder(3, 2);
        Random random = new Random(3);
        byte[][] data = randomData(3, 100, random);
        byte[][] shards = stripe(data, Units.ARRAY.encode(ourEncoder(3, 2), data, 2, random));
        boolean[] readable = {false, true, false, true, true};
        int[] erased = {0};
        assertArrayEquals(shards[0], Units.DIRECT.decode(decoder, shards, readable, erased, random)[0]);
        decoder.release();
        assertArrayEquals(shards[0], Units.DIRECT.decode(decoder, shards, readable, erased, random)[0]);
        assertArrayEquals(shards[0], Units.HEAP.decode(decoder, shards, readable, erased, random)[0]);
    }

    // ------------------------------------------------------------------------------------------- bad input

    @Test
    void encodeRejectsWrongCountsAndNullsAsHadoopDoes() {
        RawErasureEncoder e = ourEncoder(3, 2);
        byte[][] out = new byte[2][8];
        assertThrows(HadoopIllegalArgumentException.class, () -> e.encode(new byte[2][8], out));
        assertThrows(HadoopIllegalArgumentException.class, () -> e.encode(new byte[3][8], new byte[3][8]));
        assertThrows(HadoopIllegalArgumentException.class,
                () -> e.encode(new byte[][] {new byte[8], null, new byte[8]}, out));
        assertThrows(HadoopIllegalArgumentException.class, () -> e.encode(new byte[3][], out));
        assertThrows(HadoopIllegalArgumentException.class,
                () -> e.encode(new byte[][] {new byte[8], new byte[7], new byte[8]}, out));
        ByteBuffer[] mixed = {ByteBuffer.allocate(8), ByteBuffer.allocateDirect(8), ByteBuffer.allocate(8)};
        assertThrows(HadoopIllegalArgumentException.class,
                () -> e.encode(mixed, new ByteBuffer[] {ByteBuffer.allocate(8), ByteBuffer.allocate(8)}));
        // Nothing was written by any of the rejected calls.
        assertArrayEquals(new byte[2][8], out);
    }

    @Test
    void decodeRejectsBadInputBeforeWriting() {
        RawErasureDecoder d = ourDecoder(3, 2);
        byte[] sentinel = new byte[8];
        Arrays.fill(sentinel, (byte) 0x5a);
        byte[][] out = {sentinel.clone()};
        byte[][] fiveUnits = {null, new byte[8], new byte[8], new byte[8], new byte[8]};
        // Fewer than k valid inputs.
        assertThrows(HadoopIllegalArgumentException.class,
                () -> d.decode(new byte[][] {null, null, new byte[8], new byte[8], null}, new int[] {0}, out));
        // Outputs and erasures disagree; more erasures than parity units.
        assertThrows(HadoopIllegalArgumentException.class, () -> d.decode(fiveUnits, new int[] {0, 1}, out));
        assertThrows(HadoopIllegalArgumentException.class,
                () -> d.decode(new byte[][] {null, null, null, new byte[8], new byte[8]}, new int[] {0, 1, 2},
                        new byte[3][8]));
        // Wrong number of input slots (Hadoop throws the plain IllegalArgumentException here).
        assertThrows(IllegalArgumentException.class, () -> d.decode(new byte[4][8], new int[] {0}, out));
        // A null output.
        assertThrows(HadoopIllegalArgumentException.class,
                () -> d.decode(fiveUnits, new int[] {0}, new byte[][] {null}));
        // Indices Hadoop leaves unchecked: our typed exception.
        assertThrows(InvalidShardsException.class, () -> d.decode(fiveUnits, new int[] {5}, out));
        assertThrows(InvalidShardsException.class, () -> d.decode(fiveUnits, new int[] {-1}, out));
        assertThrows(InvalidShardsException.class,
                () -> d.decode(fiveUnits, new int[] {0, 0}, new byte[][] {out[0], new byte[8]}));
        // An erased index that also has an input: it is rebuilt, not read, and then too few units remain.
        assertThrows(InsufficientShardsException.class,
                () -> d.decode(new byte[][] {null, null, new byte[8], new byte[8], new byte[8]}, new int[] {2},
                        out));
        assertArrayEquals(sentinel, out[0]);
    }

    @Test
    void shapesHadoopCannotReadAreRefused() {
        OurStorageRSRawErasureCoderFactory f = new OurStorageRSRawErasureCoderFactory();
        // Hadoop's RS coders stop at 255 units; we refuse the same shapes so nothing we write is unreadable there.
        assertThrows(HadoopIllegalArgumentException.class, () -> f.createEncoder(new ErasureCoderOptions(200, 56)));
        assertThrows(HadoopIllegalArgumentException.class, () -> f.createDecoder(new ErasureCoderOptions(200, 56)));
        assertThrows(InvalidShardCountException.class, () -> f.createEncoder(new ErasureCoderOptions(0, 3)));
        assertThrows(InvalidShardCountException.class, () -> f.createDecoder(new ErasureCoderOptions(6, 0)));
    }
}
