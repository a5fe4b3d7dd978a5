package org.ourochronos.storage.codec;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;

import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * One shard of an erasure-coded object: its bytes plus everything needed to identify and check it when found alone.
 *
 * <p>Besides the payload a shard carries its set's id and shape (k, n, coding matrix, original size), the hash
 * algorithm, the original object's checksum, the set's Merkle root, and its own {@link #checksum()}. The checksum is
 * the RFC 6962 leaf hash of the payload, {@code H(0x00 ‖ data)}: the same value is the shard's leaf in the set's
 * Merkle tree, so checking a shard and proving it belongs to the set cost one hash, not two.
 *
 * <p>Immutable. The payload is copied when a shard is created from caller bytes and is never exposed for writing:
 * {@link #data()} returns a read-only view, {@link #toByteArray()} a copy.
 *
 * <pre>{@code
 * StorageShard shard = shardSet.shard(2).orElseThrow();
 * if (!shard.isValid()) { ... }            // payload no longer matches its checksum
 * byte[] bytes = ShardFormat.toBytes(shard); // self-describing file contents
 * }</pre>
 */
public final class StorageShard {

    private final String setId;
    private final int index;
    private final int dataShards;
    private final int totalShards;
    private final CodingMatrix codingMatrix;
    private final long originalSize;
    private final HashAlgorithm algorithm;
    private final byte[] originalChecksum;
    private final byte[] merkleRoot;
    private final byte[] checksum;
    private final byte[] data;

    /** Takes ownership of the arrays (callers in this package pass fresh ones); validates the fields. */
    StorageShard(String setId, int index, int dataShards, int totalShards, CodingMatrix codingMatrix,
                 long originalSize, HashAlgorithm algorithm, byte[] originalChecksum, byte[] merkleRoot,
                 byte[] checksum, byte[] data) {
        this.setId = checkSetId(setId);
        ReedSolomon.checkCounts(dataShards, totalShards - dataShards);
        if (index < 0 || index >= totalShards) {
            throw new InvalidShardsException("shard index " + index + " is outside 0.." + (totalShards - 1));
        }
        this.index = index;
        this.dataShards = dataShards;
        this.totalShards = totalShards;
        this.codingMatrix = Objects.requireNonNull(codingMatrix, "codingMatrix");
        if (originalSize < 0) {
            throw new ShardSizeException("original size is negative: " + originalSize);
        }
        this.originalSize = originalSize;
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.originalChecksum = checkDigest("original checksum", originalChecksum, algorithm);
        this.merkleRoot = checkDigest("Merkle root", merkleRoot, algorithm);
        this.checksum = checkDigest("checksum", checksum, algorithm);
        this.data = Objects.requireNonNull(data, "data");
        long expected = shardSize(originalSize, dataShards);
        if (data.length != expected) {
            throw new ShardSizeException("shard " + index + " of set " + setId + " has " + data.length
                    + " bytes, but " + originalSize + " bytes in " + dataShards + " data shards make " + expected);
        }
    }

    /**
     * A shard built from caller-supplied payload bytes (copied); its checksum is computed here. Used by backends
     * and tools that re-assemble shards from their parts.
     */
    public static StorageShard of(ShardSetMetadata set, int index, byte[] payload) {
        Objects.requireNonNull(set, "set");
        byte[] copy = Objects.requireNonNull(payload, "payload").clone();
        return new StorageShard(set.setId(), index, set.dataShards(), set.totalShards(), set.codingMatrix(),
                set.originalSize(), set.checksumAlgorithm(), set.originalChecksum(), set.merkleRoot(),
                MerkleTree.hashLeaf(set.checksumAlgorithm(), copy), copy);
    }

    static String checkSetId(String setId) {
        if (setId == null || setId.isEmpty()) {
            throw new InvalidShardsException("set id must not be empty");
        }
        if (setId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new InvalidShardsException("set id is longer than 255 bytes");
        }
        return setId;
    }

    static byte[] checkDigest(String what, byte[] digest, HashAlgorithm algorithm) {
        Objects.requireNonNull(digest, what);
        if (digest.length != algorithm.digestLength()) {
            throw new InvalidShardsException(what + " has " + digest.length + " bytes; " + algorithm.canonicalName()
                    + " digests have " + algorithm.digestLength());
        }
        return digest.clone();
    }

    /** Bytes per shard for an object of {@code originalSize} bytes cut into {@code dataShards}: ⌈size / k⌉. */
    public static long shardSize(long originalSize, int dataShards) {
        return (originalSize + dataShards - 1) / dataShards;
    }

    /** The shard set this shard belongs to. */
    public String setId() {
        return setId;
    }

    /** Position in the set: 0..k−1 data, k..n−1 parity. */
    public int index() {
        return index;
    }

    /** {@code setId + "-" + index}: unique across sets. */
    public String shardId() {
        return setId + "-" + index;
    }

    /** Whether this is a parity shard ({@code index ≥ k}). */
    public boolean isParity() {
        return index >= dataShards;
    }

    /** k of the set. */
    public int dataShards() {
        return dataShards;
    }

    /** n of the set. */
    public int totalShards() {
        return totalShards;
    }

    public CodingMatrix codingMatrix() {
        return codingMatrix;
    }

    /** Size in bytes of the object the set encodes. */
    public long originalSize() {
        return originalSize;
    }

    /** The algorithm of {@link #checksum()}, {@link #originalChecksum()} and {@link #merkleRoot()}. */
    public HashAlgorithm checksumAlgorithm() {
        return algorithm;
    }

    /** Hash of the whole original object. A copy. */
    public byte[] originalChecksum() {
        return originalChecksum.clone();
    }

    /** The set's Merkle root over all n shards. A copy. */
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    /** This shard's checksum, the RFC 6962 leaf hash {@code H(0x00 ‖ data)}. A copy. */
    public byte[] checksum() {
        return checksum.clone();
    }

    /** Payload length in bytes. */
    public int size() {
        return data.length;
    }

    /** A read-only view of the payload. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the payload. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The payload itself, for this package's code that only reads it. */
    byte[] payload() {
        return data;
    }

    byte[] checksumRef() {
        return checksum;
    }

    /** Re-hashes the payload and compares it with the stored checksum. */
    public boolean isValid() {
        return MessageDigest.isEqual(checksum, MerkleTree.hashLeaf(algorithm, data));
    }

    /** Whether this shard carries the same set identity and shape as {@code set}. */
    public boolean belongsTo(ShardSetMetadata set) {
        return setId.equals(set.setId()) && dataShards == set.dataShards() && totalShards == set.totalShards()
                && codingMatrix == set.codingMatrix() && originalSize == set.originalSize()
                && algorithm == set.checksumAlgorithm()
                && MessageDigest.isEqual(originalChecksum, set.originalChecksumRef())
                && MessageDigest.isEqual(merkleRoot, set.merkleRootRef());
    }

    /** Whether two shards claim the same set (id, shape, checksums, root). */
    boolean sameSetAs(StorageShard other) {
        return setId.equals(other.setId) && dataShards == other.dataShards && totalShards == other.totalShards
                && codingMatrix == other.codingMatrix && originalSize == other.originalSize
                && algorithm == other.algorithm && MessageDigest.isEqual(originalChecksum, other.originalChecksum)
                && MessageDigest.isEqual(merkleRoot, other.merkleRoot);
    }

    /** Equal when every field and the payload are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StorageShard s && index == s.index && sameSetAs(s)
                && MessageDigest.isEqual(checksum, s.checksum) && java.util.Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(setId, index, java.util.Arrays.hashCode(checksum));
    }

    @Override
    public String toString() {
        return "StorageShard[" + shardId() + (isParity() ? " parity" : " data") + ", " + data.length + " bytes, "
                + dataShards + "-of-" + totalShards + "]";
    }
}
