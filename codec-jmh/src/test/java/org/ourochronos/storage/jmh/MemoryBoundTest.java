package org.ourochronos.storage.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The memory-bound XOR stream and the aligned buffers the like-for-like benchmarks use. */
class MemoryBoundTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 200, 511, 512, 513, 4096 + 17})
    void everyOutputHoldsTheXorOfTheInputsIncludingTheTail(int length) {
        byte[][] shards = Shards.random(5, 8, length);
        byte[][] in = Arrays.copyOfRange(shards, 0, 5);
        byte[][] out = Arrays.copyOfRange(shards, 5, 8);
        Arrays.fill(out[1], (byte) 0x5A); // stale bytes must be overwritten, not combined
        byte[] expected = new byte[length];
        for (int p = 0; p < length; p++) {
            expected[p] = (byte) (in[0][p] ^ in[1][p] ^ in[2][p] ^ in[3][p] ^ in[4][p]);
        }

        MemoryBound.xorStream(in, out, length);
        for (byte[] o : out) {
            assertArrayEquals(expected, o);
        }

        ByteBuffer[] direct = Shards.direct(shards, 5, Shards::alignedDirect);
        MemoryBound.xorStream(MemoryBound.segments(direct, 0, 5), MemoryBound.segments(direct, 5, 8), length);
        for (byte[] written : Shards.read(direct, 5, 8)) {
            assertArrayEquals(expected, written);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 65536, 1 << 20})
    void alignedDirectBuffersStartOnALineAndHaveTheAskedSize(int size) {
        ByteBuffer b = Shards.alignedDirect(size);
        assertEquals(size, b.capacity());
        assertEquals(0, b.position());
        assertEquals(0, MemorySegment.ofBuffer(b).address() % 64);
    }
}
