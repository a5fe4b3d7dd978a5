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
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;

/**
 * Peer: hadoop-common's pure-Java {@link RSRawDecoder} rebuilding the first {@code lost} data shards, same shapes
 * as {@link DecodeBenchmark}. The decoder keeps its decode matrix while the erasure pattern stays the same, as ours
 * does. The rebuilt bytes are checked against the original data once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class HadoopRawDecodeBenchmark {

    @Param({"10+4"})
    public String code;

    @Param({"1", "2", "3", "4"})
    public int lost;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    private RSRawDecoder decoder;
    private byte[][] inputs;
    private int[] erased;
    private byte[][] outputs;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        Lost.check(c, lost);
        decoder = HadoopRs.decoder(c);
        byte[][] shards = Reference.cauchyCodeword(c, shardSize);
        erased = IsaL.range(0, lost);
        inputs = shards.clone();
        outputs = new byte[lost][shardSize];
        byte[][] expected = new byte[lost][];
        for (int e : erased) {
            expected[e] = shards[e];
            inputs[e] = null;
        }
        HadoopRs.decode(decoder, inputs, erased, outputs);
        Shards.requireEqual("Hadoop RSRawDecoder " + code + " lost " + lost, expected, outputs);
    }

    @Benchmark
    public byte[][] decode() {
        HadoopRs.decode(decoder, inputs, erased, outputs);
        return outputs;
    }
}
