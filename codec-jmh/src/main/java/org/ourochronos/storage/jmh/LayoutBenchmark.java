package org.ourochronos.storage.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * Encode on native shards placed at chosen addresses, to separate what costs time in the heap's placement: lines
 * split by misaligned vectors, and loads whose low 12 address bits match a store still in flight (4 KiB aliasing).
 * All shards are carved from one page-aligned native allocation; {@code layout} says where shard i starts:
 * <ul>
 *   <li>{@code spread}: on a line, 320 bytes further on modulo 4 KiB than shard i − 1 (no split, no aliasing);</li>
 *   <li>{@code same}: on a line, every shard at the same offset modulo 4 KiB (how ISA-L's peer places them);</li>
 *   <li>{@code lines64}: on a line, 64 bytes further on modulo 4 KiB per shard (no split; the inputs' loads match
 *       the low bits of the outputs' stores of 1–13 positions before);</li>
 *   <li>{@code splitSpread}: as {@code spread} plus 16 × (i mod 4) bytes (split lines, no aliasing);</li>
 *   <li>{@code packed16}: 16 bytes apart modulo 4 KiB, like consecutive heap arrays (split and aliasing).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class LayoutBenchmark {

    @Param({"5+4", "10+4"})
    public String code;

    @Param({"65536", "1048576"})
    public int shardSize;

    @Param({"spread", "same", "lines64", "splitSpread", "packed16"})
    public String layout;

    private Arena arena;
    private ReedSolomon rs;
    private ByteBuffer[] shards;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        rs = ReedSolomon.create(c.k(), c.m(), CodingMatrix.CAUCHY, Kernels.resolve(Kernels.SELECTED));
        byte[][] data = Shards.random(c.k(), c.n(), shardSize);
        arena = Arena.ofShared();
        long page = 4096;
        long pitch = switch (layout) {
            case "spread", "splitSpread" -> shardSize + page + 320;
            case "same" -> shardSize + page;
            case "lines64" -> shardSize + 64;
            case "packed16" -> shardSize + 16;
            default -> throw new IllegalArgumentException(layout);
        };
        MemorySegment all = arena.allocate(pitch * c.n() + page, page);
        shards = new ByteBuffer[c.n()];
        for (int i = 0; i < c.n(); i++) {
            long at = i * pitch + ("splitSpread".equals(layout) ? 16L * (i % 4) : 0);
            shards[i] = all.asSlice(at, shardSize).asByteBuffer();
            if (i < c.k()) {
                shards[i].put(0, data[i]);
            }
        }
        rs.encodeParity(shards);
        Shards.requireEqual("our encode, layout " + layout, Reference.cauchyParity(c, data, shardSize),
                Shards.read(shards, c.k(), c.n()));
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public ByteBuffer[] encode() {
        rs.encodeParity(shards);
        return shards;
    }
}
