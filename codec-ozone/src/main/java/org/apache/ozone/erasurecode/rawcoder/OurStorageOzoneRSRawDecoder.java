package org.apache.ozone.erasurecode.rawcoder;

import java.nio.ByteBuffer;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.hdds.client.ECReplicationConfig;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.InvalidShardsException;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * An Ozone raw Reed-Solomon decoder producing exactly the bytes of Ozone's {@link RSRawDecoder}: same Cauchy matrix,
 * same inputs read (the first k non-null units that are not erased). {@code inputs} has n slots with {@code null}
 * for erased or unread units; {@code outputs[i]} receives unit {@code erasedIndexes[i]}. The work is one
 * {@link ReedSolomon#reconstruct} call: exactly the k inputs read, exactly the erased units written. Any order of
 * {@code erasedIndexes} is handled; an index out of range or repeated, or a read-only output, raises our
 * {@link InvalidShardsException} before anything is written.
 */
public final class OurStorageOzoneRSRawDecoder extends RawErasureDecoder {

    private final ReedSolomon coder;

    /**
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as Ozone's {@link RSRawDecoder}
     */
    public OurStorageOzoneRSRawDecoder(ECReplicationConfig config) {
        super(config);
        this.coder = createCoder(getNumDataUnits(), getNumParityUnits());
    }

    static ReedSolomon createCoder(int k, int m) {
        if (k + m >= 256) {
            throw new HadoopIllegalArgumentException("Invalid numDataUnits and numParityUnits: " + k + " + " + m
                    + " units, Ozone's RS coders allow at most 255");
        }
        return ReedSolomon.create(k, m, CodingMatrix.CAUCHY);
    }

    /** The coder doing the work. */
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
        coder.reconstruct(in, used, state.outputs, state.erasedIndexes);
    }

    @Override
    protected void doDecode(ByteArrayDecodingState state) {
        int[] used = coder.firstSources(state.inputs, state.erasedIndexes);
        int length = state.decodeLength;
        ByteBuffer[] in = new ByteBuffer[used.length];
        for (int j = 0; j < used.length; j++) {
            in[j] = ByteBuffer.wrap(state.inputs[used[j]], state.inputOffsets[used[j]], length);
        }
        ByteBuffer[] out = new ByteBuffer[state.outputs.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = ByteBuffer.wrap(state.outputs[j], state.outputOffsets[j], length);
        }
        coder.reconstruct(in, used, out, state.erasedIndexes);
    }

    /** False: heap arrays are our kernels' faster path. */
    @Override
    public boolean preferDirectBuffer() {
        return false;
    }

    @Override
    public String toString() {
        return "OurStorageOzoneRSRawDecoder[" + coder + "]";
    }
}
