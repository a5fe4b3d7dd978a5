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
import org.ourochronos.storage.galois.GaloisField;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Our scalar kernel against the classic Java loop in the same run: Backblaze JavaReedSolomon's default
 * {@code InputOutputByteTableCodingLoop} shape — for every (input, output) pair walk the whole shard and XOR in
 * {@code table[coefficient][input byte]} from the 256×256 product table. Both produce the same parity (checked
 * once per trial). The target for {@code ScalarKernel} is at least 2× this loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class ScalarBaselineBenchmark {

    @Param({"10+4", "3+2", "5+4", "7+8"})
    public String code;

    @Param({"1048576"})
    public int shardSize;

    private ReedSolomon scalar;
    private byte[][] shards;
    private byte[][] parityRows;
    private byte[][] productTable;
    private int k;
    private int m;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        k = c.k();
        m = c.m();
        scalar = ReedSolomon.create(k, m, CodingMatrix.VANDERMONDE, GaloisKernels.scalar());
        shards = Shards.random(k, c.n(), shardSize);
        byte[][] encoding = scalar.encodingMatrix();
        parityRows = new byte[m][];
        System.arraycopy(encoding, k, parityRows, 0, m);
        productTable = new byte[256][];
        for (int a = 0; a < 256; a++) {
            productTable[a] = GaloisField.multiplicationRow((byte) a);
        }
        backblazeLoop();
        byte[][] expected = new byte[m][];
        for (int p = 0; p < m; p++) {
            expected[p] = shards[k + p].clone();
        }
        scalar.encodeParity(shards, 0, shardSize);
        byte[][] ours = new byte[m][];
        System.arraycopy(shards, k, ours, 0, m);
        Shards.requireEqual("scalar kernel vs Backblaze loop " + code, expected, ours);
    }

    /** The Backblaze-style loop: inputs outer, outputs inner, one table row per (input, output). */
    @Benchmark
    public byte[][] backblazeLoop() {
        for (int in = 0; in < k; in++) {
            byte[] input = shards[in];
            for (int p = 0; p < m; p++) {
                byte[] output = shards[k + p];
                byte[] row = productTable[parityRows[p][in] & 0xff];
                if (in == 0) {
                    for (int b = 0; b < shardSize; b++) {
                        output[b] = row[input[b] & 0xff];
                    }
                } else {
                    for (int b = 0; b < shardSize; b++) {
                        output[b] ^= row[input[b] & 0xff];
                    }
                }
            }
        }
        return shards;
    }

    /** Our packed-table scalar kernel through the public coder. */
    @Benchmark
    public byte[][] scalarKernel() {
        scalar.encodeParity(shards, 0, shardSize);
        return shards;
    }
}
