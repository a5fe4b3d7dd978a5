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
 * Peer: ISA-L rebuilding the first {@code lost} data shards, the way its own examples do: invert the k × k matrix
 * of k surviving rows ({@code gf_invert_matrix}), take the rows of the lost shards, {@code ec_init_tables}, then
 * {@code ec_encode_data} over the survivors. The decode tables are built once per trial, matching our coder's
 * decode-matrix cache; one operation is {@code k × shardSize} bytes, as in {@link DecodeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class IsalDecodeBenchmark {

    @Param({"10+4"})
    public String code;

    @Param({"1", "2", "3", "4"})
    public int lost;

    @Param({"4096", "65536", "1048576"})
    public int shardSize;

    private Arena arena;
    private IsaL.Tables tables;
    private MemorySegment survivorPointers;
    private MemorySegment lostPointers;

    @Setup
    public void setUp() {
        IsaL.require();
        Code c = Code.parse(code);
        Lost.check(c, lost);
        arena = Arena.ofShared();
        byte[][] encoding = IsaL.cauchyMatrix(c.k(), c.n());
        byte[][] heap = Reference.cauchyCodeword(c, shardSize);

        // Survivors: data shards lost..k-1, then the first 'lost' parity shards: k rows in all.
        int[] survivors = new int[c.k()];
        for (int i = 0; i < c.k(); i++) {
            survivors[i] = i < c.k() - lost ? lost + i : c.k() + (i - (c.k() - lost));
        }
        byte[][] square = new byte[c.k()][];
        for (int i = 0; i < c.k(); i++) {
            square[i] = encoding[survivors[i]];
        }
        byte[][] inverse = IsaL.invert(square);
        byte[][] decodeRows = new byte[lost][];
        System.arraycopy(inverse, 0, decodeRows, 0, lost);
        tables = IsaL.initTables(arena, decodeRows);

        IsaL.NativeShards shards = IsaL.NativeShards.of(arena, heap);
        for (int i = 0; i < lost; i++) {
            shards.shards()[i].fill((byte) 0);
        }
        survivorPointers = shards.pointers(arena, survivors);
        lostPointers = shards.pointers(arena, IsaL.range(0, lost));
        tables.encode(shardSize, survivorPointers, lostPointers);
        byte[][] expected = new byte[lost][];
        System.arraycopy(heap, 0, expected, 0, lost);
        Shards.requireEqual("ISA-L decode " + code + " lost " + lost, expected, shards.toArrays(IsaL.range(0, lost)));
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment decode() {
        tables.encode(shardSize, survivorPointers, lostPointers);
        return lostPointers;
    }
}
