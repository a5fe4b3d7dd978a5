package org.ourochronos.storage.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;

/**
 * Checks shard sets and single shards against their recorded hashes.
 *
 * <p>{@link #verify(ShardSet)} re-hashes every present shard, compares it with the leaf hash recorded for its slot,
 * and recomputes the Merkle root (payload hashes for present slots, recorded hashes for missing ones) to compare
 * with the stored root — unlike the withdrawn seed, whose "merkle valid" was always true.
 *
 * <p>{@link #verifyShard(StorageShard, MerkleProof, byte[])} is the challenge–response check: a holder of one shard
 * proves it is leaf {@code index} of a set whose root the verifier trusts, with an inclusion proof of log2(n)
 * hashes and no other shard.
 *
 * <pre>{@code
 * IntegrityReport report = IntegrityVerifier.verify(shardSet);
 * if (!report.valid() && report.canRecover()) codec.repair(shardSet);
 *
 * MerkleProof proof = shardSet.inclusionProof(3);                 // sent along with shard 3
 * boolean ok = IntegrityVerifier.verifyShard(shard3, proof, trustedRoot);
 * }</pre>
 */
public final class IntegrityVerifier {

    private IntegrityVerifier() {
    }

    /** Verifies every shard of {@code set} and its Merkle root. Never throws for damaged data. */
    public static IntegrityReport verify(ShardSet set) {
        Objects.requireNonNull(set, "set");
        int n = set.totalShards();
        HashAlgorithm algorithm = set.checksumAlgorithm();
        List<byte[]> recorded = set.metadata().shardChecksums();
        List<byte[]> actual = new ArrayList<>(n);
        List<Integer> corrupted = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<StorageShard> slot = set.shard(i);
            if (slot.isEmpty()) {
                missing.add(i);
                actual.add(recorded.get(i));
                details.add("shard " + i + ": missing");
                continue;
            }
            byte[] leaf = MerkleTree.hashLeaf(algorithm, slot.get().toByteArray());
            actual.add(leaf);
            if (!MessageDigest.isEqual(leaf, recorded.get(i))) {
                corrupted.add(i);
                details.add("shard " + i + ": payload does not match its " + algorithm.canonicalName()
                        + " checksum");
            }
        }
        boolean merkleValid = MessageDigest.isEqual(MerkleTree.fromLeafHashes(actual, algorithm).root(),
                set.merkleRoot());
        if (!merkleValid) {
            details.add("Merkle root recomputed from the shards differs from the stored root");
        }
        int validShards = n - missing.size() - corrupted.size();
        boolean canRecover = validShards >= set.dataShards();
        if (!canRecover) {
            details.add("only " + validShards + " intact shards; " + set.dataShards() + " are needed to recover");
        }
        boolean checksumValid = corrupted.isEmpty();
        boolean valid = checksumValid && merkleValid && missing.isEmpty();
        if (valid) {
            details.add("all " + n + " shards present and intact; Merkle root matches");
        }
        return new IntegrityReport(valid, n, validShards, corrupted, missing, merkleValid, checksumValid, canRecover,
                details);
    }

    /**
     * Whether {@code shard} is leaf {@code proof.leafIndex()} of the tree with root {@code trustedRoot}: the proof's
     * index and size must be the shard's index and its set's n, and the RFC 9162 §2.1.3.2 check must pass on the
     * shard's payload. Needs no other shard.
     */
    public static boolean verifyShard(StorageShard shard, MerkleProof proof, byte[] trustedRoot) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        return proof.leafIndex() == shard.index() && proof.treeSize() == shard.totalShards()
                && proof.algorithm() == shard.checksumAlgorithm()
                && MerkleProof.verify(proof, shard.toByteArray(), trustedRoot);
    }
}
