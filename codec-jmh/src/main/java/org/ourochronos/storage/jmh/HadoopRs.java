package org.ourochronos.storage.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;

/**
 * The Hadoop peer: hadoop-common's pure-Java {@link RSRawEncoder} / {@link RSRawDecoder} (the coders HDFS falls back
 * to without the native ISA-L binding), driven through their public {@code byte[][]} API. They use the same Cauchy
 * matrix as ISA-L's {@code gf_gen_cauchy1_matrix}, so their parity must equal ours with {@code CodingMatrix.CAUCHY}.
 */
public final class HadoopRs {

    private HadoopRs() {
    }

    public static RSRawEncoder encoder(Code code) {
        return new RSRawEncoder(new ErasureCoderOptions(code.k(), code.m()));
    }

    public static RSRawDecoder decoder(Code code) {
        return new RSRawDecoder(new ErasureCoderOptions(code.k(), code.m()));
    }

    /** Encodes {@code data} (k shards) into {@code parity} (m shards). */
    public static void encode(RSRawEncoder encoder, byte[][] data, byte[][] parity) {
        try {
            encoder.encode(data, parity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rebuilds the units listed in {@code erased} into {@code outputs}; {@code inputs} has all n units with
     * {@code null} at the erased positions (Hadoop's convention).
     */
    public static void decode(RSRawDecoder decoder, byte[][] inputs, int[] erased, byte[][] outputs) {
        try {
            decoder.decode(inputs, erased, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "hadoop-common 3.4.2" as its jar says, for reports. */
    public static String describe() {
        try (InputStream in = RSRawEncoder.class.getClassLoader().getResourceAsStream("common-version-info.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return "hadoop-common " + p.getProperty("version", "unknown") + " RSRawEncoder/RSRawDecoder (pure Java)";
        } catch (IOException e) {
            return "hadoop-common (version unknown)";
        }
    }
}
