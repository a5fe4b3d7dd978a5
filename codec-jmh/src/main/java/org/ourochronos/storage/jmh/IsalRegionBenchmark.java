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
import org.ourochronos.storage.galois.GaloisField;

/**
 * Peer of {@link RegionMultiplyBenchmark}: ISA-L multiplying one native region by one coefficient
 * ({@code ec_encode_data} with a 1 × 1 matrix). One operation is {@code size} bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class IsalRegionBenchmark {

    @Param({"4096", "65536", "1048576"})
    public int size;

    private Arena arena;
    private IsaL.Tables tables;
    private MemorySegment in;
    private MemorySegment out;

    @Setup
    public void setUp() {
        IsaL.require();
        arena = Arena.ofShared();
        tables = IsaL.initTables(arena, new byte[][] {{RegionMultiplyBenchmark.COEFFICIENT}});
        byte[][] heap = Shards.random(2, 2, size);
        IsaL.NativeShards shards = IsaL.NativeShards.of(arena, heap);
        in = shards.pointers(arena, 0);
        out = shards.pointers(arena, 1);
        tables.encode(size, in, out);
        byte[][] expected = new byte[1][size];
        for (int i = 0; i < size; i++) {
            expected[0][i] = GaloisField.multiply(RegionMultiplyBenchmark.COEFFICIENT, heap[0][i]);
        }
        Shards.requireEqual("ISA-L region multiply", expected, shards.toArrays(1));
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment region() {
        tables.encode(size, in, out);
        return out;
    }
}
