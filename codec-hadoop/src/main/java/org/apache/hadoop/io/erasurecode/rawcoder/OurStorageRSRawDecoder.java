package org.apache.hadoop.io.erasurecode.rawcoder;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.InsufficientShardsException;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.PreparedMatrix;

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
 * <p>How the work is split: our {@link ReedSolomon} coder decodes in place over n buffers and rebuilds every unit
 * it was not given, so handing it Hadoop's call as is would also rebuild the units the caller left out on purpose
 * (with RS-6-3, one lost unit and k inputs: three outputs computed for one wanted). Instead the decoder asks that
 * coder for the decode matrix itself, by decoding k unit vectors (k bytes per unit, once per erasure pattern), and
 * runs the coder's own {@link GaloisKernel} on exactly the k inputs read and the e outputs wanted. The matrix is
 * kept while the pattern stays the same (HDFS rebuilds a whole block with one pattern), as {@link RSRawDecoder}
 * does. Decode calls are synchronized by the base class.
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
    private final GaloisKernel kernel;

    /** The last erasure pattern and its prepared decode rows. Guarded by the synchronized decode methods. */
    private int[] cachedUsed;
    private int[] cachedErased;
    private PreparedMatrix cachedMatrix;

    /**
     * A decoder for {@code coderOptions}' data and parity unit counts.
     *
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as {@link RSRawDecoder} does
     * @throws org.ourochronos.storage.codec.InvalidShardCountException if either count is below 1
     */
    public OurStorageRSRawDecoder(ErasureCoderOptions coderOptions) {
        super(coderOptions);
        this.coder = createCoder(getNumDataUnits(), getNumParityUnits(), getNumAllUnits());
        this.kernel = coder.getKernel();
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
        int[] used = usedInputs(state.inputs, state.erasedIndexes);
        for (int j = 0; j < state.outputs.length; j++) {
            if (state.outputs[j].isReadOnly()) {
                throw new InvalidShardsException("output " + j + " (unit " + state.erasedIndexes[j]
                        + ") is a read-only buffer");
            }
        }
        PreparedMatrix matrix = decodeMatrix(used, state.erasedIndexes);
        ByteBuffer[] in = new ByteBuffer[used.length];
        for (int j = 0; j < used.length; j++) {
            in[j] = state.inputs[used[j]];
        }
        // Each buffer from its position for decodeLength bytes; positions are left alone (the base class moves
        // the inputs' afterwards).
        kernel.multiply(matrix, in, state.outputs, state.decodeLength);
    }

    @Override
    protected void doDecode(ByteArrayDecodingState state) {
        int[] used = usedInputs(state.inputs, state.erasedIndexes);
        PreparedMatrix matrix = decodeMatrix(used, state.erasedIndexes);
        int length = state.decodeLength;
        byte[][] in = new byte[used.length][];
        int inOffset = state.inputOffsets[used[0]];
        boolean sameOffsets = true;
        for (int j = 0; j < used.length; j++) {
            in[j] = state.inputs[used[j]];
            sameOffsets &= state.inputOffsets[used[j]] == inOffset;
        }
        int outOffset = state.outputOffsets[0];
        for (int off : state.outputOffsets) {
            sameOffsets &= off == outOffset;
        }
        if (sameOffsets) {
            // byte[][] calls (offsets all 0) and heap buffers from one allocator: the kernel's array form.
            kernel.multiply(matrix, in, inOffset, state.outputs, outOffset, length);
            return;
        }
        // Heap buffers at different positions: slices, which the kernel reads like any other segment.
        MemorySegment[] inSegments = new MemorySegment[used.length];
        for (int j = 0; j < used.length; j++) {
            inSegments[j] = MemorySegment.ofArray(in[j]).asSlice(state.inputOffsets[used[j]], length);
        }
        MemorySegment[] outSegments = new MemorySegment[state.outputs.length];
        for (int j = 0; j < outSegments.length; j++) {
            outSegments[j] = MemorySegment.ofArray(state.outputs[j]).asSlice(state.outputOffsets[j], length);
        }
        kernel.multiply(matrix, inSegments, outSegments, length);
    }

    /**
     * The k units to read: the first k non-null inputs that are not being rebuilt (Hadoop's choice). Validates
     * {@code erasedIndexes} (range and repeats), which Hadoop's state classes leave unchecked.
     */
    private int[] usedInputs(Object[] inputs, int[] erasedIndexes) {
        int n = getNumAllUnits();
        int k = getNumDataUnits();
        boolean[] erased = new boolean[n];
        for (int index : erasedIndexes) {
            if (index < 0 || index >= n) {
                throw new InvalidShardsException("erased index " + index + " is outside 0.." + (n - 1));
            }
            if (erased[index]) {
                throw new InvalidShardsException("erased index " + index + " is listed twice");
            }
            erased[index] = true;
        }
        int[] used = new int[k];
        int count = 0;
        for (int i = 0; i < n && count < k; i++) {
            if (inputs[i] != null && !erased[i]) {
                used[count++] = i;
            }
        }
        if (count < k) {
            throw new InsufficientShardsException(count, k, "an input listed as erased is not read");
        }
        return used;
    }

    /**
     * Rows of the decode matrix for {@code erased} from {@code used}, in the kernel's layout. Computed by our
     * coder: decoding inputs that are unit vectors (input j is 1 at byte j, 0 elsewhere) leaves in each rebuilt
     * unit r, at byte j, the coefficient of input j, so the rows are exactly the matrix {@link ReedSolomon} itself
     * would use. k bytes per unit, once per pattern.
     */
    private PreparedMatrix decodeMatrix(int[] used, int[] erased) {
        if (cachedMatrix != null && Arrays.equals(used, cachedUsed) && Arrays.equals(erased, cachedErased)) {
            return cachedMatrix;
        }
        int n = getNumAllUnits();
        int k = getNumDataUnits();
        byte[][] probe = new byte[n][k];
        boolean[] present = new boolean[n];
        for (int j = 0; j < k; j++) {
            probe[used[j]][j] = 1;
            present[used[j]] = true;
        }
        coder.decodeMissing(probe, present, 0, k);
        byte[][] rows = new byte[erased.length][];
        for (int r = 0; r < erased.length; r++) {
            rows[r] = probe[erased[r]];
        }
        PreparedMatrix matrix = kernel.prepare(rows);
        cachedUsed = used.clone();
        cachedErased = erased.clone();
        cachedMatrix = matrix;
        return matrix;
    }

    /** See {@link #PREFER_DIRECT}. */
    @Override
    public boolean preferDirectBuffer() {
        return PREFER_DIRECT;
    }

    /** Drops the cached decode matrix; the decoder stays usable and rebuilds it on the next call. */
    @Override
    public synchronized void release() {
        cachedUsed = null;
        cachedErased = null;
        cachedMatrix = null;
    }

    @Override
    public String toString() {
        return "OurStorageRSRawDecoder[" + coder + "]";
    }
}
