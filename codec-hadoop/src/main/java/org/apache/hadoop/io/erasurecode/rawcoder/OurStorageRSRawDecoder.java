package org.apache.hadoop.io.erasurecode.rawcoder;

import java.nio.ByteBuffer;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * A Hadoop raw Reed-Solomon decoder that produces exactly the bytes of Hadoop's {@link RSRawDecoder}: same Cauchy
 * matrix ({@link CodingMatrix#CAUCHY}), same choice of inputs (the first k non-null ones), and since the code is
 * MDS any k valid inputs would rebuild the same bytes anyway.
 *
 * <p>The contract is {@link RawErasureDecoder}'s: {@code inputs} has n = k + m slots, {@code null} for erased units
 * and for units the caller chose not to read; at least k are non-null. {@code erasedIndexes} lists the units to
 * rebuild and {@code outputs[i]} receives unit {@code erasedIndexes[i]}. The base class checks counts, lengths and
 * buffer kinds (throwing {@link HadoopIllegalArgumentException}) and moves the input positions forward; output
 * positions are unchanged and inputs are never modified. An erased index out of range or listed twice, or a
 * read-only output, is rejected with our {@link InvalidShardsException} before anything is written. Unlike
 * {@link RSRawDecoder}, which assumes erased data units are listed before erased parity units, any order of
 * {@code erasedIndexes} gives correct output.
 *
 * <p>How the work is split: Hadoop hands over the units it read and the buffers of the units it wants, with
 * {@code null} for the rest. {@link ReedSolomon#reconstruct} takes exactly that shape — k source units in, the
 * erased units out — so nothing the caller left out on purpose is computed, and the decode matrix comes from the
 * coder's per-pattern cache (HDFS rebuilds a whole block with one pattern). Decode calls are synchronized by the
 * base class.
 */
public final class OurStorageRSRawDecoder extends RawErasureDecoder {

    /**
     * Heap or direct: false, heap. With our vector kernel, heap buffers (which Hadoop's base class hands over as
     * their backing arrays) code 1.3 to 2.9 times faster than direct buffers read through {@code MemorySegment}s
     * (codec-jmh {@code HadoopCoderBenchmark}, RS-6-3 and RS-10-4, 1 MiB cells, encode and decode), and callers
     * then also skip copying chunks into native memory. Hadoop's own Java coder answers false as well; only the ISA-L native
     * coder prefers direct buffers.
     */
    static final boolean PREFER_DIRECT = false;

    private final ReedSolomon coder;

    /**
     * A decoder for {@code coderOptions}' data and parity unit counts.
     *
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as {@link RSRawDecoder} does
     * @throws org.ourochronos.storage.codec.InvalidShardCountException if either count is below 1
     */
    public OurStorageRSRawDecoder(ErasureCoderOptions coderOptions) {
        super(coderOptions);
        this.coder = createCoder(getNumDataUnits(), getNumParityUnits(), getNumAllUnits());
    }

    static ReedSolomon createCoder(int k, int m, int n) {
        // Same bound as RSRawEncoder/RSRawDecoder, so that nothing we write is unreadable by Hadoop's own coders.
        if (n >= 256) {
            throw new HadoopIllegalArgumentException("Invalid numDataUnits and numParityUnits: " + k + " + " + m
                    + " units, Hadoop's RS coders allow at most 255");
        }
        return ReedSolomon.create(k, m, CodingMatrix.CAUCHY);
    }

    /** The coder the decode matrices come from (for diagnostics: its kernel and matrix). */
    public ReedSolomon coder() {
        return coder;
    }

    @Override
    protected void doDecode(ByteBufferDecodingState state) {
        int[] used = coder.firstSources(state.inputs, state.erasedIndexes);
        ByteBuffer[] in = new ByteBuffer[used.length];
        for (int j = 0; j < used.length; j++) {
            in[j] = state.inputs[used[j]];
        }
        // Each buffer from its position for decodeLength bytes (the base class checked the lengths); positions are
        // left alone here and the base class moves the inputs' afterwards.
        coder.reconstruct(in, used, state.outputs, state.erasedIndexes);
    }

    @Override
    protected void doDecode(ByteArrayDecodingState state) {
        int[] used = coder.firstSources(state.inputs, state.erasedIndexes);
        int length = state.decodeLength;
        byte[][] in = new byte[used.length][];
        int offset = state.inputOffsets[used[0]];
        boolean sameOffsets = true;
        for (int j = 0; j < used.length; j++) {
            in[j] = state.inputs[used[j]];
            sameOffsets &= state.inputOffsets[used[j]] == offset;
        }
        for (int off : state.outputOffsets) {
            sameOffsets &= off == offset;
        }
        if (sameOffsets) {
            // byte[][] calls (offsets all 0) and heap buffers from one allocator: the array form.
            coder.reconstruct(in, used, state.outputs, state.erasedIndexes, offset, length);
            return;
        }
        // Heap buffers at different positions: windows onto the same arrays.
        ByteBuffer[] inBuffers = new ByteBuffer[used.length];
        for (int j = 0; j < used.length; j++) {
            inBuffers[j] = ByteBuffer.wrap(in[j], state.inputOffsets[used[j]], length);
        }
        ByteBuffer[] outBuffers = new ByteBuffer[state.outputs.length];
        for (int j = 0; j < outBuffers.length; j++) {
            outBuffers[j] = ByteBuffer.wrap(state.outputs[j], state.outputOffsets[j], length);
        }
        coder.reconstruct(inBuffers, used, outBuffers, state.erasedIndexes);
    }

    /** See {@link #PREFER_DIRECT}. */
    @Override
    public boolean preferDirectBuffer() {
        return PREFER_DIRECT;
    }

    /** Nothing to free: decode matrices live in the coder's bounded cache. The decoder stays usable. */
    @Override
    public void release() {
        // no native or pooled resources
    }

    @Override
    public String toString() {
        return "OurStorageRSRawDecoder[" + coder + "]";
    }
}
