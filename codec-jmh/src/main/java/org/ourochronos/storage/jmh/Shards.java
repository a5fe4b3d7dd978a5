package org.ourochronos.storage.jmh;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** Test data for the suites: seeded, so every implementation and every fork codes the same bytes. */
public final class Shards {

    /** Seed of every data set; a fixed seed keeps forks comparable. */
    public static final long SEED = 0x5EEDL;

    private Shards() {
    }

    /** {@code n} shards of {@code size} bytes; the first {@code k} filled with random bytes, the rest zero. */
    public static byte[][] random(int k, int n, int size) {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[][] shards = new byte[n][size];
        for (int i = 0; i < k; i++) {
            random.nextBytes(shards[i]);
        }
        return shards;
    }

    /**
     * Direct copies for the direct-buffer suites: one buffer per shard from {@code allocate} (given the shard size),
     * the first {@code dataCount} holding the data shards' bytes, the rest left as allocated (zero).
     */
    public static ByteBuffer[] direct(byte[][] shards, int dataCount, IntFunction<ByteBuffer> allocate) {
        ByteBuffer[] direct = new ByteBuffer[shards.length];
        for (int i = 0; i < shards.length; i++) {
            direct[i] = allocate.apply(shards[i].length);
            if (i < dataCount) {
                direct[i].put(0, shards[i]);
            }
        }
        return direct;
    }

    /** The bytes of buffers {@code from} (inclusive) to {@code to} (exclusive), each from index 0 to its capacity. */
    public static byte[][] read(ByteBuffer[] buffers, int from, int to) {
        byte[][] rows = new byte[to - from][];
        for (int i = from; i < to; i++) {
            rows[i - from] = new byte[buffers[i].capacity()];
            buffers[i].get(0, rows[i - from]);
        }
        return rows;
    }

    /** A direct buffer of {@code size} bytes whose first byte starts a 64-byte cache line. */
    public static ByteBuffer alignedDirect(int size) {
        // alignedSlice rounds both ends to a line: with 127 spare bytes at least size are left in any placement
        ByteBuffer line = ByteBuffer.allocateDirect(size + 127).alignedSlice(64);
        if (line.capacity() < size || line.alignmentOffset(0, 64) != 0) {
            throw new IllegalStateException("no 64-byte-aligned direct buffer of " + size + " bytes");
        }
        return line.slice(0, size);
    }

    /** Deep copy. */
    public static byte[][] copy(byte[][] shards) {
        byte[][] c = new byte[shards.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = shards[i].clone();
        }
        return c;
    }

    /**
     * Fails loudly unless {@code actual} equals {@code expected} row for row. Benchmarks call this once per trial,
     * so a peer or kernel that computes wrong bytes can never post a number.
     */
    public static void requireEqual(String what, byte[][] expected, byte[][] actual) {
        if (expected.length != actual.length) {
            throw new IllegalStateException("PARITY MISMATCH in " + what + ": " + expected.length + " rows expected, "
                    + actual.length + " produced");
        }
        for (int r = 0; r < expected.length; r++) {
            int at = Arrays.mismatch(expected[r], actual[r]);
            if (at >= 0) {
                throw new IllegalStateException("PARITY MISMATCH in " + what + ": row " + r + " differs at byte " + at
                        + " (expected " + (at < expected[r].length ? expected[r][at] & 0xff : -1) + ", got "
                        + (at < actual[r].length ? actual[r][at] & 0xff : -1) + ")");
            }
        }
    }
}
