package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
