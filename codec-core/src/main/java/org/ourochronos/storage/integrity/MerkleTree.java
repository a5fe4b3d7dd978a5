package org.ourochronos.storage.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ourochronos.storage.codec.StorageShard;

/**
 * A Merkle tree hash over an ordered list of leaves, exactly as RFC 6962 section 2.1 / RFC 9162 section 2.1.1
 * define it:
 *
 * <pre>
 *   MTH({})      = H("")
 *   MTH({d0})    = H(0x00 ‖ d0)                                  (leaf hash)
 *   MTH(D[n])    = H(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))           (node hash; k = largest power of 2 &lt; n)
 * </pre>
 *
 * <p>The 0x00 / 0x01 prefixes separate leaves from inner nodes, so no leaf can pose as a subtree (the
 * second-preimage weakness of the withdrawn Python seed), and an odd node is never duplicated, so the trees of
 * {@code [a, b, c]} and {@code [a, b, c, c]} differ.
 *
 * <p>Built bottom up: level 0 holds the leaf hashes, each level above pairs neighbours left to right and carries an
 * unpaired last node up unchanged. That gives the same root as the recursive definition (the left subtree of every
 * split is a perfect tree of 2^j leaves) and keeps every level, so {@link #inclusionProof(int)} takes O(log n) and
 * hashes nothing. Immutable and thread-safe; accessors return copies.
 *
 * <pre>{@code
 * MerkleTree tree = MerkleTree.fromLeafData(List.of(shard0, shard1, shard2));
 * MerkleProof proof = tree.inclusionProof(1);
 * boolean ok = MerkleProof.verify(proof, shard1, tree.root());   // true
 * }</pre>
 *
 * <p>{@link #fromShards(List)} builds the tree of a shard set: each shard's payload is a leaf, in list order. For
 * a complete set in index order its root is the set's {@code merkleRoot}.
 */
public final class MerkleTree {

    /** Leaf hash domain prefix (RFC 6962). */
    static final byte LEAF_PREFIX = 0x00;

    /** Inner node hash domain prefix (RFC 6962). */
    static final byte NODE_PREFIX = 0x01;

    private final HashAlgorithm algorithm;
    private final int size;
    /** levels[0] = leaf hashes, levels[last] = {root}; empty for the empty tree. */
    private final byte[][][] levels;
    private final byte[] root;

