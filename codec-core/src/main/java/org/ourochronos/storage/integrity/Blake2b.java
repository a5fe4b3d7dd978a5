package org.ourochronos.storage.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * BLAKE2b as specified in RFC 7693, unkeyed, with any digest length from 1 to 64 bytes.
 *
 * <p>The digest length is written into the parameter block ({@code h[0] ^= 0x01010000 ^ outlen}), so BLAKE2b-256
 * is its own function, not a truncated BLAKE2b-512: the two give unrelated outputs. The 128-bit byte counter,
 * the final-block flag and the lazy handling of the last block (it is compressed only once {@link #digest()} is
 * called, because the final flag must be set on it) follow the reference implementation in RFC 7693 Appendix C.
 *
 * <p>Speed: message words are read with a little-endian {@link VarHandle} straight from the caller's array
 * (whole blocks are not copied), and the twelve rounds are unrolled with the working vector and message words held
 * in locals, so the JIT keeps them in registers and the message schedule costs no table look-ups. Not thread-safe; one instance per stream.
 *
 * <pre>{@code
 * byte[] d = new Blake2b(32).update(data, 0, data.length).digest();   // BLAKE2b-256
 * }</pre>
 */
final class Blake2b implements Hasher {

    /** Block size in bytes. */
    static final int BLOCK_BYTES = 128;

    /** Largest digest length in bytes. */
    static final int MAX_DIGEST_BYTES = 64;

    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // RFC 7693 section 2.6: the SHA-512 initialisation vector.
    private static final long IV0 = 0x6a09e667f3bcc908L;
    private static final long IV1 = 0xbb67ae8584caa73bL;
    private static final long IV2 = 0x3c6ef372fe94f82bL;
    private static final long IV3 = 0xa54ff53a5f1d36f1L;
    private static final long IV4 = 0x510e527fade682d1L;
    private static final long IV5 = 0x9b05688c2b3e6c1fL;
    private static final long IV6 = 0x1f83d9abfb41bd6bL;
    private static final long IV7 = 0x5be0cd19137e2179L;

    private final int digestLength;
    private final long[] h = new long[8];
    private final byte[] buffer = new byte[BLOCK_BYTES];
    /** Message words of the block being compressed (scratch). */
    private final long[] m = new long[16];
    /** Working vector of the compression function (scratch). */
    private final long[] v = new long[16];
    private int buffered;
    private long counterLow;
    private long counterHigh;

    /**
     * A fresh unkeyed BLAKE2b state.
     *
     * @param digestLength output length in bytes, 1 to 64
     * @throws IllegalArgumentException if the length is out of range
     */
    Blake2b(int digestLength) {
        if (digestLength < 1 || digestLength > MAX_DIGEST_BYTES) {
            throw new IllegalArgumentException(
                    "BLAKE2b digest length must be 1.." + MAX_DIGEST_BYTES + " bytes, got " + digestLength);
        }
        this.digestLength = digestLength;
        reset();
    }

    @Override
    public int digestLength() {
        return digestLength;
    }

    @Override
    public Blake2b reset() {
        h[0] = IV0 ^ 0x01010000L ^ digestLength; // parameter block: fanout 1, depth 1, no key, digest length
        h[1] = IV1;
        h[2] = IV2;
        h[3] = IV3;
        h[4] = IV4;
        h[5] = IV5;
        h[6] = IV6;
        h[7] = IV7;
        Arrays.fill(buffer, (byte) 0);
        buffered = 0;
        counterLow = 0;
        counterHigh = 0;
        return this;
    }

    @Override
    public Blake2b update(byte b) {
        if (buffered == BLOCK_BYTES) {
            count(BLOCK_BYTES);
            compress(buffer, 0, false);
            buffered = 0;
        }
        buffer[buffered++] = b;
        return this;
    }

    @Override
    public Blake2b update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            return this;
        }
        if (buffered > 0) {
            int fill = BLOCK_BYTES - buffered;
            if (length <= fill) {
                System.arraycopy(data, offset, buffer, buffered, length);
                buffered += length;
                return this;
            }
            System.arraycopy(data, offset, buffer, buffered, fill);
            count(BLOCK_BYTES);
            compress(buffer, 0, false);
            buffered = 0;
            offset += fill;
            length -= fill;
        }
        // Keep at least one byte back: the last block must wait for the final flag.
        while (length > BLOCK_BYTES) {
            count(BLOCK_BYTES);
            compress(data, offset, false);
            offset += BLOCK_BYTES;
            length -= BLOCK_BYTES;
        }
        System.arraycopy(data, offset, buffer, 0, length);
        buffered = length;
        return this;
    }

    @Override
    public Blake2b update(ByteBuffer data) {
        if (data.hasArray()) {
            int n = data.remaining();
            update(data.array(), data.arrayOffset() + data.position(), n);
            data.position(data.limit());
            return this;
        }
        // Direct or read-only buffer: stage through the block buffer (a bulk get is a memcpy).
        while (data.hasRemaining()) {
            if (buffered == BLOCK_BYTES) {
                count(BLOCK_BYTES);
                compress(buffer, 0, false);
                buffered = 0;
            }
            int n = Math.min(BLOCK_BYTES - buffered, data.remaining());
            data.get(buffer, buffered, n);
            buffered += n;
        }
        return this;
    }

    @Override
    public byte[] digest() {
        byte[] out = new byte[digestLength];
        digestInto(out, 0);
        return out;
    }

    @Override
    public void digestInto(byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, digestLength, out.length);
        count(buffered);
        Arrays.fill(buffer, buffered, BLOCK_BYTES, (byte) 0);
        compress(buffer, 0, true);
        byte[] full = new byte[MAX_DIGEST_BYTES];
        for (int i = 0; i < 8; i++) {
            LE_LONG.set(full, i * 8, h[i]);
        }
        System.arraycopy(full, 0, out, offset, digestLength);
        reset();
    }

    /** Adds {@code n} to the 128-bit byte counter t. */
    private void count(int n) {
        counterLow += n;
        if (Long.compareUnsigned(counterLow, n) < 0) {
            counterHigh++;
        }
    }

    /**
     * The compression function F of RFC 7693 section 3.2 on the 128-byte block at {@code block[offset]}.
     *
     * <p>The twelve unrolled rounds are split over two methods because one method holding all of them exceeds
     * 8000 bytes of bytecode, which HotSpot refuses to JIT-compile; the working vector crosses between them in
     * {@link #v}.
     */
    private void compress(byte[] block, int offset, boolean last) {
        final long[] m = this.m;
        for (int i = 0; i < 16; i++) {
            m[i] = (long) LE_LONG.get(block, offset + 8 * i);
        }
        final long[] h = this.h;
        final long[] v = this.v;
        System.arraycopy(h, 0, v, 0, 8);
        v[8] = IV0;
        v[9] = IV1;
        v[10] = IV2;
        v[11] = IV3;
        v[12] = IV4 ^ counterLow;
        v[13] = IV5 ^ counterHigh;
        v[14] = last ? ~IV6 : IV6;
        v[15] = IV7;
        roundsZeroToFive();
        roundsSixToEleven();
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    /** Rounds 0 to 5 of F on the working vector {@link #v} with message {@link #m}. */
    private void roundsZeroToFive() {
        final long[] v = this.v;
        final long[] m = this.m;
        long v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3], v4 = v[4], v5 = v[5], v6 = v[6], v7 = v[7];
        long v8 = v[8], v9 = v[9], v10 = v[10], v11 = v[11], v12 = v[12], v13 = v[13], v14 = v[14], v15 = v[15];
        long m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        long m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11], m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15];
        // round 0
        v0 += v4 + m0; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m1; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m2; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m3; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m4; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m5; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m6; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m7; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m8; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m9; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m10; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m11; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m12; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m13; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m14; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m15; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 1
        v0 += v4 + m14; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m10; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m4; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m8; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m9; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m15; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m13; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m6; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m1; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m12; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m0; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m2; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m11; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m7; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m5; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m3; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 2
        v0 += v4 + m11; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m8; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m12; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m0; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m5; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m2; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m15; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m13; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m10; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m14; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m3; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m6; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m7; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m1; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m9; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m4; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 3
        v0 += v4 + m7; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m9; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m3; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m1; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m13; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m12; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m11; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m14; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m2; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m6; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m5; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m10; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m4; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m0; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m15; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m8; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 4
        v0 += v4 + m9; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m0; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m5; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m7; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m2; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m4; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m10; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m15; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m14; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m1; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m11; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m12; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m6; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m8; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m3; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m13; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 5
        v0 += v4 + m2; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m12; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m6; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m10; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m0; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m11; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m8; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m3; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m4; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m13; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m7; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m5; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m15; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m14; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m1; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m9; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        v[0] = v0; v[1] = v1; v[2] = v2; v[3] = v3; v[4] = v4; v[5] = v5; v[6] = v6; v[7] = v7;
        v[8] = v8; v[9] = v9; v[10] = v10; v[11] = v11; v[12] = v12; v[13] = v13; v[14] = v14; v[15] = v15;
    }

    /** Rounds 6 to 11 of F on the working vector {@link #v} with message {@link #m}. */
    private void roundsSixToEleven() {
        final long[] v = this.v;
        final long[] m = this.m;
        long v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3], v4 = v[4], v5 = v[5], v6 = v[6], v7 = v[7];
        long v8 = v[8], v9 = v[9], v10 = v[10], v11 = v[11], v12 = v[12], v13 = v[13], v14 = v[14], v15 = v[15];
        long m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        long m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11], m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15];
        // round 6
        v0 += v4 + m12; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m5; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m1; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m15; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m14; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m13; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m4; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m10; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m0; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m7; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m6; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m3; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m9; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m2; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m8; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m11; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 7
        v0 += v4 + m13; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m11; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m7; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m14; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m12; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m1; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m3; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m9; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m5; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m0; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m15; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m4; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m8; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m6; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m2; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m10; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 8
        v0 += v4 + m6; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m15; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m14; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m9; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m11; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m3; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m0; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m8; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m12; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m2; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m13; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m7; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m1; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m4; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m10; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m5; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 9
        v0 += v4 + m10; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m2; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m8; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m4; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m7; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m6; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m1; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m5; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m15; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m11; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m9; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m14; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m3; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m12; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m13; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m0; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 10
        v0 += v4 + m0; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m1; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m2; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m3; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m4; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m5; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m6; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m7; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m8; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m9; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m10; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m11; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m12; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m13; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m14; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m15; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        // round 11
        v0 += v4 + m14; v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + m10; v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + m4; v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + m8; v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + m9; v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + m15; v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + m13; v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + m6; v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + m1; v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + m12; v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + m0; v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + m2; v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + m11; v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + m7; v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + m5; v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + m3; v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
        v[0] = v0; v[1] = v1; v[2] = v2; v[3] = v3; v[4] = v4; v[5] = v5; v[6] = v6; v[7] = v7;
        v[8] = v8; v[9] = v9; v[10] = v10; v[11] = v11; v[12] = v12; v[13] = v13; v[14] = v14; v[15] = v15;
    }

}
