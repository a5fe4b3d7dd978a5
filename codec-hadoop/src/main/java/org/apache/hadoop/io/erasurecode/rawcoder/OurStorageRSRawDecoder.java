package org.apache.hadoop.io.erasurecode.rawcoder;

import java.nio.ByteBuffer;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * A Hadoop raw Reed-Solomon decoder that produces exactly the bytes of Hadoop's {@link RSRawDecoder}: same Cauchy
 * matrix ({@link CodingMatrix#CAUCHY}), and since the code is MDS, any k valid inputs rebuild the same bytes (both
 * coders read the first k non-null inputs).
 *
 * <p>The contract is {@link RawErasureDecoder}'s: {@code inputs} has n = k + m slots, {@code null} for erased units
 * and for units the caller chose not to read; at least k are non-null. {@code erasedIndexes} lists the units to
 * rebuild and {@code outputs[i]} receives unit {@code erasedIndexes[i]}. The base class checks counts, lengths and
 * buffer kinds (throwing {@link HadoopIllegalArgumentException}) and moves the input positions forward; output
 * positions are unchanged. An erased index out of range or listed twice is rejected with our
 * {@link InvalidShardsException} before anything is written. Unlike {@link RSRawDecoder}, which assumes erased
 * data units are listed before erased parity units, any order of {@code erasedIndexes} gives correct output.
 *
 * <p>Our {@link ReedSolomon} decodes in place over an n-slot shard array, so the decoder places each output at its
 * erased index and a scratch buffer (kept between calls; decode calls are synchronized by the base class) at each
 * unused slot. Those unused slots are rebuilt too, which costs extra work when the caller passes fewer than n − e
 * inputs; see {@code docs/compatibility.md}.
 */
public class OurStorageRSRawDecoder extends RawErasureDecoder {

    /**
     * Heap or direct: false. Our kernels read {@code byte[]} (heap buffers reach us as their backing arrays) at
     * least as fast as native memory through {@code MemorySegment}s, and Hadoop's callers then skip copying
     * chunks into direct buffers. Measured in codec-jmh's HadoopCoderBenchmark.
     */
    static final boolean PREFER_DIRECT = false;

    private final ReedSolomon coder;

    /** Scratch for unused slots, per slot, grown on demand. Guarded by the synchronized decode methods. */
    private byte[][] heapScratch;
    private ByteBuffer[] directScratch;

    /**
     * A decoder for {@code coderOptions}' data and parity unit counts.
     *
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as {@link RSRawDecoder} does
     * @throws org.ourochronos.storage.codec.InvalidShardCountException if either count is below 1
     */
    public OurStorageRSRawDecoder(ErasureCoderOptions coderOptions) {
        super(coderOptions);
        this.coder = createCoder(getNumDataUnits(), getNumParityUnits(), getNumAllUnits());
        this.heapScratch = new byte[getNumAllUnits()][];
        this.directScratch = new ByteBuffer[getNumAllUnits()];
    }

    static ReedSolomon createCoder(int k, int m, int n) {
        // Same bound as RSRawEncoder/RSRawDecoder, so that nothing we write is unreadable by Hadoop's own coders.
        if (n >= 256) {
            throw new HadoopIllegalArgumentException("Invalid numDataUnits and numParityUnits: " + k + " + " + m
                    + " units, Hadoop's RS coders allow at most 255");
        }
        return ReedSolomon.create(k, m, CodingMatrix.CAUCHY);
    }

    /** The coder doing the work (for diagnostics: its kernel and matrix). */
    public ReedSolomon coder() {
        return coder;
    }

    @Override
    protected void doDecode(ByteBufferDecodingState state) {
        int n = getNumAllUnits();
        int length = state.decodeLength;
        boolean[] present = present(state.inputs, state.erasedIndexes);
        ByteBuffer[] shards = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                shards[i] = state.inputs[i];
            }
        }
        for (int j = 0; j < state.erasedIndexes.length; j++) {
            shards[state.erasedIndexes[j]] = state.outputs[j];
        }
        for (int i = 0; i < n; i++) {
            if (shards[i] == null) {
                ByteBuffer s = directScratch[i];
                if (s == null || s.capacity() < length) {
                    s = ByteBuffer.allocateDirect(length);
                    directScratch[i] = s;
                }
                shards[i] = s.slice(0, length);
            }
        }
        coder.decodeMissing(shards, present);
    }

    @Override
    protected void doDecode(ByteArrayDecodingState state) {
        int n = getNumAllUnits();
        int length = state.decodeLength;
        boolean[] present = present(state.inputs, state.erasedIndexes);
        byte[][] arrays = new byte[n][];
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                arrays[i] = state.inputs[i];
                offsets[i] = state.inputOffsets[i];
            }
        }
        for (int j = 0; j < state.erasedIndexes.length; j++) {
            arrays[state.erasedIndexes[j]] = state.outputs[j];
            offsets[state.erasedIndexes[j]] = state.outputOffsets[j];
        }
        // Fast path: every array the same size and offset (plain byte[][] calls, buffers from one allocator), so
        // scratch of that size lets our byte[][] form run; otherwise every unit is wrapped as a buffer.
        int reference = -1;
        boolean uniform = true;
        for (int i = 0; i < n; i++) {
            if (arrays[i] != null) {
                if (reference < 0) {
                    reference = i;
                } else if (arrays[i].length != arrays[reference].length || offsets[i] != offsets[reference]) {
                    uniform = false;
                }
            }
        }
        int scratchLength = uniform ? arrays[reference].length : length;
        for (int i = 0; i < n; i++) {
            if (arrays[i] == null) {
                byte[] s = heapScratch[i];
                if (s == null || (uniform ? s.length != scratchLength : s.length < scratchLength)) {
                    s = new byte[scratchLength];
                    heapScratch[i] = s;
                }
                arrays[i] = s;
                offsets[i] = uniform ? offsets[reference] : 0;
            }
        }
        if (uniform) {
            coder.decodeMissing(arrays, present, offsets[reference], length);
        } else {
            coder.decodeMissing(wrap(arrays, offsets, length), present);
        }
    }

    /**
     * Which slots to read: non-null inputs that are not erased. Validates {@code erasedIndexes} (range and
     * repeats), which Hadoop's state classes leave unchecked.
     */
    private boolean[] present(Object[] inputs, int[] erasedIndexes) {
        int n = getNumAllUnits();
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            present[i] = inputs[i] != null;
        }
        boolean[] erased = new boolean[n];
        for (int index : erasedIndexes) {
            if (index < 0 || index >= n) {
                throw new InvalidShardsException("erased index " + index + " is outside 0.." + (n - 1));
            }
            if (erased[index]) {
                throw new InvalidShardsException("erased index " + index + " is listed twice");
            }
            erased[index] = true;
            present[index] = false;
        }
        return present;
    }

    /** Whether all arrays have one length and all offsets are equal, so that our byte[][] form applies. */
    static boolean uniform(byte[][] arrays, int[] offsets) {
        for (int i = 1; i < arrays.length; i++) {
            if (arrays[i].length != arrays[0].length || offsets[i] != offsets[0]) {
                return false;
            }
        }
        return true;
    }

    /** Heap buffers over {@code [offset, offset + length)} of each array (our buffer form allows any offsets). */
    static ByteBuffer[] wrap(byte[][] arrays, int[] offsets, int length) {
        ByteBuffer[] buffers = new ByteBuffer[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            buffers[i] = ByteBuffer.wrap(arrays[i], offsets[i], length);
        }
        return buffers;
    }

    /** See {@link #PREFER_DIRECT}. */
    @Override
    public boolean preferDirectBuffer() {
        return PREFER_DIRECT;
    }

    /** Drops the scratch buffers kept for unused input slots; the decoder stays usable. */
    @Override
    public synchronized void release() {
        heapScratch = new byte[getNumAllUnits()][];
        directScratch = new ByteBuffer[getNumAllUnits()];
    }

    @Override
    public String toString() {
        return "OurStorageRSRawDecoder[" + coder + "]";
    }
}
