package org.ourochronos.storage.jmh;

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
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * Our {@link ReedSolomon#decode} per kernel: the first {@code lost} data shards are rebuilt from the others.
 *
 * <p>Rebuilding reads k surviving shards whatever the number lost, so one operation is counted as
 * {@code k × shardSize} bytes of data, as for encoding; cost grows with {@code lost} (more output rows). The decode
 * matrix comes from the coder's cache after the first call, as it would in a long-running reader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class DecodeBenchmark {

    @Param({"10+4"})
    public String code;

    @Param({"1", "2", "3", "4"})
    public int lost;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    @Param({Kernels.SCALAR, Kernels.SELECTED})
    public String kernel;

    private ReedSolomon rs;
    private byte[][] shards;
    private int[] erased;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        Lost.check(c, lost);
        rs = ReedSolomon.create(c.k(), c.m(), CodingMatrix.CAUCHY, Kernels.resolve(kernel));
        shards = Shards.random(c.k(), c.n(), shardSize);
        rs.encodeParity(shards, 0, shardSize);
        byte[][] original = Shards.copy(shards);
        erased = IsaL.range(0, lost);
        for (int e : erased) {
            java.util.Arrays.fill(shards[e], (byte) 0);
        }
        rs.decode(shards, erased, 0, shardSize);
        Shards.requireEqual("our " + kernel + " decode " + code + " lost " + lost, original, shards);
    }

    @Benchmark
    public byte[][] decode() {
        rs.decode(shards, erased, 0, shardSize);
        return shards;
    }
}
