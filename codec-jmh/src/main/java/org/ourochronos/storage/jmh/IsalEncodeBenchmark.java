package org.ourochronos.storage.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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

/**
 * Peer: Intel ISA-L's {@code ec_encode_data} with its own Cauchy matrix ({@code gf_gen_cauchy1_matrix}), called
 * through FFM on 64-byte-aligned native shards; the same shapes and data as {@link EncodeBenchmark}, so the report
 * can put the two side by side. Its parity is checked against ours once per trial. Without {@code libisal.so.2}
 * every trial stops at set-up with "ISA-L: not installed".
 *
 * <p>{@code isalKernel}: {@code auto} is ISA-L's own dispatch (its best kernel for this CPU); {@code avx2},
 * {@code avx512}, {@code sse} and {@code base} call that kernel directly ({@code bench/run.sh legacy-cpus} adds
 * {@code avx2}, the peer for our kernels under {@code -XX:UseAVX=2}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class IsalEncodeBenchmark {

    @Param({"3+2", "5+4", "10+4", "7+8", "17+3"})
    public String code;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    @Param({"auto"})
    public String isalKernel;

    private Arena arena;
    private IsaL.Encoder encoder;
    private MemorySegment dataPointers;
    private MemorySegment parityPointers;

    @Setup
    public void setUp() {
        IsaL.require();
        Code c = Code.parse(code);
        arena = Arena.ofShared();
        byte[][] matrix = IsaL.cauchyMatrix(c.k(), c.n());
        byte[][] parityRows = new byte[c.m()][];
        System.arraycopy(matrix, c.k(), parityRows, 0, c.m());
        encoder = IsaL.initTables(arena, parityRows).encoder(isalKernel);
        byte[][] heap = Shards.random(c.k(), c.n(), shardSize);
        IsaL.NativeShards shards = IsaL.NativeShards.of(arena, heap);
        dataPointers = shards.pointers(arena, IsaL.range(0, c.k()));
        parityPointers = shards.pointers(arena, IsaL.range(c.k(), c.n()));
        encoder.encode(shardSize, dataPointers, parityPointers);
        Shards.requireEqual("ISA-L (" + isalKernel + ") encode " + code, Reference.cauchyParity(c, heap, shardSize),
                shards.toArrays(IsaL.range(c.k(), c.n())));
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment encode() {
        encoder.encode(shardSize, dataPointers, parityPointers);
        return parityPointers;
    }
}
