package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.ScalarKernel;

/**
 * The VBMI kernel walks each block over native memory up or down by where the shards lie modulo 4 KiB
 * ({@link VbmiKernel#downPasses}): the choice follows the layout, and both directions give the scalar bytes.
 */
class VbmiWalkingDirectionTest {

    private static final long PAGE = 4096;

    /** How shard i (data first, then parity) sits modulo 4 KiB. */
    enum Layout {
        /** 16·i: parity just above the data, as consecutive allocations fall. */
        ASCENDING,
        /** 16·(n − 1 − i): parity just below the data. */
        MIRRORED,
        /** 64 for every shard. */
        SAME;

        long offset(int i, int n) {
            return switch (this) {
                case ASCENDING -> 16L * i;
                case MIRRORED -> 16L * (n - 1 - i);
                case SAME -> 64;
            };
        }
    }

    /** {@code n} shards of {@code length} bytes carved from one page-aligned allocation, laid out as asked. */
    static MemorySegment[] carve(Arena arena, Layout layout, int n, long length) {
        long slot = (length + 2 * PAGE - 1) / PAGE * PAGE;
        MemorySegment all = arena.allocate(slot * n, PAGE);
        MemorySegment[] shards = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            shards[i] = all.asSlice(i * slot + layout.offset(i, n), length);
        }
        return shards;
    }

    static byte[][] randomMatrix(Random random, int rows, int columns) {
        byte[][] m = new byte[rows][columns];
        for (byte[] row : m) {
            for (int i = 0; i < columns; i++) {
                row[i] = (byte) (1 + random.nextInt(255));
            }
        }
        return m;
    }

    /** What {@link VbmiKernel#downPasses} gives when the tuning property does not force a direction. */
    static long expected(long byLayout) {
        return switch (VbmiKernel.DIRECTION) {
            case "up" -> 0;
            case "down" -> -1L;
            default -> byLayout;
        };
    }

    @Test
    void blocksWalkAwayFromTheParityStoresInFlight() {
        // 10+4: input groups 3, 3, 2, 2 and one output group, so four blocks
        VbmiKernel.Prepared p = (VbmiKernel.Prepared) VbmiKernel.instance().prepare(randomMatrix(new Random(1), 4, 10));
        long length = 64 * 1024;
        try (Arena arena = Arena.ofConfined()) {
            for (Layout layout : Layout.values()) {
                MemorySegment[] shards = carve(arena, layout, 14, length);
                MemorySegment[] in = java.util.Arrays.copyOfRange(shards, 0, 10);
                MemorySegment[] out = java.util.Arrays.copyOfRange(shards, 10, 14);
                long byLayout = switch (layout) {
                    case ASCENDING -> 0b1111; // every input sits just below the parity: walk down
                    case MIRRORED, SAME -> 0; // just above it, or at the same offset: walk up
                };
                assertEquals(expected(byLayout), VbmiKernel.downPasses(p, in, out, length), layout.name());
                // short calls do not look at the addresses
                assertEquals(expected(0), VbmiKernel.downPasses(p, in, out, VbmiKernel.DIRECTION_FROM - 64),
                        layout + ", short call");
            }
        }
    }

    @Test
    void mixedLayoutsCountTheAliasingPairs() {
        // one input 16 bytes below the output, two inputs 48 and 64 bytes above it: fewer pairs alias walking up
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment all = arena.allocate(5 * 2 * PAGE, PAGE);
            long[] offsets = {0, 64, 80, 16}; // inputs at 0, 64 and 80, the output at 16
            MemorySegment[] s = new MemorySegment[4];
            for (int i = 0; i < 4; i++) {
                s[i] = all.asSlice(i * 2 * PAGE + offsets[i], PAGE);
            }
            MemorySegment[] in = {s[0], s[1], s[2]};
            MemorySegment[] out = {s[3]};
            assertEquals(false, VbmiKernel.walksDown(in, 0, 3, out, 0, 1));
            assertEquals(true, VbmiKernel.walksDown(in, 0, 1, out, 0, 1));
            assertEquals(false, VbmiKernel.walksDown(in, 1, 2, out, 0, 1));
            // a shard far away modulo 4 KiB counts for neither direction
            MemorySegment far = all.asSlice(4 * 2 * PAGE + 2048, PAGE);
            assertEquals(false, VbmiKernel.walksDown(new MemorySegment[] {far}, 0, 1, out, 0, 1));
        }
    }

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> b = Stream.builder();
        // every block shape: 1-3 inputs per group, 1-4 outputs per group; then groups of mixed sizes, and a call
        // large enough to go in chunks
        for (Layout layout : Layout.values()) {
            for (int rows = 1; rows <= 4; rows++) {
                for (int columns = 1; columns <= 3; columns++) {
                    b.add(Arguments.of(layout, rows, columns, 64 * 1024 + 17));
                }
            }
            b.add(Arguments.of(layout, 4, 10, 64 * 1024 + 17));
            b.add(Arguments.of(layout, 7, 17, 20 * 1024 + 64));
            b.add(Arguments.of(layout, 4, 10, 256 * 1024 + 3)); // 14 × 256 KiB > 2 MiB: 32 KiB chunks
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}x{2} len={3}")
    @MethodSource("shapes")
    void bothDirectionsGiveTheScalarBytes(Layout layout, int rows, int columns, int length) {
        Random random = new Random(rows * 100L + columns + length);
        byte[][] matrix = randomMatrix(random, rows, columns);
        byte[][] inputs = new byte[columns][length];
        for (byte[] input : inputs) {
            random.nextBytes(input);
        }
        byte[][] want = new byte[rows][length];
        ScalarKernel scalar = ScalarKernel.instance();
        scalar.multiply(scalar.prepare(matrix), inputs, 0, want, 0, length);

        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] shards = carve(arena, layout, columns + rows, length);
            MemorySegment[] in = java.util.Arrays.copyOfRange(shards, 0, columns);
            MemorySegment[] out = java.util.Arrays.copyOfRange(shards, columns, columns + rows);
            for (int i = 0; i < columns; i++) {
                in[i].copyFrom(MemorySegment.ofArray(inputs[i]));
            }
            for (MemorySegment o : out) {
                o.fill((byte) 0xA5); // the first block overwrites: stale bytes must not leak through
            }
            VbmiKernel kernel = VbmiKernel.instance();
            kernel.multiply(kernel.prepare(matrix), in, out, length);
            for (int r = 0; r < rows; r++) {
                assertArrayEquals(want[r], out[r].toArray(ValueLayout.JAVA_BYTE), "output " + r);
            }
        }
    }

    /** Where each array starts now, as the kernel reads it. */
    private static long[] addressesOf(byte[][] arrays, int offset) {
        long[] a = new long[arrays.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = ArrayAddresses.of(arrays[i]) + offset;
        }
        return a;
    }

    @Test
    void kernelNoteSaysWhichWayArraysWalk() {
        String note = String.join("; ", VbmiKernel.instance().notes());
        assertEquals(ArrayAddresses.available(), note.contains("walk away from their stores"), note);
        ArrayAddresses.unavailableReason().ifPresent(why -> assertTrue(note.contains(why), note));
    }

    @Test
    void arraysTakeTheDirectionTheirAddressesCallFor() {
        VbmiKernel.Prepared p = (VbmiKernel.Prepared) VbmiKernel.instance().prepare(randomMatrix(new Random(2), 4, 10));
        int length = 64 * 1024;
        int offset = 48;
        if (!ArrayAddresses.available()) {
            byte[][] in = new byte[10][length];
            byte[][] out = new byte[4][length];
            assertEquals(expected(0), VbmiKernel.arrayDownPasses(p, in, 0, out, 0, length));
            return;
        }
        // Arrays allocated one after another lie at rising addresses, each parity shard a little above the data
        // modulo 4 KiB, so some blocks walk down. A collection may move them between two reads: try again.
        boolean walkedDown = false;
        for (int attempt = 0; attempt < 10 && !walkedDown; attempt++) {
            byte[][] in = new byte[10][length + offset];
            byte[][] out = new byte[4][length + offset];
            long byAddress = VbmiKernel.downPasses(p, addressesOf(in, offset), addressesOf(out, offset), length);
            long chosen = VbmiKernel.arrayDownPasses(p, in, offset, out, offset, length);
            if (byAddress != VbmiKernel.downPasses(p, addressesOf(in, offset), addressesOf(out, offset), length)) {
                continue; // moved while we looked
            }
            assertEquals(expected(byAddress), chosen, "attempt " + attempt);
            walkedDown = byAddress != 0;
            // short calls and calls that go in chunks walk up without looking
            assertEquals(expected(0), VbmiKernel.arrayDownPasses(p, in, offset, out, offset,
                    (int) VbmiKernel.DIRECTION_FROM - 64));
            int chunked = (int) (VbmiKernel.WHOLE_CALL_BYTES / 14) + 64;
            assertEquals(expected(0), VbmiKernel.arrayDownPasses(p, new byte[10][chunked], 0, new byte[4][chunked], 0,
                    chunked));
        }
        assertTrue(walkedDown || !VbmiKernel.DIRECTION.equals("auto"),
                "ten sets of consecutively allocated arrays never called for walking down");
    }

    static Stream<Arguments> arrayShapes() {
        Stream.Builder<Arguments> b = Stream.builder();
        long[] masks = {0, -1L, 0b0101, 0b1010};
        for (long down : masks) {
            for (int rows = 1; rows <= 4; rows++) {
                for (int columns = 1; columns <= 3; columns++) {
                    b.add(Arguments.of(down, rows, columns, 20 * 1024 + 17, 0, 0));
                }
            }
            b.add(Arguments.of(down, 4, 10, 64 * 1024 + 17, 3, 70));
            b.add(Arguments.of(down, 7, 17, 20 * 1024 + 64, 64, 16));
            b.add(Arguments.of(down, 4, 10, 256 * 1024 + 3, 5, 0)); // 14 × 256 KiB > 2 MiB: chunks, aligned head
        }
        return b.build();
    }

    @ParameterizedTest(name = "down={0} {1}x{2} len={3} offsets {4}/{5}")
    @MethodSource("arrayShapes")
    void arrayLoopsGiveTheScalarBytesWalkingEitherWay(long down, int rows, int columns, int length, int inOff,
                                                      int outOff) {
        Random random = new Random(rows * 100L + columns + length + down);
        byte[][] matrix = randomMatrix(random, rows, columns);
        byte[][] inputs = new byte[columns][inOff + length + 9];
        for (byte[] input : inputs) {
            random.nextBytes(input);
        }
        byte[][] want = new byte[rows][outOff + length + 9];
        ScalarKernel scalar = ScalarKernel.instance();
        scalar.multiply(scalar.prepare(matrix), inputs, inOff, want, outOff, length);
        byte[][] got = new byte[rows][outOff + length + 9];
        for (byte[] g : got) {
            java.util.Arrays.fill(g, (byte) 0xA5); // stale bytes must not leak through, nor bytes outside be touched
        }
        for (byte[] w : want) {
            java.util.Arrays.fill(w, 0, outOff, (byte) 0xA5);
            java.util.Arrays.fill(w, outOff + length, w.length, (byte) 0xA5);
        }
        VbmiKernel.Prepared p = (VbmiKernel.Prepared) VbmiKernel.instance().prepare(matrix);
        VbmiKernel.multiplyArrays(p, inputs, inOff, got, outOff, length, down);
        for (int r = 0; r < rows; r++) {
            assertArrayEquals(want[r], got[r], "output " + r);
        }
    }
}
