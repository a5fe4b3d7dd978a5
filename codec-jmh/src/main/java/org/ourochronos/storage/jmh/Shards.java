package org.ourochronos.storage.jmh;

import java.util.Arrays;
import java.util.SplittableRandom;

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
