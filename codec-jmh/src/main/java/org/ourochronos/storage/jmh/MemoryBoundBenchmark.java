package org.ourochronos.storage.jmh;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Not a coder: the memory traffic of {@link EncodeBenchmark}'s shapes without arithmetic ({@link MemoryBound}: k loads
 * and m stores per position, XOR only), on the same kinds of memory — {@code encode} on heap arrays allocated as
 * {@link EncodeBenchmark#encode} allocates them, {@code encodeAlignedDirect} on 64-byte-aligned direct buffers as
 * {@link EncodeBenchmark#encodeAlignedDirect} and the ISA-L peer use. Run beside the coders with shards that stream
 * from L3 or memory, it shows how much of the memory bandwidth each reaches: a coder close to it cannot gain much from
 * faster arithmetic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MemoryBoundBenchmark {

    @Param({"5+4", "10+4"})
    public String code;

    @Param({"65536", "1048576"})
    public int shardSize;

    private byte[][] in;
    private byte[][] out;
    private MemorySegment[] inSegments;
    private MemorySegment[] outSegments;

    @Setup
    public void setUp(BenchmarkParams params) {
        Code c = Code.parse(code);
        byte[][] shards = Shards.random(c.k(), c.n(), shardSize);
        in = Arrays.copyOfRange(shards, 0, c.k());
        out = Arrays.copyOfRange(shards, c.k(), c.n());
        MemoryBound.xorStream(in, out, shardSize);
        byte[] expected = xorOf(in, shardSize);
        Shards.requireEqual("memory-bound stream " + code, fill(c.m(), expected), out);
        if (params.getBenchmark().endsWith(".encodeAlignedDirect")) {
            ByteBuffer[] direct = Shards.direct(shards, c.k(), Shards::alignedDirect);
            inSegments = MemoryBound.segments(direct, 0, c.k());
            outSegments = MemoryBound.segments(direct, c.k(), c.n());
            MemoryBound.xorStream(inSegments, outSegments, shardSize);
            byte[][] written = Shards.read(direct, c.k(), c.n());
            Shards.requireEqual("memory-bound stream (aligned direct) " + code, fill(c.m(), expected), written);
        }
    }

    @Benchmark
    public byte[][] encode() {
        MemoryBound.xorStream(in, out, shardSize);
        return out;
    }

    @Benchmark
    public MemorySegment[] encodeAlignedDirect() {
        MemoryBound.xorStream(inSegments, outSegments, shardSize);
        return outSegments;
    }

    private static byte[] xorOf(byte[][] rows, int length) {
        byte[] x = new byte[length];
        for (byte[] row : rows) {
            for (int p = 0; p < length; p++) {
                x[p] ^= row[p];
            }
        }
        return x;
    }

    private static byte[][] fill(int count, byte[] row) {
        byte[][] rows = new byte[count][];
        Arrays.fill(rows, row);
        return rows;
    }
}
