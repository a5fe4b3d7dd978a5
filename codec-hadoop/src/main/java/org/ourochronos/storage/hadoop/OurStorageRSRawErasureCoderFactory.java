package org.ourochronos.storage.hadoop;

import org.apache.hadoop.io.erasurecode.ErasureCodeConstants;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.OurStorageRSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.OurStorageRSRawEncoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureCoderFactory;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RawErasureEncoder;

/**
 * Hadoop's raw coder factory for our Reed-Solomon coder: codec {@code rs}, coder name {@value #CODER_NAME}. Found
 * by Hadoop's {@code CodecRegistry} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.apache.hadoop.io.erasurecode.rawcoder.RawErasureCoderFactory} in this jar).
 *
 * <p>Its coders write and read exactly the bytes of Hadoop's {@code rs_java} coder ({@code RSRawEncoder},
 * {@code RSRawDecoder}) and of the ISA-L native coder {@code rs_native}, so existing HDFS and Ozone EC files stay
 * readable both ways. Select it ahead of the others with
 * <pre>
 *   io.erasurecode.codec.rs.rawcoders = rs_ourstorage,rs_native,rs_java
 * </pre>
 */
public final class OurStorageRSRawErasureCoderFactory implements RawErasureCoderFactory {

    /** The coder name used in {@code io.erasurecode.codec.rs.rawcoders}. */
    public static final String CODER_NAME = "rs_ourstorage";

    /** Called by {@link java.util.ServiceLoader}. */
    public OurStorageRSRawErasureCoderFactory() {
    }

    /** An encoder for the options' data and parity unit counts (see {@link OurStorageRSRawEncoder}). */
    @Override
    public RawErasureEncoder createEncoder(ErasureCoderOptions coderOptions) {
        return new OurStorageRSRawEncoder(coderOptions);
    }

    /** A decoder for the options' data and parity unit counts (see {@link OurStorageRSRawDecoder}). */
    @Override
    public RawErasureDecoder createDecoder(ErasureCoderOptions coderOptions) {
        return new OurStorageRSRawDecoder(coderOptions);
    }

    /** {@value #CODER_NAME}. */
    @Override
    public String getCoderName() {
        return CODER_NAME;
    }

    /** {@code rs}: the same codec as Hadoop's RS-3-2, RS-6-3 and RS-10-4 policies, not {@code rs-legacy}. */
    @Override
    public String getCodecName() {
        return ErasureCodeConstants.RS_CODEC_NAME;
    }
}
