package org.apache.ozone.erasurecode.rawcoder;

import java.nio.ByteBuffer;

import org.apache.hadoop.HadoopIllegalArgumentException;
import org.apache.hadoop.hdds.client.ECReplicationConfig;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;

/**
 * An Ozone raw Reed-Solomon encoder producing exactly the bytes of Ozone's {@link RSRawEncoder} (Ozone's copy of
 * Hadoop's, with the Cauchy matrix of ISA-L's {@code gf_gen_cauchy1_matrix} = our {@link CodingMatrix#CAUCHY}).
 * The work runs in our {@link ReedSolomon} coder and its selected GF(2^8) kernel.
 *
 * <p>The contract is {@link RawErasureEncoder}'s: k data units in, m parity units out, all the same length; the
 * base class checks that and moves the input positions forward. It lives in Ozone's package because
 * {@code doEncode} takes Ozone's package-private state classes, so it is for the class path only.
 */
public final class OurStorageOzoneRSRawEncoder extends RawErasureEncoder {

    private final ReedSolomon coder;

    /**
     * @throws HadoopIllegalArgumentException if data + parity units reach 256, as Ozone's {@link RSRawEncoder}
     */
    public OurStorageOzoneRSRawEncoder(ECReplicationConfig config) {
        super(config);
        this.coder = OurStorageOzoneRSRawDecoder.createCoder(getNumDataUnits(), getNumParityUnits());
    }

    /** The coder doing the work. */
    public ReedSolomon coder() {
        return coder;
    }

    @Override
    protected void doEncode(ByteBufferEncodingState state) {
        ByteBuffer[] shards = new ByteBuffer[getNumAllUnits()];
        System.arraycopy(state.inputs, 0, shards, 0, state.inputs.length);
        System.arraycopy(state.outputs, 0, shards, state.inputs.length, state.outputs.length);
        coder.encodeParity(shards);
    }

    @Override
    protected void doEncode(ByteArrayEncodingState state) {
        int n = getNumAllUnits();
        ByteBuffer[] shards = new ByteBuffer[n];
        for (int i = 0; i < state.inputs.length; i++) {
            shards[i] = ByteBuffer.wrap(state.inputs[i], state.inputOffsets[i], state.encodeLength);
        }
        for (int j = 0; j < state.outputs.length; j++) {
            shards[state.inputs.length + j] = ByteBuffer.wrap(state.outputs[j], state.outputOffsets[j],
                    state.encodeLength);
        }
        coder.encodeParity(shards);
    }

    /** False: heap arrays are our kernels' faster path (see codec-hadoop's measurements). */
    @Override
    public boolean preferDirectBuffer() {
        return false;
    }

    @Override
    public String toString() {
        return "OurStorageOzoneRSRawEncoder[" + coder + "]";
    }
}
