package org.ourochronos.storage.jmh;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * Our {@link ReedSolomon#encodeParity} per kernel: k data shards in, m parity shards out, one shard size.
 *
 * <p>One operation codes {@code k × shardSize} bytes of data; the report turns ops/s into GB/s of data, the unit
 * ISA-L and klauspost publish. The Cauchy matrix is used so the bytes are directly comparable with the peers
 * (throughput does not depend on the matrix). {@code encode} works on heap arrays (the Backblaze-style API),
 * {@code encodeDirect} on direct buffers as {@link ByteBuffer#allocateDirect} places them, and
 * {@code encodeAlignedDirect} on direct buffers that start on a 64-byte line ({@link Shards#alignedDirect}), as the
 * ISA-L peer's native shards do ({@link IsaL.NativeShards#allocate}): the like-for-like comparison with ISA-L, same
 * alignment, same data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class EncodeBenchmark {

    @Param({"3+2", "5+4", "10+4", "7+8", "17+3"})
    public String code;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    @Param({Kernels.SCALAR, Kernels.SELECTED})
    public String kernel;

    private ReedSolomon rs;
    private byte[][] shards;
    private ByteBuffer[] direct;

    @Setup
    public void setUp(BenchmarkParams params) {
        Code c = Code.parse(code);
        rs = ReedSolomon.create(c.k(), c.m(), CodingMatrix.CAUCHY, Kernels.resolve(kernel));
        shards = Shards.random(c.k(), c.n(), shardSize);
        rs.encodeParity(shards, 0, shardSize);
        byte[][] parity = new byte[c.m()][];
        System.arraycopy(shards, c.k(), parity, 0, c.m());
        Shards.requireEqual("our " + kernel + " encode " + code, Reference.cauchyParity(c, shards, shardSize), parity);

        boolean aligned = params.getBenchmark().endsWith(".encodeAlignedDirect");
        if (!aligned && !params.getBenchmark().endsWith(".encodeDirect")) {
            return; // the direct copies only serve the direct benchmarks: spare the others the memory and the check
        }
        direct = Shards.direct(shards, c.k(), aligned ? Shards::alignedDirect : ByteBuffer::allocateDirect);
        rs.encodeParity(direct);
        byte[][] directParity = Shards.read(direct, c.k(), c.n());
        Shards.requireEqual("our " + kernel + " encodeDirect " + code, parity, directParity);
    }

    @Benchmark
    public byte[][] encode() {
        rs.encodeParity(shards, 0, shardSize);
        return shards;
    }

    @Benchmark
    public ByteBuffer[] encodeDirect() {
        rs.encodeParity(direct);
        return direct;
    }

    @Benchmark
    public ByteBuffer[] encodeAlignedDirect() {
        rs.encodeParity(direct);
        return direct;
    }
}
