package org.ourochronos.storage.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * Encode with the shards placed at chosen addresses, to separate what costs time in a placement: lines split by
 * misaligned vectors, and loads whose low 12 address bits overlap a store still in flight (4 KiB aliasing). Native
 * layouts carve every shard from one page-aligned allocation; {@code layout} says where shard i starts modulo
 * 4 KiB (data shards first, then parity, as {@code new byte[n][size]} places them):
 * <ul>
 *   <li>{@code spread}: 320·i (on a line, far from the others);</li>
 *   <li>{@code same}: 0 for all (how the ISA-L peer's allocations often fall);</li>
 *   <li>{@code lines64}, {@code packed32}, {@code packed128}: 64·i, 32·i, 128·i;</li>
 *   <li>{@code splitSpread}: 320·i + 16·(i mod 4) (split lines, far apart);</li>
 *   <li>{@code packed16}: 16·i, as consecutive 64 KiB heap arrays (16-byte header) fall;</li>
 *   <li>{@code packed16Mirrored}: 16·(n − 1 − i), the parity shards below the data, as arrays copied in reverse
 *       order by a collection fall;</li>
 *   <li>{@code inPacked16}: data shards 16·i, parity shards 2048 + 320·j;</li>
 *   <li>{@code outPacked16}: data shards 320·i, parity shards 3328 + 16·j;</li>
 *   <li>{@code heapPacked}, {@code heapSpread}: heap arrays (the array loops) allocated one after another, without
 *       or with a 64 KiB + 304-byte array between two shards; the setup prints where they start modulo 4 KiB. A
 *       collection during warm-up may move them (often into the reverse order);</li>
 *   <li>{@code heapFresh}: heap arrays allocated anew, one after another, before every iteration, as a service that
 *       allocates its shards, encodes and drops them sees them: parity 16 bytes per shard above the data modulo
 *       4 KiB.</li>
 * </ul>
 * Measured on Zen 4, 10+4 at 64 KiB, GB/s (docs/benchmarks.md has the table): spread 28–29, splitSpread 26.7,
 * packed16 16.5–16.7, inPacked16 29.3, outPacked16 22.6: split lines cost little, parity stores near other shards
 * modulo 4 KiB cost much. Heap arrays ran at 20–25 in both heap layouts. Since the kernel picks each block's walking
 * direction from the native shards' addresses, packed16 runs at 22.7 (10+4) and 23.4 (5+4) against 17.5 and 16.9
 * walking up, and packed16Mirrored walks up as before. Not part of any profile of {@code bench/run.sh}; run it by
 * name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class LayoutBenchmark {

    @Param({"5+4", "10+4"})
    public String code;

    @Param({"65536", "1048576"})
    public int shardSize;

    @Param({"spread", "same", "lines64", "splitSpread", "packed16", "packed16Mirrored", "packed32", "packed128",
        "inPacked16", "outPacked16", "heapPacked", "heapSpread", "heapFresh"})
    public String layout;

    private byte[][] heap;
    private byte[][] pads;

    private Arena arena;
    private ReedSolomon rs;
    private ByteBuffer[] shards;

    @Setup
    public void setUp() {
        Code c = Code.parse(code);
        rs = ReedSolomon.create(c.k(), c.m(), CodingMatrix.CAUCHY, Kernels.resolve(Kernels.SELECTED));
        byte[][] data = Shards.random(c.k(), c.n(), shardSize);
        arena = Arena.ofShared();
        if (layout.startsWith("heap")) {
            // Arrays this large are allocated outside the TLAB, one after another in eden; a pad array as large
            // between two shards moves the next one 320 bytes further on modulo 4 KiB (array header 16 bytes).
            heap = new byte[c.n()][];
            pads = new byte[c.n()][];
            for (int i = 0; i < c.n(); i++) {
                heap[i] = i < c.k() ? data[i].clone() : new byte[shardSize];
                pads[i] = "heapSpread".equals(layout) ? new byte[shardSize + 304] : null;
            }
            System.err.println("layout " + layout + " data offsets mod 4096: " + heapOffsets(heap));
            rs.encodeParity(heap, 0, shardSize);
            Shards.requireEqual("our encode, layout " + layout, Reference.cauchyParity(c, data, shardSize),
                    java.util.Arrays.copyOfRange(heap, c.k(), c.n()));
            return;
        }
        long page = 4096;
        long slot = (shardSize + 2 * page - 1) / page * page; // whole pages per shard, at least one spare
        MemorySegment all = arena.allocate(slot * c.n() + page, page);
        shards = new ByteBuffer[c.n()];
        for (int i = 0; i < c.n(); i++) {
            long at = i * slot + offsetModulo4k(layout, i, c.k(), c.n());
            shards[i] = all.asSlice(at, shardSize).asByteBuffer();
            if (i < c.k()) {
                shards[i].put(0, data[i]);
            }
        }
        rs.encodeParity(shards);
        Shards.requireEqual("our encode, layout " + layout, Reference.cauchyParity(c, data, shardSize),
                Shards.read(shards, c.k(), c.n()));
    }

    /**
     * Diagnostic only: where each array's data starts modulo 4 KiB, read through {@code sun.misc.Unsafe} (compressed
     * oops with a zero base and shift 3 assumed, as for heaps under 32 GB), or why it could not be read.
     */
    static String heapOffsets(byte[][] arrays) {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            int scale = u.arrayIndexScale(Object[].class);
            long base = u.arrayBaseOffset(Object[].class);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < arrays.length; i++) {
                long addr = scale == 4 ? (u.getInt(arrays, base + 4L * i) & 0xFFFFFFFFL) << 3
                        : u.getLong(arrays, base + 8L * i);
                b.append(((addr + u.arrayBaseOffset(byte[].class)) & 4095)).append(' ');
            }
            return b.toString();
        } catch (ReflectiveOperationException e) {
            return e.toString();
        }
    }

    /** Where shard i starts within its pages, i.e. modulo 4 KiB. */
    static long offsetModulo4k(String layout, int i, int k, int n) {
        int p = i - k; // parity index when i >= k
        return switch (layout) {
            case "spread" -> 320L * i;
            case "splitSpread" -> 320L * i + 16 * (i % 4);
            case "same" -> 0;
            case "lines64" -> 64L * i;
            case "packed16" -> 16L * i;
            case "packed16Mirrored" -> 16L * (n - 1 - i);
            case "inPacked16" -> i < k ? 16L * i : 2048 + 320L * p;
            case "outPacked16" -> i < k ? 320L * i : 3328 + 16L * p;
            case "packed32" -> 32L * i;
            case "packed128" -> 128L * i;
            default -> throw new IllegalArgumentException(layout);
        };
    }

    /** {@code heapFresh}: new arrays, allocated one after another, where no collection has moved them yet. */
    @Setup(Level.Iteration)
    public void freshArrays() {
        if ("heapFresh".equals(layout)) {
            for (int i = 0; i < heap.length; i++) {
                heap[i] = heap[i].clone();
            }
        }
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Object encode() {
        if (heap != null) {
            rs.encodeParity(heap, 0, heap[0].length);
            return heap;
        }
        rs.encodeParity(shards);
        return shards;
    }
}
