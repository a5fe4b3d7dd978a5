package org.ourochronos.storage.ozone;

import org.apache.hadoop.hdds.client.ECReplicationConfig;
import org.apache.ozone.erasurecode.rawcoder.OurStorageOzoneRSRawDecoder;
import org.apache.ozone.erasurecode.rawcoder.OurStorageOzoneRSRawEncoder;
import org.apache.ozone.erasurecode.rawcoder.RawErasureCoderFactory;
import org.apache.ozone.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.ozone.erasurecode.rawcoder.RawErasureEncoder;

/**
 * Apache Ozone's coder SPI for codec {@code rs}, backed by our Reed-Solomon coder (Cauchy matrix, byte-identical to
 * Ozone's {@code RSRawEncoder} / {@code RSRawDecoder}). Found by Ozone's {@code CodecRegistry} through
 * {@code META-INF/services/org.apache.ozone.erasurecode.rawcoder.RawErasureCoderFactory}; Ozone has no setting for
 * the coder order, so it is used when this jar comes before Ozone's own on the class path, or when asked for by
 * name ({@code CodecRegistry.getInstance().getCoderByName("rs", "rs_ourstorage")}).
 */
public final class OurStorageOzoneRawErasureCoderFactory implements RawErasureCoderFactory {

    /** The coder name, the same as for Hadoop: {@code rs_ourstorage}. */
    public static final String CODER_NAME = "rs_ourstorage";

    /** The codec served: Reed-Solomon. */
    public static final String CODEC_NAME = "rs";

    @Override
    public RawErasureEncoder createEncoder(ECReplicationConfig config) {
        return new OurStorageOzoneRSRawEncoder(config);
    }

    @Override
    public RawErasureDecoder createDecoder(ECReplicationConfig config) {
        return new OurStorageOzoneRSRawDecoder(config);
    }

    @Override
    public String getCoderName() {
        return CODER_NAME;
    }

    @Override
    public String getCodecName() {
        return CODEC_NAME;
    }
}
