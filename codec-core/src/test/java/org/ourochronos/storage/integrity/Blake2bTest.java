package org.ourochronos.storage.integrity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

/**
 * BLAKE2b against RFC 7693's published value and against Bouncy Castle's independent implementation
 * ({@link Blake2bDigest}), whole and streamed.
 */
class Blake2bTest {

    /** Lengths around the 128-byte block size, where the "keep the last block back" logic can go wrong. */
    private static final int[] BOUNDARY_LENGTHS = {0, 1, 63, 64, 127, 128, 129, 191, 255, 256, 257, 383, 384, 385,
        1023, 1024, 1025};

    private static byte[] bouncyCastle(int digestBytes, byte[] data) {
        Blake2bDigest bc = new Blake2bDigest(null, digestBytes, null, null);
        bc.update(data, 0, data.length);
        byte[] out = new byte[digestBytes];
        bc.doFinal(out, 0);
        return out;
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    @Test
    void rfc7693AppendixA() {
        byte[] expected = HexFormat.of().parseHex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
        assertArrayEquals(expected, new Blake2b(64).update("abc".getBytes(US_ASCII)).digest());
    }

    @Test
    void blake2b256IsNotTruncatedBlake2b512() {
        byte[] abc = "abc".getBytes(US_ASCII);
        byte[] d512 = new Blake2b(64).update(abc).digest();
        byte[] d256 = new Blake2b(32).update(abc).digest();
        assertFalse(Arrays.equals(Arrays.copyOf(d512, 32), d256));
        assertArrayEquals(HexFormat.of().parseHex("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
                d256);
    }

    @Test
    void matchesBouncyCastleAtBlockBoundaries() {
        SplittableRandom rnd = new SplittableRandom(7693);
        for (int len : BOUNDARY_LENGTHS) {
            byte[] data = randomBytes(rnd, len);
            assertArrayEquals(bouncyCastle(32, data), new Blake2b(32).update(data).digest(), "length " + len);
            assertArrayEquals(bouncyCastle(64, data), new Blake2b(64).update(data).digest(), "length " + len);
        }
    }

    @Test
    void everyDigestLengthMatchesBouncyCastle() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int outLen = 1; outLen <= 64; outLen++) {
            byte[] data = randomBytes(rnd, rnd.nextInt(400));
            assertArrayEquals(bouncyCastle(outLen, data), new Blake2b(outLen).update(data).digest(),
                    "digest length " + outLen);
        }
    }

    @Test
    void matchesBouncyCastleOnRandomInputsStreamedInRandomChunks() {
        SplittableRandom rnd = new SplittableRandom(2026);
        for (int trial = 0; trial < 400; trial++) {
            byte[] data = randomBytes(rnd, rnd.nextInt(3001));
            byte[] expected = bouncyCastle(32, data);
            assertArrayEquals(expected, HashAlgorithm.BLAKE2B_256.hash(data), "one-shot, length " + data.length);
            Blake2b streamed = new Blake2b(32);
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, rnd.nextInt(rnd.nextBoolean() ? 8 : 400));
                switch (rnd.nextInt(3)) {
                    case 0 -> streamed.update(data, off, n);
                    case 1 -> streamed.update(ByteBuffer.allocateDirect(n).put(data, off, n).flip());
                    default -> {
                        for (int i = off; i < off + n; i++) {
                            streamed.update(data[i]);
                        }
                    }
                }
                off += n;
            }
            assertArrayEquals(expected, streamed.digest(), "streamed, length " + data.length);
        }
    }

    @Property(tries = 200)
    void anySplitMatchesBouncyCastle(@ForAll @Size(max = 3000) byte[] data,
                                     @ForAll @IntRange(min = 0, max = 3000) int split,
                                     @ForAll @IntRange(min = 1, max = 64) int outLen) {
        int cut = Math.min(split, data.length);
        Blake2b b = new Blake2b(outLen);
        b.update(data, 0, cut).update(ByteBuffer.wrap(data, cut, data.length - cut).asReadOnlyBuffer());
        assertArrayEquals(bouncyCastle(outLen, data), b.digest());
    }

    @Test
    void rejectsDigestLengthsOutsideOneToSixtyFour() {
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(0));
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(65));
        assertThrows(IndexOutOfBoundsException.class, () -> new Blake2b(32).update(new byte[10], 5, 6));
    }
}
