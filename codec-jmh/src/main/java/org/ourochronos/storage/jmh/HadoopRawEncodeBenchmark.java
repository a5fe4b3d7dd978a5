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
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;

/**
 * Peer: hadoop-common's pure-Java {@link RSRawEncoder} on heap arrays, same shapes and data as
 * {@link EncodeBenchmark}. Its parity is checked against ours (Cauchy matrix) once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class HadoopRawEncodeBenchmark {

    @Param({"3+2", "5+4", "10+4", "7+8", "17+3"})
    public String code;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    private RSRawEncoder encoder;
    private byte[][] data;
    private byte[][] parity;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        encoder = HadoopRs.encoder(c);
        byte[][] shards = Shards.random(c.k(), c.n(), shardSize);
        data = new byte[c.k()][];
        parity = new byte[c.m()][];
        System.arraycopy(shards, 0, data, 0, c.k());
        System.arraycopy(shards, c.k(), parity, 0, c.m());
        HadoopRs.encode(encoder, data, parity);
        Shards.requireEqual("Hadoop RSRawEncoder " + code, Reference.cauchyParity(c, data, shardSize), parity);
    }

    @Benchmark
    public byte[][] encode() {
        HadoopRs.encode(encoder, data, parity);
        return parity;
    }
}
