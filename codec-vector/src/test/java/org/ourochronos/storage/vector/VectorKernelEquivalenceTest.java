package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.PreparedMatrix;
import org.ourochronos.storage.galois.ScalarKernel;

/**
 * Every vector kernel gives exactly the scalar kernel's bytes, for any matrix shape, length, offset and kind of
 * memory, and touches nothing outside the slices it was given.
 *
 * <p>Each kernel is run directly, usable on this CPU or not: an unusable kernel is slow (the Vector API falls back
 * to Java code) but must still be correct.
 */
class VectorKernelEquivalenceTest {

    /**
     * How the shards are held. The segment kinds cover each path of {@link Segments}: all native (segment loops),
     * views of byte arrays at common offsets (array loops), and the rest (staged through heap arrays): a mix of
     * native and heap, heap views at differing offsets, read-only heap inputs, views of {@code long[]}.
     */
    enum Memory {
        ARRAY, HEAP_BUFFER, DIRECT_BUFFER, NATIVE_SEGMENT, HEAP_SEGMENT, MIXED_SEGMENT, UNEVEN_HEAP_SEGMENT,
        READ_ONLY_HEAP_INPUT, LONG_ARRAY_SEGMENT
    }

    private static final byte SENTINEL = (byte) 0xA5;

    static List<GaloisKernel> kernels() {
        return VectorKernels.all();
    }

    /** One case: the matrix, the input bytes (with room before the slice), the slice. */
    record Case(byte[][] matrix, byte[][] inputs, int inputOffset, int outputOffset, int length) {
        @Override
        public String toString() {
            return matrix.length + "x" + matrix[0].length + " len=" + length + " in@" + inputOffset + " out@"
                    + outputOffset;
        }
    }

    static Case randomCase(long seed, int rows, int columns, int length, int inputOffset, int outputOffset) {
        Random random = new Random(seed);
        byte[][] matrix = new byte[rows][columns];
        for (byte[] row : matrix) {
            random.nextBytes(row);
        }
        if (rows * columns > 2) {
            matrix[0][0] = 0;   // zero and one coefficients are edge cases of the tables
            matrix[rows - 1][columns - 1] = 1;
        }
        byte[][] inputs = new byte[columns][inputOffset + length + 5];
        for (byte[] in : inputs) {
            random.nextBytes(in);
        }
        return new Case(matrix, inputs, inputOffset, outputOffset, length);
    }

    /** The reference: the scalar kernel on byte arrays. */
    static byte[][] expected(Case c) {
        ScalarKernel scalar = ScalarKernel.instance();
        byte[][] out = sentinelOutputs(c);
        scalar.multiply(scalar.prepare(c.matrix), c.inputs, c.inputOffset, out, c.outputOffset, c.length);
        return out;
    }

    static byte[][] sentinelOutputs(Case c) {
        byte[][] out = new byte[c.matrix.length][c.outputOffset + c.length + 7];
        for (byte[] o : out) {
            Arrays.fill(o, SENTINEL);
        }
        return out;
    }

