package org.ourochronos.storage.codec;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * Everything about a shard set except the shard bytes: what a manifest stores so another process can fetch the
 * shards and decode them.
 *
 * <p>{@code shardChecksums} holds the leaf hash of every one of the n shards, so each shard can be checked even when
 * others are missing, and {@code merkleRoot} is the RFC 6962 root over those leaves. The constructor verifies that
 * the two agree, so a metadata object whose checksums were altered cannot be created.
 *
 * @param setId             unique id of the set (1..255 UTF-8 bytes)
 * @param dataShards        k
 * @param totalShards       n
 * @param codingMatrix      the matrix the parity was computed with
 * @param originalSize      bytes in the encoded object
 * @param checksumAlgorithm hash used for every checksum and the Merkle tree
 * @param originalChecksum  hash of the whole object
 * @param merkleRoot        root of the Merkle tree over the n shard leaf hashes
 * @param shardChecksums    the n shard leaf hashes, index order
 * @param contentType       media type of the object, or {@code null}
 * @param createdAt         when the set was encoded
 * @param lastVerified      when the set last passed verification, or {@code null}
 * @param beliefId          an application-defined id (any string), or {@code null}
 */
public record ShardSetMetadata(String setId, int dataShards, int totalShards, CodingMatrix codingMatrix,
                               long originalSize, HashAlgorithm checksumAlgorithm, byte[] originalChecksum,
                               byte[] merkleRoot, List<byte[]> shardChecksums, String contentType,
                               Instant createdAt, Instant lastVerified, String beliefId) {

    /**
     * @throws InvalidShardCountException if k or n is out of range
     * @throws InvalidShardsException     if a digest has the wrong length or there are not n shard checksums
     * @throws CorruptedDataException     if the shard checksums do not reproduce the Merkle root
     */
    public ShardSetMetadata {
        StorageShard.checkSetId(setId);
        ReedSolomon.checkCounts(dataShards, totalShards - dataShards);
        Objects.requireNonNull(codingMatrix, "codingMatrix");
        Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        Objects.requireNonNull(createdAt, "createdAt");
        if (originalSize < 0) {
            throw new ShardSizeException("original size is negative: " + originalSize);
        }
        originalChecksum = StorageShard.checkDigest("original checksum", originalChecksum, checksumAlgorithm);
        merkleRoot = StorageShard.checkDigest("Merkle root", merkleRoot, checksumAlgorithm);
        Objects.requireNonNull(shardChecksums, "shardChecksums");
        if (shardChecksums.size() != totalShards) {
            throw new InvalidShardsException("expected " + totalShards + " shard checksums, got "
                    + shardChecksums.size());
        }
        List<byte[]> copies = new ArrayList<>(totalShards);
        for (int i = 0; i < totalShards; i++) {
            copies.add(StorageShard.checkDigest("checksum of shard " + i, shardChecksums.get(i), checksumAlgorithm));
        }
        shardChecksums = List.copyOf(copies);
        byte[] recomputed = MerkleTree.fromLeafHashes(shardChecksums, checksumAlgorithm).root();
        if (!MessageDigest.isEqual(recomputed, merkleRoot)) {
            throw new CorruptedDataException("shard checksums of set " + setId + " do not match its Merkle root");
        }
    }

    /** The hash of the whole object (a copy). */
    @Override
    public byte[] originalChecksum() {
        return originalChecksum.clone();
    }

    /** The Merkle root (a copy). */
    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    /** The n shard leaf hashes (copies). */
    @Override
    public List<byte[]> shardChecksums() {
        return shardChecksums.stream().map(byte[]::clone).toList();
    }

    /** The expected leaf hash of shard {@code index} (a copy). */
    public byte[] shardChecksum(int index) {
        return shardChecksums.get(index).clone();
    }

    byte[] originalChecksumRef() {
        return originalChecksum;
    }

    byte[] merkleRootRef() {
        return merkleRoot;
    }

    byte[] shardChecksumRef(int index) {
        return shardChecksums.get(index);
    }

    /** m = n − k. */
    public int parityShards() {
        return totalShards - dataShards;
    }

    /** Bytes in each shard: ⌈originalSize / k⌉. */
    public int shardSize() {
        return Math.toIntExact(StorageShard.shardSize(originalSize, dataShards));
    }

    /** The level for this k and n (a named one when it matches). */
    public RedundancyLevel redundancyLevel() {
        return RedundancyLevel.custom(dataShards, totalShards);
    }

    /** The same metadata with a new verification time. */
    public ShardSetMetadata withLastVerified(Instant when) {
        return new ShardSetMetadata(setId, dataShards, totalShards, codingMatrix, originalSize, checksumAlgorithm,
                originalChecksum, merkleRoot, shardChecksums, contentType, createdAt, when, beliefId);
    }

    /** Value equality, comparing digests by content. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardSetMetadata m)) {
            return false;
        }
        if (shardChecksums.size() != m.shardChecksums.size()) {
            return false;
        }
        for (int i = 0; i < shardChecksums.size(); i++) {
            if (!MessageDigest.isEqual(shardChecksums.get(i), m.shardChecksums.get(i))) {
                return false;
            }
        }
        return setId.equals(m.setId) && dataShards == m.dataShards && totalShards == m.totalShards
                && codingMatrix == m.codingMatrix && originalSize == m.originalSize
                && checksumAlgorithm == m.checksumAlgorithm
                && MessageDigest.isEqual(originalChecksum, m.originalChecksum)
                && MessageDigest.isEqual(merkleRoot, m.merkleRoot) && Objects.equals(contentType, m.contentType)
                && createdAt.equals(m.createdAt) && Objects.equals(lastVerified, m.lastVerified)
                && Objects.equals(beliefId, m.beliefId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(setId, dataShards, totalShards, originalSize, java.util.Arrays.hashCode(merkleRoot));
    }

    @Override
    public String toString() {
        return "ShardSetMetadata[" + setId + ", " + dataShards + "-of-" + totalShards + ", " + codingMatrix + ", "
                + originalSize + " bytes, " + checksumAlgorithm.canonicalName() + "]";
    }
}