    private MerkleTree(HashAlgorithm algorithm, byte[][] leafHashes, Hasher hasher) {
        this.algorithm = algorithm;
        this.size = leafHashes.length;
        if (size == 0) {
            this.levels = new byte[0][][];
            this.root = hasher.reset().digest(); // MTH({}) = H("")
            return;
        }
        List<byte[][]> built = new ArrayList<>();
        byte[][] level = leafHashes;
        built.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) {
                up[i / 2] = node(hasher, level[i], level[i + 1]);
            }
            if ((level.length & 1) == 1) {
                up[up.length - 1] = level[level.length - 1]; // promoted, not duplicated
            }
            level = up;
            built.add(level);
        }
        this.levels = built.toArray(new byte[0][][]);
        this.root = level[0];
    }

    /** The SHA-256 tree (the RFC 6962 tree) over the given leaf data, in list order. */
    public static MerkleTree fromLeafData(List<byte[]> leaves) {
        return fromLeafData(leaves, HashAlgorithm.SHA_256);
    }

    /**
     * The tree over the given leaf data, in list order, hashed with {@code algorithm}. The leaf arrays are hashed,
     * not kept.
     *
     * @throws NullPointerException if the list, an element or the algorithm is null
     */
    public static MerkleTree fromLeafData(List<byte[]> leaves, HashAlgorithm algorithm) {
        Objects.requireNonNull(leaves, "leaves");
        Objects.requireNonNull(algorithm, "algorithm");
        Hasher hasher = algorithm.newHasher();
        byte[][] hashes = new byte[leaves.size()][];
        for (int i = 0; i < hashes.length; i++) {
            byte[] d = leaves.get(i);
            if (d == null) {
                throw new NullPointerException("leaf " + i + " is null");
            }
            hashes[i] = hasher.update(LEAF_PREFIX).update(d).digest();
        }
        return new MerkleTree(algorithm, hashes, hasher);
    }

    /**
     * The tree whose leaf hashes (each already {@code H(0x00 ‖ data)}) are given, in list order. Use it when the
     * leaves were hashed while streaming; see {@link #hashLeaf(HashAlgorithm, byte[])}.
     *
     * @throws IllegalArgumentException if a hash is not {@link HashAlgorithm#digestLength()} bytes
     * @throws NullPointerException     if the list, an element or the algorithm is null
     */
    public static MerkleTree fromLeafHashes(List<byte[]> leafHashes, HashAlgorithm algorithm) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        Objects.requireNonNull(algorithm, "algorithm");
        byte[][] hashes = new byte[leafHashes.size()][];
        for (int i = 0; i < hashes.length; i++) {
            byte[] h = leafHashes.get(i);
            if (h == null) {
                throw new NullPointerException("leaf hash " + i + " is null");
            }
            if (h.length != algorithm.digestLength()) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + h.length + " bytes; "
                        + algorithm.canonicalName() + " digests have " + algorithm.digestLength());
            }
            hashes[i] = h.clone();
        }
        return new MerkleTree(algorithm, hashes, algorithm.newHasher());
    }

    /**
     * The tree whose leaves are the payloads of {@code shards}, in list order, hashed with the shards' algorithm
     * (they must all use the same one). Every payload is re-hashed: the tree proves what the shards hold now, not
     * what their stored checksums claim.
     *
     * <pre>{@code
     * MerkleTree tree = MerkleTree.fromShards(shardSet.availableShards());
     * MerkleProof proof = tree.inclusionProof(0);
     * }</pre>
     *
     * @throws IllegalArgumentException if the shards use different hash algorithms
     */
    public static MerkleTree fromShards(List<StorageShard> shards) {
        Objects.requireNonNull(shards, "shards");
        HashAlgorithm algorithm = shards.isEmpty() ? HashAlgorithm.SHA_256 : shards.getFirst().checksumAlgorithm();
        Hasher hasher = algorithm.newHasher();
        byte[][] hashes = new byte[shards.size()][];
        for (int i = 0; i < hashes.length; i++) {
            StorageShard s = Objects.requireNonNull(shards.get(i), "shard " + i);
            if (s.checksumAlgorithm() != algorithm) {
                throw new IllegalArgumentException("shard " + s.shardId() + " uses " + s.checksumAlgorithm()
                        .canonicalName() + ", the first shard " + algorithm.canonicalName());
            }
            hashes[i] = hasher.update(LEAF_PREFIX).update(s.data()).digest();
        }
        return new MerkleTree(algorithm, hashes, hasher);
    }

    /** The leaf hash {@code H(0x00 ‖ data)}. */
    public static byte[] hashLeaf(HashAlgorithm algorithm, byte[] data) {
        return algorithm.newHasher().update(LEAF_PREFIX).update(data).digest();
    }

    /** The inner node hash {@code H(0x01 ‖ left ‖ right)}. */
    public static byte[] hashNode(HashAlgorithm algorithm, byte[] left, byte[] right) {
        return node(algorithm.newHasher(), left, right);
    }

    static byte[] node(Hasher hasher, byte[] left, byte[] right) {
        return hasher.update(NODE_PREFIX).update(left).update(right).digest();
    }

    /** The Merkle tree hash (a copy); {@code H("")} for the empty tree. */
    public byte[] root() {
        return root.clone();
    }

    /** The number of leaves. */
    public int size() {
        return size;
    }

    /** The hash function of every leaf and node. */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The hash {@code H(0x00 ‖ data)} of leaf {@code leafIndex} (a copy).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= leafIndex < size()}
     */
    public byte[] leafHash(int leafIndex) {
        checkLeafIndex(leafIndex);
        return levels[0][leafIndex].clone();
    }

    /**
     * The RFC 9162 inclusion proof (audit path) of leaf {@code leafIndex}: the sibling hashes from the leaf up to
     * the root, which {@link MerkleProof#verify} folds back into {@link #root()}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= leafIndex < size()}
     */
    public MerkleProof inclusionProof(int leafIndex) {
        checkLeafIndex(leafIndex);
        List<byte[]> path = new ArrayList<>(levels.length);
        int index = leafIndex;
        for (int l = 0; l < levels.length - 1; l++) {
            int sibling = index ^ 1;
            if (sibling < levels[l].length) {
                path.add(levels[l][sibling]);
            } // else: this node was promoted unpaired, no sibling at this level
            index >>>= 1;
        }
        return new MerkleProof(leafIndex, size, path, algorithm);
    }

    private void checkLeafIndex(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= size) {
            throw new IndexOutOfBoundsException(
                    "leaf index " + leafIndex + " is outside a Merkle tree of " + size + " leaves");
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[" + algorithm.canonicalName() + ", " + size + " leaves, root " + Hex.toHex(root) + "]";
    }
}
