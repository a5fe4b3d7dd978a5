package org.apache.hadoop.io.erasurecode.rawcoder;

import java.nio.ByteBuffer;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * A Hadoop raw Reed-Solomon encoder that produces exactly the bytes of Hadoop's {@link RSRawEncoder} (and so of
 * the ISA-L native coder): the Cauchy matrix of ISA-L's {@code gf_gen_cauchy1_matrix}, which is our
 * {@link CodingMatrix#CAUCHY}. The arithmetic runs in our {@link ReedSolomon} coder and its selected GF(2^8) kernel.
 *
 * <p>The contract is {@link RawErasureEncoder}'s: {@code inputs} are the k data units, {@code outputs} the m
 * parity units, all of the same length and (for buffers) all heap or all direct; the base class checks that and
 * throws {@link HadoopIllegalArgumentException}, then moves every input position forward by the encoded length.
 * Output positions are left where they were, so the outputs are ready to read. Inputs are never modified.
 *
 * <p>It lives in Hadoop's package because {@code doEncode} takes Hadoop's package-private state classes; it is
 * therefore for the class path only. Instances are created by
 * {@link org.ourochronos.storage.hadoop.OurStorageRSRawErasureCoderFactory}; like Hadoop's encoders they keep
 * no per-call state and may be shared.
 */
public final class OurStorageRSRawEncoder extends RawErasureEncoder {

    private final ReedSolomon coder;

    /**
     * An encoder for {@code coderOptions}' data and parity unit counts.
     *
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as {@link RSRawEncoder} does
     *                                        (GF(2^8) has 256 elements; Hadoop's limit is one lower than ours)
     * @throws org.ourochronos.storage.codec.InvalidShardCountException if either count is below 1
     */
    public OurStorageRSRawEncoder(ErasureCoderOptions coderOptions) {
        super(coderOptions);
        this.coder = OurStorageRSRawDecoder.createCoder(getNumDataUnits(), getNumParityUnits(), getNumAllUnits());
    }

    /** The coder doing the work (for diagnostics: its kernel and matrix). */
    public ReedSolomon coder() {
        return coder;
    }

    @Override
    protected void doEncode(ByteBufferEncodingState state) {
        // Direct buffers: the kernel reads and writes them in place through MemorySegments, from each position.
        ByteBuffer[] shards = new ByteBuffer[getNumAllUnits()];
        System.arraycopy(state.inputs, 0, shards, 0, state.inputs.length);
        System.arraycopy(state.outputs, 0, shards, state.inputs.length, state.outputs.length);
        coder.encodeParity(shards);
    }

    @Override
    protected void doEncode(ByteArrayEncodingState state) {
        // Arrays, also heap buffers (the base class hands over their backing arrays with offsets).
        int n = getNumAllUnits();
        byte[][] arrays = new byte[n][];
        int[] offsets = new int[n];
        System.arraycopy(state.inputs, 0, arrays, 0, state.inputs.length);
        System.arraycopy(state.inputOffsets, 0, offsets, 0, state.inputs.length);
        System.arraycopy(state.outputs, 0, arrays, state.inputs.length, state.outputs.length);
        System.arraycopy(state.outputOffsets, 0, offsets, state.inputs.length, state.outputs.length);
        if (uniform(arrays, offsets)) {
            coder.encodeParity(arrays, offsets[0], state.encodeLength);
        } else {
            // Heap buffers at different positions or of different capacities: our buffer form takes any mix.
            ByteBuffer[] buffers = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                buffers[i] = ByteBuffer.wrap(arrays[i], offsets[i], state.encodeLength);
            }
            coder.encodeParity(buffers);
        }
    }

    /** Whether all arrays have one length and one offset, which our {@code byte[][]} form requires. */
    private static boolean uniform(byte[][] arrays, int[] offsets) {
        for (int i = 1; i < arrays.length; i++) {
            if (arrays[i].length != arrays[0].length || offsets[i] != offsets[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * False: heap buffers are the faster path for our kernels; see {@link OurStorageRSRawDecoder#PREFER_DIRECT}
     * for the measurement.
     */
    @Override
    public boolean preferDirectBuffer() {
        return OurStorageRSRawDecoder.PREFER_DIRECT;
    }

    /** Nothing to free: the coder holds only its prepared matrix, which the garbage collector reclaims. */
    @Override
    public void release() {
        // Nothing held outside the heap.
    }

    @Override
    public String toString() {
        return "OurStorageRSRawEncoder[" + coder + "]";
    }
}
