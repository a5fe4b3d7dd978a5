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
import org.ourochronos.storage.galois.GaloisField;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.PreparedMatrix;

/**
 * The innermost operation of every coder: one coefficient times one region, {@code out = c · in}, through a
 * kernel's 1 × 1 prepared matrix. It isolates the kernel's per-byte cost from the multi-row scheduling that
 * {@link EncodeBenchmark} adds; one operation is {@code size} bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class RegionMultiplyBenchmark {

    /** An arbitrary coefficient with both nibbles non-zero, so no kernel short-cut (0, 1) applies. */
    static final byte COEFFICIENT = (byte) 0x8e;

    @Param({"4096", "65536", "1048576"})
    public int size;

    @Param({Kernels.SCALAR, Kernels.SELECTED})
    public String kernel;

    private GaloisKernel k;
    private PreparedMatrix matrix;
    private byte[][] in;
    private byte[][] out;

    @Setup
    public void setUp() {
        k = Kernels.resolve(kernel);
        matrix = k.prepare(new byte[][] {{COEFFICIENT}});
        in = Shards.random(1, 1, size);
        out = new byte[1][size];
        k.multiply(matrix, in, 0, out, 0, size);
        byte[][] expected = new byte[1][size];
        for (int i = 0; i < size; i++) {
            expected[0][i] = GaloisField.multiply(COEFFICIENT, in[0][i]);
        }
        Shards.requireEqual("region multiply, kernel " + kernel, expected, out);
    }

    @Benchmark
    public byte[][] region() {
        k.multiply(matrix, in, 0, out, 0, size);
        return out;
    }
}
