package org.ourochronos.storage.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawErasureCoderFactory;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureCoderFactory;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ourochronos.storage.hadoop.OurStorageRSRawErasureCoderFactory;

/**
 * Hadoop's raw coder API, same run, same data: our {@code rs_ourstorage} factory's coders against hadoop-common's
 * {@code rs_java} ({@code RSRawEncoder} / {@code RSRawDecoder}), on RS-6-3 and RS-10-4 with 1 MiB cells, on heap
 * buffers (which Hadoop's base class hands to the coders as {@code byte[]}) and on direct buffers.
 *
 * <p>{@code encode}: k cells in, m parity cells out. {@code decode}: the first m data cells are erased (the most a
 * stripe can lose) and rebuilt from the other k cells, the shape of HDFS reconstruction after m failures.
 * {@code decodeOne}: cell 0 is rebuilt from exactly k cells (1..k), the others passed as {@code null}: the
 * common single-failure read, where a coder that rebuilt every missing slot would do m times the work. One
 * operation reads {@code k × 1 MiB} of data in all three; GB/s = ops/s × k × 1 MiB. Input positions are rewound before
 * each call because Hadoop's API consumes them (cost: a few field writes against megabytes of coding).
 *
 * <p>Every trial first checks that the coder's parity equals our scalar Cauchy reference and that decoding
 * rebuilds the erased cells, so a coder computing wrong bytes cannot post a number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class HadoopCoderBenchmark {

    /** {@code rs_ourstorage} (ours) or {@code rs_java} (hadoop-common's pure-Java coder). */
    @Param({OurStorageRSRawErasureCoderFactory.CODER_NAME, RSRawErasureCoderFactory.CODER_NAME})
    public String coder;

    @Param({"6+3", "10+4"})
    public String code;

    /** {@code heap} or {@code direct} buffers. */
    @Param({"heap", "direct"})
    public String buffers;

    @Param({"1048576"})
    public int cellSize;

    private RawErasureEncoder encoder;
    private RawErasureDecoder decoder;
    private ByteBuffer[] data;
    private ByteBuffer[] parity;
    private ByteBuffer[] decodeInputs;
    private int[] erased;
    private ByteBuffer[] decodeOutputs;
    private ByteBuffer[] oneInputs;
    private final int[] oneErased = {0};
    private ByteBuffer[] oneOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Code c = Code.parse(code);
        RawErasureCoderFactory factory = switch (coder) {
            case OurStorageRSRawErasureCoderFactory.CODER_NAME -> new OurStorageRSRawErasureCoderFactory();
            case RSRawErasureCoderFactory.CODER_NAME -> new RSRawErasureCoderFactory();
            default -> throw new IllegalArgumentException("coder must be rs_ourstorage or rs_java, got " + coder);
        };
        boolean direct = switch (buffers) {
            case "heap" -> false;
            case "direct" -> true;
            default -> throw new IllegalArgumentException("buffers must be heap or direct, got " + buffers);
        };
        ErasureCoderOptions options = new ErasureCoderOptions(c.k(), c.m());
        encoder = factory.createEncoder(options);
        decoder = factory.createDecoder(options);

        byte[][] shards = Shards.random(c.k(), c.n(), cellSize);
        byte[][] expectedParity = Reference.cauchyParity(c, shards, cellSize);
        data = new ByteBuffer[c.k()];
        parity = new ByteBuffer[c.m()];
        for (int i = 0; i < c.k(); i++) {
            data[i] = allocate(direct).put(0, shards[i]);
        }
        for (int p = 0; p < c.m(); p++) {
            parity[p] = allocate(direct);
        }
        encode();
        Shards.requireEqual(coder + " encode " + code + " " + buffers, expectedParity, contents(parity));

        // Erase the first m data cells; the other k cells (remaining data, all parity) are the decode inputs.
        erased = IsaL.range(0, c.m());
        decodeInputs = new ByteBuffer[c.n()];
        for (int i = c.m(); i < c.k(); i++) {
            decodeInputs[i] = data[i];
        }
        for (int p = 0; p < c.m(); p++) {
            decodeInputs[c.k() + p] = allocate(direct).put(0, expectedParity[p]);
        }
        decodeOutputs = new ByteBuffer[c.m()];
        byte[][] expectedCells = new byte[c.m()][];
        for (int j = 0; j < c.m(); j++) {
            decodeOutputs[j] = allocate(direct);
            expectedCells[j] = shards[erased[j]];
        }
        decode();
        Shards.requireEqual(coder + " decode " + code + " " + buffers, expectedCells, contents(decodeOutputs));

        // Cell 0 lost, exactly k cells read (1..k: the other data cells and the first parity cell).
        oneInputs = new ByteBuffer[c.n()];
        for (int i = 1; i <= c.k(); i++) {
            oneInputs[i] = allocate(direct).put(0, i < c.k() ? shards[i] : expectedParity[0]);
        }
        oneOutput = new ByteBuffer[] {allocate(direct)};
        decodeOne();
        Shards.requireEqual(coder + " decodeOne " + code + " " + buffers, new byte[][] {shards[0]},
                contents(oneOutput));
    }

    private ByteBuffer allocate(boolean direct) {
        return direct ? ByteBuffer.allocateDirect(cellSize) : ByteBuffer.allocate(cellSize);
    }

    private static byte[][] contents(ByteBuffer[] buffers) {
        byte[][] out = new byte[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            out[i] = new byte[buffers[i].remaining()];
            buffers[i].get(buffers[i].position(), out[i]);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.release();
        decoder.release();
    }

    @Benchmark
    public ByteBuffer[] encode() {
        for (ByteBuffer b : data) {
            b.clear();
        }
        try {
            encoder.encode(data, parity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parity;
    }

    @Benchmark
    public ByteBuffer[] decode() {
        for (ByteBuffer b : decodeInputs) {
            if (b != null) {
                b.clear();
            }
        }
        try {
            decoder.decode(decodeInputs, erased, decodeOutputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decodeOutputs;
    }

    @Benchmark
    public ByteBuffer[] decodeOne() {
        for (ByteBuffer b : oneInputs) {
            if (b != null) {
                b.clear();
            }
        }
        try {
            decoder.decode(oneInputs, oneErased, oneOutput);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return oneOutput;
    }
}
