package org.ourochronos.storage.hadoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;

import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureEncoder;

/**
 * Test helper: the three ways Hadoop hands units to a raw coder, and calls that run a coder on plain byte arrays
 * through one of them, returning what was written and checking Hadoop's position rules on the way.
 */
enum Units {
    /** {@code byte[][]} calls: each array exactly one unit long, offset 0. */
    ARRAY,
    /** Heap buffers at a non-zero position inside a slice with a non-zero array offset. */
    HEAP,
    /** Direct buffers at a non-zero position. */
    DIRECT;

    /** A buffer whose remaining bytes are {@code content}, placed after some padding so offsets get exercised. */
    ByteBuffer buffer(byte[] content, int padding) {
        ByteBuffer b;
        if (this == DIRECT) {
            b = ByteBuffer.allocateDirect(padding + content.length + 3);
        } else {
            // A slice of a larger array: arrayOffset() > 0 as well as position() > 0.
            b = ByteBuffer.wrap(new byte[padding + content.length + 10], 7, padding + content.length + 3).slice();
        }
        b.position(padding);
        b.put(content);
        b.position(padding);
        b.limit(padding + content.length);
        return b;
    }

    static byte[] contentOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Encodes {@code data} (k units) with {@code encoder}; returns the m parity units. */
    byte[][] encode(RawErasureEncoder encoder, byte[][] data, int parityCount, Random random) {
        int length = data[0].length;
        try {
            if (this == ARRAY) {
                byte[][] in = copy(data);
                byte[][] out = garbage(parityCount, length, random);
                encoder.encode(in, out);
                return out;
            }
            ByteBuffer[] in = new ByteBuffer[data.length];
            int[] inPos = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                in[i] = buffer(data[i], random.nextInt(5));
                inPos[i] = in[i].position();
            }
            ByteBuffer[] out = new ByteBuffer[parityCount];
            int[] outPos = new int[parityCount];
            for (int i = 0; i < parityCount; i++) {
                out[i] = buffer(garbage(1, length, random)[0], random.nextInt(5));
                outPos[i] = out[i].position();
            }
            encoder.encode(in, out);
            byte[][] parity = new byte[parityCount][];
            for (int i = 0; i < parityCount; i++) {
                check(out[i].position() == outPos[i], "output position moved");
                parity[i] = contentOf(out[i]);
            }
            for (int i = 0; i < data.length; i++) {
                check(in[i].position() == inPos[i] + length, "input position not advanced by the length");
            }
            return parity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes with {@code decoder}: {@code shards} are all n units, {@code readable[i]} says whether unit i is
     * handed over (others are null), {@code erased} lists the units to rebuild. Returns the outputs in that order.
     */
    byte[][] decode(RawErasureDecoder decoder, byte[][] shards, boolean[] readable, int[] erased, Random random) {
        int length = shards[0].length;
        try {
            if (this == ARRAY) {
                byte[][] in = new byte[shards.length][];
                for (int i = 0; i < shards.length; i++) {
                    in[i] = readable[i] ? shards[i].clone() : null;
                }
                byte[][] out = garbage(erased.length, length, random);
                decoder.decode(in, erased, out);
                return out;
            }
            ByteBuffer[] in = new ByteBuffer[shards.length];
            int[] inPos = new int[shards.length];
            for (int i = 0; i < shards.length; i++) {
                if (readable[i]) {
                    in[i] = buffer(shards[i], random.nextInt(5));
                    inPos[i] = in[i].position();
                }
            }
            ByteBuffer[] out = new ByteBuffer[erased.length];
            int[] outPos = new int[erased.length];
            for (int i = 0; i < erased.length; i++) {
                out[i] = buffer(garbage(1, length, random)[0], random.nextInt(5));
                outPos[i] = out[i].position();
            }
            decoder.decode(in, erased.clone(), out);
            byte[][] result = new byte[erased.length][];
            for (int i = 0; i < erased.length; i++) {
                check(out[i].position() == outPos[i], "output position moved");
                result[i] = contentOf(out[i]);
            }
            for (int i = 0; i < shards.length; i++) {
                if (in[i] != null) {
                    check(in[i].position() == inPos[i] + length, "input position not advanced by the length");
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[][] copy(byte[][] a) {
        byte[][] c = new byte[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Random bytes, so that a coder which fails to overwrite its output is caught. */
    static byte[][] garbage(int count, int length, Random random) {
        byte[][] g = new byte[count][length];
        for (byte[] row : g) {
            random.nextBytes(row);
        }
        return g;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
