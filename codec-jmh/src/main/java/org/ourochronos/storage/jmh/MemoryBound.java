package org.ourochronos.storage.jmh;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory traffic of an encode without its arithmetic: one pass over the shards that loads each of the k inputs
 * once and stores each of the m outputs once per position, combining the inputs with XOR only. No encoder needs
 * fewer accesses, so where memory is the limit (shards streamed from L3 or DRAM) its throughput approximates the
 * ceiling for a one-thread encoder on the same shards, and the gap to a coder is what the coder's arithmetic and
 * loop order cost. It is one loop, not a proof: where its own overhead shows (shards in L2) a coder can come close
 * to it or pass it. Every output receives the XOR of all inputs (a parity, RAID-5 style), so the result is checked.
 */
final class MemoryBound {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private MemoryBound() {
    }

    /** Bytes per block: eight vectors are summed in registers, so each input's range is checked once per block. */
    private static final int BLOCK = 8 * SPECIES.length();

    /** Writes the XOR of {@code in}'s rows over {@code [0, length)} into every row of {@code out}. */
    static void xorStream(byte[][] in, byte[][] out, int length) {
        int v = SPECIES.length();
        int p = 0;
        for (; p <= length - BLOCK; p += BLOCK) {
            byte[] first = in[0];
            ByteVector s0 = ByteVector.fromArray(SPECIES, first, p);
            ByteVector s1 = ByteVector.fromArray(SPECIES, first, p + v);
            ByteVector s2 = ByteVector.fromArray(SPECIES, first, p + 2 * v);
            ByteVector s3 = ByteVector.fromArray(SPECIES, first, p + 3 * v);
            ByteVector s4 = ByteVector.fromArray(SPECIES, first, p + 4 * v);
            ByteVector s5 = ByteVector.fromArray(SPECIES, first, p + 5 * v);
            ByteVector s6 = ByteVector.fromArray(SPECIES, first, p + 6 * v);
            ByteVector s7 = ByteVector.fromArray(SPECIES, first, p + 7 * v);
            for (int i = 1; i < in.length; i++) {
                byte[] row = in[i];
                s0 = s0.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p));
                s1 = s1.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + v));
                s2 = s2.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 2 * v));
                s3 = s3.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 3 * v));
                s4 = s4.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 4 * v));
                s5 = s5.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 5 * v));
                s6 = s6.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 6 * v));
                s7 = s7.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, row, p + 7 * v));
            }
            for (byte[] o : out) {
                s0.intoArray(o, p);
                s1.intoArray(o, p + v);
                s2.intoArray(o, p + 2 * v);
                s3.intoArray(o, p + 3 * v);
                s4.intoArray(o, p + 4 * v);
                s5.intoArray(o, p + 5 * v);
                s6.intoArray(o, p + 6 * v);
                s7.intoArray(o, p + 7 * v);
            }
        }
        for (; p < length; p++) {
            byte sum = in[0][p];
            for (int i = 1; i < in.length; i++) {
                sum ^= in[i][p];
            }
            for (byte[] o : out) {
                o[p] = sum;
            }
        }
    }

    /** {@link #xorStream(byte[][], byte[][], int)} over native segments of {@code length} bytes or more. */
    static void xorStream(MemorySegment[] in, MemorySegment[] out, long length) {
        long v = SPECIES.length();
        long p = 0;
        for (; p <= length - BLOCK; p += BLOCK) {
            MemorySegment first = in[0];
            ByteVector s0 = ByteVector.fromMemorySegment(SPECIES, first, p, ORDER);
            ByteVector s1 = ByteVector.fromMemorySegment(SPECIES, first, p + v, ORDER);
            ByteVector s2 = ByteVector.fromMemorySegment(SPECIES, first, p + 2 * v, ORDER);
            ByteVector s3 = ByteVector.fromMemorySegment(SPECIES, first, p + 3 * v, ORDER);
            ByteVector s4 = ByteVector.fromMemorySegment(SPECIES, first, p + 4 * v, ORDER);
            ByteVector s5 = ByteVector.fromMemorySegment(SPECIES, first, p + 5 * v, ORDER);
            ByteVector s6 = ByteVector.fromMemorySegment(SPECIES, first, p + 6 * v, ORDER);
            ByteVector s7 = ByteVector.fromMemorySegment(SPECIES, first, p + 7 * v, ORDER);
            for (int i = 1; i < in.length; i++) {
                MemorySegment row = in[i];
                s0 = s0.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p, ORDER));
                s1 = s1.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + v, ORDER));
                s2 = s2.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 2 * v, ORDER));
                s3 = s3.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 3 * v, ORDER));
                s4 = s4.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 4 * v, ORDER));
                s5 = s5.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 5 * v, ORDER));
                s6 = s6.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 6 * v, ORDER));
                s7 = s7.lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(SPECIES, row, p + 7 * v, ORDER));
            }
            for (MemorySegment o : out) {
                s0.intoMemorySegment(o, p, ORDER);
                s1.intoMemorySegment(o, p + v, ORDER);
                s2.intoMemorySegment(o, p + 2 * v, ORDER);
                s3.intoMemorySegment(o, p + 3 * v, ORDER);
                s4.intoMemorySegment(o, p + 4 * v, ORDER);
                s5.intoMemorySegment(o, p + 5 * v, ORDER);
                s6.intoMemorySegment(o, p + 6 * v, ORDER);
                s7.intoMemorySegment(o, p + 7 * v, ORDER);
            }
        }
        for (; p < length; p++) {
            byte sum = in[0].get(ValueLayout.JAVA_BYTE, p);
            for (int i = 1; i < in.length; i++) {
                sum ^= in[i].get(ValueLayout.JAVA_BYTE, p);
            }
            for (MemorySegment o : out) {
                o.set(ValueLayout.JAVA_BYTE, p, sum);
            }
        }
    }

    /** Segments over the buffers' whole capacity. */
    static MemorySegment[] segments(ByteBuffer[] buffers, int from, int to) {
        MemorySegment[] s = new MemorySegment[to - from];
        for (int i = from; i < to; i++) {
            s[i - from] = MemorySegment.ofBuffer(buffers[i]);
        }
        return s;
    }
}
