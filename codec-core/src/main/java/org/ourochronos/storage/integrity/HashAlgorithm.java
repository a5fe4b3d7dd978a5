package org.ourochronos.storage.integrity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The hash functions the integrity layer offers, each with a 32-byte digest.
 *
 * <ul>
 *   <li>{@link #SHA_256}: FIPS 180-4, the RFC 6962 default; from the JDK (hardware-accelerated where the CPU has
 *       SHA extensions).</li>
 *   <li>{@link #SHA3_256}: FIPS 202; from the JDK.</li>
 *   <li>{@link #BLAKE2B_256}: RFC 7693 BLAKE2b with the digest length 32 in its parameter block (not a truncated
 *       BLAKE2b-512, which gives a different value); implemented here because the JDK has no BLAKE2.</li>
 * </ul>
 *
 * <p>Each constant has a stable {@link #canonicalName()} (the names of the withdrawn Python our-storage 0.1.0:
 * {@code sha256}, {@code sha3_256}, {@code blake2b}) for configuration and manifests, and a stable one-byte
 * {@link #wireId()} for binary encodings such as {@link MerkleProof#toBytes()}. Neither may ever change.
 *
 * <pre>{@code
 * HashAlgorithm alg = HashAlgorithm.fromName("blake2b");
 * byte[] d = alg.hash("abc".getBytes(StandardCharsets.US_ASCII));   // bddd813c...
 * }</pre>
 */
public enum HashAlgorithm {

    /** SHA-256 (FIPS 180-4). */
    SHA_256("sha256", 1, 32, "SHA-256"),

    /** SHA3-256 (FIPS 202). */
    SHA3_256("sha3_256", 2, 32, "SHA3-256"),

    /** BLAKE2b-256 (RFC 7693, digest length 32 in the parameter block). */
    BLAKE2B_256("blake2b", 3, 32, null);

    private final String canonicalName;
    private final int wireId;
    private final int digestLength;
    private final MessageDigest prototype; // null for BLAKE2b; never updated, only cloned

    HashAlgorithm(String canonicalName, int wireId, int digestLength, String jdkName) {
        this.canonicalName = canonicalName;
        this.wireId = wireId;
        this.digestLength = digestLength;
        this.prototype = jdkName == null ? null : JdkHasher.prototype(jdkName);
    }

    /** The stable lower-case name: {@code sha256}, {@code sha3_256} or {@code blake2b}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The stable one-byte identifier used in binary encodings (1, 2, 3). */
    public int wireId() {
        return wireId;
    }

    /** Digest length in bytes (32 for every algorithm offered). */
    public int digestLength() {
        return digestLength;
    }

    /** A fresh incremental hasher for this algorithm. */
    public Hasher newHasher() {
        return prototype == null ? new Blake2b(digestLength) : JdkHasher.from(prototype);
    }

    /** The digest of all of {@code data}. */
    public byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /**
     * The digest of {@code data[offset .. offset+length)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public byte[] hash(byte[] data, int offset, int length) {
        return newHasher().update(data, offset, length).digest();
    }

    /** The digest of the remaining bytes of {@code data}; its position ends at its limit. */
    public byte[] hash(ByteBuffer data) {
        return newHasher().update(data).digest();
    }

    /**
     * The algorithm with this name. Accepts, ignoring case, the canonical names ({@code sha256}, {@code sha3_256},
     * {@code blake2b}) and the enum constant names ({@code SHA_256}, {@code SHA3_256}, {@code BLAKE2B_256}).
     *
     * @throws IllegalArgumentException for any other name; the message lists the supported ones
     */
    public static HashAlgorithm fromName(String name) {
        Objects.requireNonNull(name, "hash algorithm name");
        String n = name.trim();
        for (HashAlgorithm a : values()) {
            if (a.canonicalName.equalsIgnoreCase(n) || a.name().equalsIgnoreCase(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm '" + name + "'; supported: " + supportedNames());
    }

    /**
     * The algorithm with this {@link #wireId()}.
     *
     * @throws IllegalArgumentException if no algorithm has this id
     */
    public static HashAlgorithm fromWireId(int wireId) {
        for (HashAlgorithm a : values()) {
            if (a.wireId == wireId) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm id " + wireId + "; supported: " + supportedIds());
    }

    private static String supportedNames() {
        StringBuilder sb = new StringBuilder();
        for (HashAlgorithm a : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(a.canonicalName).append(" (").append(a.name()).append(')');
        }
        return sb.toString();
    }

    private static String supportedIds() {
        StringBuilder sb = new StringBuilder();
        for (HashAlgorithm a : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(a.wireId).append(" = ").append(a.canonicalName);
        }
        return sb.toString();
    }
}
