package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;

class ReedSolomonTest {

    static Stream<GaloisKernel> kernels() {
        return Kernels.all();
    }

    static Stream<Arguments> kernelsAndMatrices() {
        return Kernels.all().flatMap(k -> Stream.of(CodingMatrix.values()).map(m -> Arguments.of(k, m)));
    }

    static byte[][] randomShards(Random rnd, int n, int k, int length) {
        byte[][] shards = new byte[n][length];
        for (int i = 0; i < k; i++) {
            rnd.nextBytes(shards[i]);
        }
        return shards;
    }

    static byte[][] deepCopy(byte[][] a) {
        byte[][] c = new byte[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Every k-subset of the n shards must rebuild all the others: the MDS property the seed lacked. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndMatrices")
    void everyKSubsetDecodes(GaloisKernel kernel, CodingMatrix matrix) {
        int[][] shapes = {{2, 1}, {3, 2}, {5, 4}, {7, 8}, {10, 4}};
        Random rnd = new Random(42);
        for (int[] shape : shapes) {
            int k = shape[0];
            int m = shape[1];
            int n = k + m;
            ReedSolomon rs = ReedSolomon.create(k, m, matrix, kernel);
            byte[][] original = randomShards(rnd, n, k, 37);
            rs.encodeParity(original, 0, 37);
            int[] subsets = {0};
            forEachSubset(n, k, present -> {
                byte[][] work = deepCopy(original);
                for (int i = 0; i < n; i++) {
                    if (!present[i]) {
                        java.util.Arrays.fill(work[i], (byte) 0x5a);
                    }
                }
                rs.decodeMissing(work, present, 0, 37);
                for (int i = 0; i < n; i++) {
                    if (!java.util.Arrays.equals(original[i], work[i])) {
                        throw new AssertionError(k + "+" + m + " " + matrix + ": shard " + i
                                + " wrong when present = " + java.util.Arrays.toString(present));
                    }
                }
                subsets[0]++;
            });
            assertEquals(binomial(n, k), subsets[0]);
        }
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    static void forEachSubset(int n, int k, java.util.function.Consumer<boolean[]> action) {
        boolean[] present = new boolean[n];
        subsets(present, 0, k, action);
    }

    private static void subsets(boolean[] present, int from, int left, java.util.function.Consumer<boolean[]> action) {
        if (left == 0) {
            action.accept(present.clone());
            return;
        }
        for (int i = from; i <= present.length - left; i++) {
            present[i] = true;
            subsets(present, i + 1, left - 1, action);
            present[i] = false;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndMatrices")
    void randomSubsetsForRandomLargeShapes(GaloisKernel kernel, CodingMatrix matrix) {
        SplittableRandom rnd = new SplittableRandom(7);
        Random bytes = new Random(7);
        for (int trial = 0; trial < 12; trial++) {
            int n = 2 + rnd.nextInt(255);            // 2..256
            int k = 1 + rnd.nextInt(n - 1);          // 1..n-1
            int m = n - k;
            int length = rnd.nextInt(200);
            ReedSolomon rs = ReedSolomon.create(k, m, matrix, kernel);
            byte[][] original = randomShards(bytes, n, k, length);
            rs.encodeParity(original, 0, length);
            assertTrue(rs.isParityCorrect(original, 0, length));
            for (int attempt = 0; attempt < 4; attempt++) {
                boolean[] present = new boolean[n];
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, bytes);
                for (int i = 0; i < k; i++) {
                    present[order.get(i)] = true;
                }
                byte[][] work = deepCopy(original);
                for (int i = 0; i < n; i++) {
                    if (!present[i]) {
                        bytes.nextBytes(work[i]);
                    }
                }
                rs.decodeMissing(work, present, 0, length);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(original[i], work[i], k + "+" + m + " shard " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oddLengthsAndOffsetsOnlyTouchTheRange(GaloisKernel kernel) {
        Random rnd = new Random(3);
        int[] lengths = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 127, 129, 255, 1000, 4099};
        for (int length : lengths) {
            for (int offset : new int[] {0, 1, 5, 64}) {
                int total = offset + length + 11;
                ReedSolomon rs = ReedSolomon.create(6, 3, CodingMatrix.VANDERMONDE, kernel);
                byte[][] shards = randomShards(rnd, 9, 9, total); // parity slots hold garbage too
                byte[][] before = deepCopy(shards);
                rs.encodeParity(shards, offset, length);
                for (int p = 6; p < 9; p++) {
                    // bytes outside the range are untouched
                    assertArrayEquals(java.util.Arrays.copyOfRange(before[p], 0, offset),
                            java.util.Arrays.copyOfRange(shards[p], 0, offset));
                    assertArrayEquals(java.util.Arrays.copyOfRange(before[p], offset + length, total),
                            java.util.Arrays.copyOfRange(shards[p], offset + length, total));
                }
                // the range equals what encoding the sliced shards from offset 0 gives
                byte[][] sliced = new byte[9][];
                for (int i = 0; i < 9; i++) {
                    sliced[i] = java.util.Arrays.copyOfRange(shards[i], offset, offset + length);
                }
                byte[][] fresh = deepCopy(sliced);
                rs.encodeParity(fresh, 0, length);
                for (int p = 6; p < 9; p++) {
                    assertArrayEquals(fresh[p], sliced[p], "length " + length + " offset " + offset);
                }
                assertTrue(rs.isParityCorrect(shards, offset, length));
                assertTrue(rs.isParityCorrect(shards, offset, length, new byte[length + 3]));
                if (length > 0) {
                    shards[7][offset + length - 1] ^= 1;
                    assertFalse(rs.isParityCorrect(shards, offset, length));
                    assertFalse(rs.isParityCorrect(shards, offset, length, new byte[length]));
                    shards[7][offset + length - 1] ^= 1;
                    assertThrows(ShardSizeException.class,
                            () -> rs.isParityCorrect(shards, offset, length, new byte[length - 1]));
                }
                boolean[] present = {false, true, true, false, true, true, true, false, true};
                byte[][] damaged = deepCopy(shards);
                for (int i = 0; i < 9; i++) {
                    if (!present[i]) {
                        java.util.Arrays.fill(damaged[i], offset, offset + length, (byte) 0);
                    }
                }
                rs.decodeMissing(damaged, present, offset, length);
                for (int i = 0; i < 9; i++) {
                    assertArrayEquals(shards[i], damaged[i], "shard " + i + " length " + length);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void byteBuffersHeapAndDirectMatchArrays(GaloisKernel kernel) {
        Random rnd = new Random(11);
        ReedSolomon rs = ReedSolomon.create(10, 4, CodingMatrix.CAUCHY, kernel);
        for (int length : new int[] {0, 1, 100, 4096, 65_537}) {
            byte[][] arrays = randomShards(rnd, 14, 10, length);
            rs.encodeParity(arrays, 0, length);
            ByteBuffer[] buffers = new ByteBuffer[14];
            for (int i = 0; i < 14; i++) {
                // mix heap and direct, with non-zero positions and limits before the capacity
                ByteBuffer b = i % 2 == 0 ? ByteBuffer.allocateDirect(length + 9) : ByteBuffer.allocate(length + 9);
                b.position(3);
                if (i < 10) {
                    b.put(arrays[i]);
                    b.position(3);
                }
                b.limit(3 + length);
                buffers[i] = b;
            }
            rs.encodeParity(buffers);
            for (int i = 0; i < 14; i++) {
                assertEquals(3, buffers[i].position(), "position unchanged");
                byte[] got = new byte[length];
                buffers[i].duplicate().get(got);
                assertArrayEquals(arrays[i], got, "shard " + i);
            }
            // lose three data shards and one parity, rebuild through the erased-index form
            int[] erased = {0, 4, 9, 12};
            for (int e : erased) {
                ByteBuffer d = buffers[e].duplicate();
                while (d.hasRemaining()) {
                    d.put((byte) 0);
                }
            }
            rs.decode(buffers, erased);
            for (int i = 0; i < 14; i++) {
                byte[] got = new byte[length];
                buffers[i].duplicate().get(got);
                assertArrayEquals(arrays[i], got, "rebuilt shard " + i);
            }
        }
    }

    /**
     * One coder, erasure patterns that repeat and change from call to call (the last plan is reused only for the
     * same pattern): every call must rebuild exactly the shards it was asked for, for codes of up to 64 shards
     * (bit-mask patterns) and above.
     */
    @ParameterizedTest
    @MethodSource("kernels")
    void repeatedAndChangingErasurePatternsDecodeRight(GaloisKernel kernel) {
        int[][] shapes = {{10, 4}, {60, 10}};
        Random rnd = new Random(7);
        for (int[] shape : shapes) {
            int k = shape[0];
            int m = shape[1];
            int n = k + m;
            ReedSolomon rs = ReedSolomon.create(k, m, CodingMatrix.CAUCHY, kernel);
            int length = 300;
            byte[][] original = randomShards(rnd, n, k, length);
            rs.encodeParity(original, 0, length);
            int[][] patterns = {{0, 1, 2}, {0, 1, 2}, {1, 2, n - 1}, {0, 1, 2}, {k - 1}, {k - 1}, {0, 1, 2}};
            for (int[] erased : patterns) {
                byte[][] work = deepCopy(original);
                for (int e : erased) {
                    java.util.Arrays.fill(work[e], (byte) 0x5A);
                }
                rs.decode(work, erased, 0, length);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(original[i], work[i], k + "+" + m + " erased " + java.util.Arrays.toString(erased)
                            + ": shard " + i);
                }
            }
            // Same present shards, other outputs: reconstructData leaves the lost parity shard alone.
            boolean[] present = new boolean[n];
            java.util.Arrays.fill(present, true);
            present[1] = false;
            present[n - 1] = false;
            for (int round = 0; round < 2; round++) {
                byte[][] work = deepCopy(original);
                java.util.Arrays.fill(work[1], (byte) 0x5A);
                java.util.Arrays.fill(work[n - 1], (byte) 0x5A);
                rs.reconstructData(work, present, 0, length);
                assertArrayEquals(original[1], work[1], "data shard rebuilt");
                byte[] untouched = new byte[length];
                java.util.Arrays.fill(untouched, (byte) 0x5A);
                assertArrayEquals(untouched, work[n - 1], "parity shard left alone by reconstructData");
                rs.decodeMissing(work, present, 0, length);
                assertArrayEquals(original[n - 1], work[n - 1], "parity shard rebuilt by decodeMissing");
            }
            // A pattern with too few shards still fails after good patterns were planned.
            int[] tooMany = new int[m + 1];
            for (int i = 0; i < tooMany.length; i++) {
                tooMany[i] = i;
            }
            byte[][] work = deepCopy(original);
            assertThrows(InsufficientShardsException.class, () -> rs.decode(work, tooMany, 0, length));
            for (int i = 0; i < n; i++) {
                assertArrayEquals(original[i], work[i], "a refused decode writes nothing: shard " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oneInstanceIsSafeUnderConcurrentUse(GaloisKernel kernel) throws Exception {
        ReedSolomon rs = ReedSolomon.create(8, 4, CodingMatrix.VANDERMONDE, kernel);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int round = 0; round < 40; round++) {
                        int length = 1 + rnd.nextInt(3000);
                        byte[][] original = randomShards(rnd, 12, 8, length);
                        rs.encodeParity(original, 0, length);
                        boolean[] present = new boolean[12];
                        java.util.Arrays.fill(present, true);
                        for (int lost = 0; lost < 4; lost++) {
                            present[rnd.nextInt(12)] = false; // many erasure patterns: exercises the cache
                        }
                        byte[][] work = deepCopy(original);
                        for (int i = 0; i < 12; i++) {
                            if (!present[i]) {
                                java.util.Arrays.fill(work[i], (byte) 0);
                            }
                        }
                        rs.decodeMissing(work, present, 0, length);
                        for (int i = 0; i < 12; i++) {
                            if (!java.util.Arrays.equals(original[i], work[i])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndMatrices")
    void reconstructReadsOnlySourcesAndWritesOnlyTargets(GaloisKernel kernel, CodingMatrix matrix) {
        Random rnd = new Random(99);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rnd.nextInt(12);
            int m = 1 + rnd.nextInt(6);
            int n = k + m;
            int length = rnd.nextInt(300);
            ReedSolomon rs = ReedSolomon.create(k, m, matrix, kernel);
            byte[][] original = randomShards(rnd, n, k, length);
            rs.encodeParity(original, 0, length);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, rnd);
            int[] sources = order.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
            int[] targets = order.subList(k, k + rnd.nextInt(m + 1)).stream().mapToInt(Integer::intValue).toArray();
            byte[][] inputs = new byte[k][];
            for (int i = 0; i < k; i++) {
                inputs[i] = original[sources[i]].clone();
            }
            byte[][] outputs = new byte[targets.length][length];
            rs.reconstruct(inputs, sources, outputs, targets, 0, length);
            for (int j = 0; j < targets.length; j++) {
                assertArrayEquals(original[targets[j]], outputs[j], "target " + targets[j]);
            }
            ByteBuffer[] in = new ByteBuffer[k];
            for (int i = 0; i < k; i++) {
                in[i] = i % 2 == 0 ? ByteBuffer.wrap(inputs[i]) : ByteBuffer.allocateDirect(length).put(0, inputs[i]);
            }
            ByteBuffer[] out = new ByteBuffer[targets.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = j % 2 == 0 ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
            }
            rs.reconstruct(in, sources, out, targets);
            for (int j = 0; j < targets.length; j++) {
                byte[] got = new byte[length];
                out[j].get(0, got);
                assertArrayEquals(original[targets[j]], got);
            }
        }
        ReedSolomon rs = ReedSolomon.create(3, 2, matrix, kernel);
        byte[][] three = new byte[3][8];
        byte[][] one = new byte[1][8];
        assertThrows(InvalidShardsException.class, () -> rs.reconstruct(three, new int[] {0, 1}, one, new int[] {4}, 0, 8));
        assertThrows(InvalidShardsException.class, () -> rs.reconstruct(three, new int[] {0, 1, 1}, one, new int[] {4}, 0, 8));
        assertThrows(InvalidShardsException.class, () -> rs.reconstruct(three, new int[] {0, 1, 2}, one, new int[] {2}, 0, 8));
        assertThrows(InvalidShardsException.class, () -> rs.reconstruct(three, new int[] {0, 1, 5}, one, new int[] {4}, 0, 8));
        assertThrows(ShardSizeException.class, () -> rs.reconstruct(three, new int[] {0, 1, 2}, one, new int[] {4}, 4, 8));
        assertThrows(InvalidShardsException.class, () -> rs.reconstruct(three, new int[] {0, 1, 2}, new byte[][] {null},
                new int[] {4}, 0, 8));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void firstSourcesSkipsNullAndErasedSlotsAndValidates(GaloisKernel kernel) {
        ReedSolomon rs = ReedSolomon.create(3, 3, CodingMatrix.CAUCHY, kernel);
        Object x = new Object();
        assertArrayEquals(new int[] {0, 2, 4}, rs.firstSources(new Object[] {x, null, x, x, x, x}, new int[] {1, 3}));
        assertArrayEquals(new int[] {3, 4, 5}, rs.firstSources(new Object[] {null, null, null, x, x, x}, new int[] {}));
        assertThrows(InvalidShardsException.class, () -> rs.firstSources(new Object[5], new int[] {0}));
        assertThrows(InvalidShardsException.class, () -> rs.firstSources(new Object[] {x, x, x, x, x, x}, new int[] {6}));
        assertThrows(InvalidShardsException.class, () -> rs.firstSources(new Object[] {x, x, x, x, x, x}, new int[] {2, 2}));
        InsufficientShardsException e = assertThrows(InsufficientShardsException.class,
                () -> rs.firstSources(new Object[] {x, null, x, x, null, null}, new int[] {3}));
        assertEquals(2, e.present());
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @ParameterizedTest
    @MethodSource("kernels")
    void shardCountsOutOfRangeAreRejected(GaloisKernel kernel) {
        assertThrows(InvalidShardCountException.class, () -> ReedSolomon.create(0, 2, CodingMatrix.CAUCHY, kernel));
        assertThrows(InvalidShardCountException.class, () -> ReedSolomon.create(2, 0, CodingMatrix.CAUCHY, kernel));
        assertThrows(InvalidShardCountException.class, () -> ReedSolomon.create(-1, 2));
        // Backblaze threw IllegalArgumentException for all of these; callers catching it keep working.
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.create(0, 2));
        InvalidShardCountException e = assertThrows(InvalidShardCountException.class,
                () -> ReedSolomon.create(200, 57));
        assertTrue(e.getMessage().contains("257"), e.getMessage());
        assertEquals(256, ReedSolomon.create(200, 56, CodingMatrix.VANDERMONDE, kernel).getTotalShardCount());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void badArgumentsThrowBeforeWritingAnything(GaloisKernel kernel) {
        ReedSolomon rs = ReedSolomon.create(4, 2, CodingMatrix.VANDERMONDE, kernel);
        Random rnd = new Random(5);
        byte[][] good = randomShards(rnd, 6, 6, 32);
        byte[][] snapshot = deepCopy(good);

        assertThrows(InvalidShardsException.class, () -> rs.encodeParity(null, 0, 32));
        assertThrows(InvalidShardsException.class, () -> rs.encodeParity(new byte[5][32], 0, 32));
        byte[][] withNull = deepCopy(good);
        withNull[5] = null;
        assertThrows(InvalidShardsException.class, () -> rs.encodeParity(withNull, 0, 32));
        byte[][] unequal = deepCopy(good);
        unequal[3] = new byte[31];
        ShardSizeException size = assertThrows(ShardSizeException.class, () -> rs.encodeParity(unequal, 0, 16));
        assertTrue(size.getMessage().contains("differ"), size.getMessage());
        assertThrows(ShardSizeException.class, () -> rs.encodeParity(good, -1, 8));
        assertThrows(ShardSizeException.class, () -> rs.encodeParity(good, 0, -8));
        assertThrows(ShardSizeException.class, () -> rs.encodeParity(good, 30, 3));
        assertThrows(ShardSizeException.class, () -> rs.encodeParity(good, Integer.MAX_VALUE, 1));
        assertThrows(InvalidShardsException.class, () -> rs.decodeMissing(good, new boolean[5], 0, 32));
        assertThrows(InvalidShardsException.class, () -> rs.decodeMissing(good, null, 0, 32));
        InsufficientShardsException few = assertThrows(InsufficientShardsException.class,
                () -> rs.decodeMissing(good, new boolean[] {true, true, false, true, false, false}, 0, 32));
        assertEquals(3, few.present());
        assertEquals(4, few.required());
        assertThrows(InvalidShardsException.class, () -> rs.decode(good, new int[] {1, 1}, 0, 32));
        assertThrows(InvalidShardsException.class, () -> rs.decode(good, new int[] {6}, 0, 32));
        assertThrows(InvalidShardsException.class, () -> rs.decode(good, new int[] {-1}, 0, 32));
        assertThrows(InsufficientShardsException.class, () -> rs.decode(good, new int[] {0, 1, 2}, 0, 32));
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(snapshot[i], good[i], "shard " + i + " must be untouched after rejected calls");
        }

        ByteBuffer[] buffers = new ByteBuffer[6];
        for (int i = 0; i < 6; i++) {
            buffers[i] = ByteBuffer.wrap(good[i].clone());
        }
        buffers[5] = buffers[5].asReadOnlyBuffer();
        assertThrows(InvalidShardsException.class, () -> rs.encodeParity(buffers));
        buffers[5] = ByteBuffer.allocate(31);
        assertThrows(ShardSizeException.class, () -> rs.encodeParity(buffers));
        assertArrayEquals(snapshot[4], buffers[4].array());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void nothingMissingIsANoOpAndZeroLengthWorks(GaloisKernel kernel) {
        ReedSolomon rs = ReedSolomon.create(3, 2, CodingMatrix.VANDERMONDE, kernel);
        byte[][] shards = randomShards(new Random(1), 5, 3, 10);
        rs.encodeParity(shards, 0, 10);
        byte[][] copy = deepCopy(shards);
        boolean[] all = {true, true, true, true, true};
        rs.decodeMissing(shards, all, 0, 10);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(copy[i], shards[i]);
        }
        byte[][] empty = new byte[5][0];
        rs.encodeParity(empty, 0, 0);
        rs.decodeMissing(empty, new boolean[] {true, false, true, false, true}, 0, 0);
        assertTrue(rs.isParityCorrect(empty, 0, 0));
    }
}