    /** Runs {@code kernel} on the case held in {@code memory}; returns the outputs as arrays (same layout). */
    static byte[][] actual(GaloisKernel kernel, Case c, Memory memory) {
        PreparedMatrix prepared = kernel.prepare(c.matrix);
        byte[][] out = sentinelOutputs(c);
        int rows = out.length;
        int columns = c.inputs.length;
        switch (memory) {
            case ARRAY -> kernel.multiply(prepared, c.inputs, c.inputOffset, out, c.outputOffset, c.length);
            case HEAP_BUFFER, DIRECT_BUFFER -> {
                boolean direct = memory == Memory.DIRECT_BUFFER;
                ByteBuffer[] in = new ByteBuffer[columns];
                ByteBuffer[] o = new ByteBuffer[rows];
                for (int i = 0; i < columns; i++) {
                    in[i] = copyOf(c.inputs[i], direct).position(c.inputOffset);
                }
                for (int i = 0; i < rows; i++) {
                    o[i] = copyOf(out[i], direct).position(c.outputOffset);
                }
                kernel.multiply(prepared, in, o, c.length);
                for (int i = 0; i < rows; i++) {
                    assertEquals(c.outputOffset, o[i].position(), "position must be left unchanged");
                    o[i].get(0, out[i]);
                }
            }
            default -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment[] in = new MemorySegment[columns];
                    MemorySegment[] whole = new MemorySegment[rows];
                    MemorySegment[] o = new MemorySegment[rows];
                    for (int i = 0; i < columns; i++) {
                        in[i] = segmentOf(c.inputs[i], memory, i, arena).asSlice(c.inputOffset, c.length);
                        if (memory == Memory.READ_ONLY_HEAP_INPUT) {
                            in[i] = in[i].asReadOnly();
                        }
                    }
                    for (int i = 0; i < rows; i++) {
                        whole[i] = segmentOf(out[i], memory, columns + i, arena);
                        o[i] = whole[i].asSlice(c.outputOffset, c.length);
                    }
                    kernel.multiply(prepared, in, o, c.length);
                    for (int i = 0; i < rows; i++) {
                        out[i] = whole[i].toArray(ValueLayout.JAVA_BYTE);
                    }
                }
            }
        }
        return out;
    }

    /** A segment holding a copy of {@code bytes}, of the kind {@code memory} asks for the {@code index}-th shard. */
    private static MemorySegment segmentOf(byte[] bytes, Memory memory, int index, Arena arena) {
        MemorySegment source = MemorySegment.ofArray(bytes);
        return switch (memory) {
            case HEAP_SEGMENT, READ_ONLY_HEAP_INPUT -> MemorySegment.ofArray(bytes.clone());
            case MIXED_SEGMENT -> index % 2 == 0 ? arena.allocate(bytes.length).copyFrom(source)
                    : MemorySegment.ofArray(bytes.clone());
            case UNEVEN_HEAP_SEGMENT -> MemorySegment.ofArray(new byte[bytes.length + index % 5])
                    .asSlice(index % 5).copyFrom(source);
            case LONG_ARRAY_SEGMENT -> MemorySegment.ofArray(new long[(bytes.length + 7) / 8])
                    .asSlice(0, bytes.length).copyFrom(source);
            default -> arena.allocate(bytes.length).copyFrom(source);
        };
    }

    private static ByteBuffer copyOf(byte[] bytes, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        return b.put(0, bytes);
    }

    // ---- properties: random shapes, lengths, offsets, memory kinds ----

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(1, 32), Arbitraries.integers().between(0, 300),
                        Arbitraries.integers().between(0, 70), Arbitraries.integers().between(0, 70))
                .as(VectorKernelEquivalenceTest::randomCase);
    }

    @Property(tries = 150)
    void everyVectorKernelMatchesScalar(@ForAll("cases") Case c, @ForAll Memory memory) {
        byte[][] want = expected(c);
        for (GaloisKernel kernel : kernels()) {
            assertArrayEquals(want, actual(kernel, c, memory), () -> kernel.name() + " on " + memory + ", " + c);
        }
    }

    // ---- named shapes and large lengths ----

    static Stream<Arguments> shapes() {
        // {rows, columns}
        int[][] shapes = {{3, 17}, {4, 10}, {4, 5}, {1, 1}, {5, 1}, {1, 7}, {6, 6}, {7, 3}, {9, 11}, {2, 32},
                {20, 32}, {3, 4}, {1, 6}, {5, 5}, {2, 4}};
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 4096, 8191, 8192 + 64 + 3,
                65536 + 17, 200_003};
        Stream.Builder<Arguments> b = Stream.builder();
        int seed = 0;
        for (int[] s : shapes) {
            for (int len : lengths) {
                if ((long) len * (s[0] + s[1]) > 3_000_000) {
                    continue; // keep the largest shapes at moderate lengths
                }
                b.add(Arguments.of(randomCase(seed++, s[0], s[1], len, seed % 3 * 7, seed % 5 * 3)));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void namedShapesMatchScalar(Case c) {
        byte[][] want = expected(c);
        for (GaloisKernel kernel : kernels()) {
            for (Memory memory : List.of(Memory.ARRAY, Memory.DIRECT_BUFFER, Memory.HEAP_SEGMENT)) {
                assertArrayEquals(want, actual(kernel, c, memory), () -> kernel.name() + " on " + memory + ", " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void oneMebibyteShardsMatchScalar(GaloisKernel kernel) {
        Case c = randomCase(99, 4, 10, (1 << 20) + 5, 0, 0);
        assertArrayEquals(expected(c), actual(kernel, c, Memory.ARRAY), kernel.name());
        assertArrayEquals(expected(c), actual(kernel, c, Memory.NATIVE_SEGMENT), kernel.name());
    }

    /**
     * The VBMI kernel's chunk policies (whole call, 32 KiB chunks) give the scalar bytes, including a short last
     * chunk and a scalar tail.
     */
    @ParameterizedTest(name = "{0}x{1} len={2} chunk={3}")
    @CsvSource({
            "4, 10, 65553, 65536", // 14 x 64 KiB fits the whole-call budget: one chunk, tail of 17
            "4, 5, 600001, 32768", // chunked, the last chunk short
            "4, 10, 300007, 32768", // four blocks per output group
            "8, 7, 300001, 32768", // two output groups of three blocks
            "3, 6, 400001, 32768"}) // two input groups of three, one output group of three
    void vbmiChunkPoliciesMatchScalar(int rows, int columns, int length, int expectedChunk) {
        Case c = randomCase(rows * 1000L + length, rows, columns, length, 0, 0);
        VbmiKernel.Prepared prepared = (VbmiKernel.Prepared) VbmiKernel.instance().prepare(c.matrix);
        int chunk = VbmiKernel.chunk(prepared, length & ~63);
        assertEquals(VbmiKernel.CHUNK_OVERRIDE > 0 ? VbmiKernel.CHUNK_OVERRIDE
                : Math.min(expectedChunk, length & ~63), chunk);
        byte[][] want = expected(c);
        for (Memory memory : List.of(Memory.ARRAY, Memory.NATIVE_SEGMENT)) {
            assertArrayEquals(want, actual(VbmiKernel.instance(), c, memory), "vbmi on " + memory);
        }
    }

    /**
     * Native segments take a scalar head up to the first output's 64-byte boundary: every alignment of the outputs,
     * with inputs aligned alike or not, and lengths around one vector past the head.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void nativeSegmentsAtEveryAlignmentMatchScalar(GaloisKernel kernel) {
        int rows = 3;
        int columns = 4;
        for (int length : new int[] {63, 64, 70, 127, 128, 1000}) {
            Case c = randomCase(length, rows, columns, length, 0, 0);
            byte[][] want = expected(c);
            PreparedMatrix prepared = kernel.prepare(c.matrix);
            for (int shift = 0; shift < 64; shift++) {
                try (Arena arena = Arena.ofConfined()) {
                    int inputShift = length % 2 == 0 ? shift : shift * 5 % 64;
                    MemorySegment[] in = new MemorySegment[columns];
                    MemorySegment[] out = new MemorySegment[rows];
                    for (int i = 0; i < columns; i++) {
                        in[i] = arena.allocate(length + 64L, 64).asSlice(inputShift, length)
                                .copyFrom(MemorySegment.ofArray(c.inputs[i]).asSlice(0, length));
                    }
                    for (int r = 0; r < rows; r++) {
                        out[r] = arena.allocate(length + 64L, 64).asSlice(shift, length);
                    }
                    kernel.multiply(prepared, in, out, length);
                    for (int r = 0; r < rows; r++) {
                        assertArrayEquals(Arrays.copyOf(want[r], length), out[r].toArray(ValueLayout.JAVA_BYTE),
                                kernel.name() + " length " + length + " output shift " + shift + " row " + r);
                    }
                }
            }
        }
    }

    /** Long array calls start with a head that aligns the outputs (Matrices.arrayAlignmentHead): every offset. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void longArrayCallsAtEveryOutputOffsetMatchScalar(GaloisKernel kernel) {
        for (int outputOffset = 0; outputOffset < 64; outputOffset += 9) {
            Case c = randomCase(outputOffset, 4, 5, Matrices.ALIGN_ARRAYS_FROM + 67, 64 - outputOffset / 2,
                    outputOffset);
            assertArrayEquals(expected(c), actual(kernel, c, Memory.ARRAY), kernel.name() + ", " + c);
        }
    }

    /** The staged path (here a mix of native and heap, and views of long[]) over several chunks and a tail. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void stagedSegmentsOverSeveralChunksMatchScalar(GaloisKernel kernel) {
        Case c = randomCase(77, 4, 5, 2 * Segments.STAGE_CHUNK + 70, 3, 9);
        byte[][] want = expected(c);
        for (Memory memory : List.of(Memory.MIXED_SEGMENT, Memory.LONG_ARRAY_SEGMENT)) {
            assertArrayEquals(want, actual(kernel, c, memory), () -> kernel.name() + " on " + memory);
        }
    }

    // ---- contract at the boundary ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void outOfBoundsSliceIsRejectedBeforeAnythingIsWritten(GaloisKernel kernel) {
        Case c = randomCase(5, 4, 3, 256, 0, 0);
        PreparedMatrix prepared = kernel.prepare(c.matrix);
        byte[][] out = sentinelOutputs(c);
        out[3] = new byte[100]; // too short for 256 bytes
        Arrays.fill(out[3], SENTINEL);
        byte[][] before = Arrays.stream(out).map(byte[]::clone).toArray(byte[][]::new);
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernel.multiply(prepared, c.inputs, 0, out, 0, c.length));
        assertArrayEquals(before, out, "no output may be written when a slice is out of bounds");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void readOnlyOutputSegmentIsRejectedBeforeAnythingIsWritten(GaloisKernel kernel) {
        Case c = randomCase(6, 3, 4, 256, 0, 0);
        PreparedMatrix prepared = kernel.prepare(c.matrix);
        MemorySegment[] in = Arrays.stream(c.inputs).map(b -> MemorySegment.ofArray(b).asSlice(0, 256))
                .toArray(MemorySegment[]::new);
        byte[][] out = sentinelOutputs(c);
        MemorySegment[] o = Arrays.stream(out).map(MemorySegment::ofArray).toArray(MemorySegment[]::new);
        o[2] = o[2].asReadOnly();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multiply(prepared, in, o, 256));
        assertEquals("output segment is read-only", e.getMessage());
        assertArrayEquals(sentinelOutputs(c), out, "no output may be written when one is read-only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void wrongShapeOrForeignMatrixIsRejected(GaloisKernel kernel) {
        PreparedMatrix prepared = kernel.prepare(new byte[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(3, prepared.rows());
        assertEquals(2, prepared.columns());
        assertEquals(kernel.name(), prepared.kernelName());
        byte[][] in = new byte[2][64];
        assertThrows(IllegalArgumentException.class,
                () -> kernel.multiply(prepared, in, 0, new byte[2][64], 0, 64));
        PreparedMatrix scalar = ScalarKernel.instance().prepare(new byte[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThrows(IllegalArgumentException.class,
                () -> kernel.multiply(scalar, in, 0, new byte[3][64], 0, 64));
        assertThrows(IllegalArgumentException.class, () -> kernel.prepare(new byte[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> kernel.prepare(new byte[0][]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void preparedMatrixIsACopy(GaloisKernel kernel) {
        Case c = randomCase(11, 4, 10, 1000, 0, 0);
        byte[][] want = expected(c);
        PreparedMatrix prepared = kernel.prepare(c.matrix);
        for (byte[] row : c.matrix) {
            Arrays.fill(row, (byte) 7);
        }
        byte[][] out = sentinelOutputs(c);
        kernel.multiply(prepared, c.inputs, 0, out, 0, c.length);
        assertArrayEquals(want, out, kernel.name());
    }
}
