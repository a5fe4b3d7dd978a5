package org.ourochronos.storage.integrity;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** A {@link Hasher} over a JDK {@link MessageDigest} (SHA-256, SHA3-256; the JDK intrinsics make these fast). */
final class JdkHasher implements Hasher {

    private final MessageDigest digest;

    private JdkHasher(MessageDigest digest) {
        this.digest = digest;
    }

    /**
     * A fresh digest for a JDK algorithm name. Every JDK since 9 has SHA-256 and SHA3-256 in the SUN provider, so a
     * missing one is an environment fault, not a caller error.
     */
    static MessageDigest prototype(String jdkName) {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + jdkName + " MessageDigest", e);
        }
    }

    /** A hasher copied from an untouched prototype: cloning skips the provider lookup of getInstance. */
    static JdkHasher from(MessageDigest prototype) {
        try {
            return new JdkHasher((MessageDigest) prototype.clone());
        } catch (CloneNotSupportedException e) {
            return new JdkHasher(prototype(prototype.getAlgorithm()));
        }
    }

    @Override
    public int digestLength() {
        return digest.getDigestLength();
    }

    @Override
    public JdkHasher update(byte b) {
        digest.update(b);
        return this;
    }

    @Override
    public JdkHasher update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        digest.update(data, offset, length);
        return this;
    }

    @Override
    public JdkHasher update(ByteBuffer data) {
        digest.update(data);
        return this;
    }

    @Override
    public byte[] digest() {
        return digest.digest();
    }

    @Override
    public void digestInto(byte[] out, int offset) {
        int n = digest.getDigestLength();
        Objects.checkFromIndexSize(offset, n, out.length);
        try {
            digest.digest(out, offset, n);
        } catch (DigestException e) {
            throw new IllegalStateException(e); // unreachable: the range was checked above
        }
    }

    @Override
    public JdkHasher reset() {
        digest.reset();
        return this;
    }
}
