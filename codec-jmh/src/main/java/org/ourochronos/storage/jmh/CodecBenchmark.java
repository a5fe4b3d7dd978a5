package org.ourochronos.storage.jmh;

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
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RecoveryResult;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.integrity.HashAlgorithm;

/**
 * The high-level codec against the bare coder, same run: what checksums, the Merkle root, copying the object into
 * shards and (on decode) verifying the result cost on top of Reed-Solomon. One operation handles one object of
 * {@code objectSize} bytes; the report shows bytes of object per second.
 *
 * <ul>
 *   <li>{@code bareEncode}: {@link ReedSolomon#encodeParity} over shards already cut (the floor);</li>
 *   <li>{@code codecEncode}: {@link ErasureCodec#encode(byte[], String)} — cut, encode, hash n shards and the
 *       object, build the Merkle root;</li>
 *   <li>{@code codecDecode}: {@link ErasureCodec#decode(ShardSet)} with {@code lost} data shards missing — verify
 *       the present shards, rebuild, assemble, check the object checksum.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"})
public class CodecBenchmark {

    @Param({"PERSONAL", "10-of-14"})
    public String level;

    @Param({"1048576"})
    public int objectSize;

    @Param({"sha256", "blake2b"})
    public String hash;

    @Param({"2"})
    public int lost;

    @Param({Kernels.SCALAR, Kernels.SELECTED})
    public String kernel;

    private ErasureCodec codec;
    private ReedSolomon bare;
    private byte[] object;
    private byte[][] shards;
    private ShardSet damaged;
    private int shardSize;

    @Setup
    public void setUp() {
        RedundancyLevel l = RedundancyLevel.fromString(level);
        codec = ErasureCodec.builder().level(l).hashAlgorithm(HashAlgorithm.fromName(hash))
                .kernel(Kernels.resolve(kernel)).build();
        bare = codec.reedSolomon();
        object = Shards.random(1, 1, objectSize)[0];
        shardSize = (objectSize + l.dataShards() - 1) / l.dataShards();
        shards = Shards.random(l.dataShards(), l.totalShards(), shardSize);
        ShardSet set = codec.encode(object, "bench");
        damaged = set;
        for (int i = 0; i < Math.min(lost, l.parityShards()); i++) {
            damaged = damaged.withoutShard(i);
        }
        RecoveryResult r = codec.decode(damaged);
        if (!r.success() || !Arrays.equals(object, r.recoveredData())) {
            throw new IllegalStateException("codec round trip failed in set-up: " + r.errorMessage());
        }
    }

    @Benchmark
    public byte[][] bareEncode() {
        bare.encodeParity(shards, 0, shardSize);
        return shards;
    }

    @Benchmark
    public ShardSet codecEncode() {
        return codec.encode(object, "bench");
    }

    @Benchmark
    public RecoveryResult codecDecode() {
        return codec.decode(damaged);
    }
}
