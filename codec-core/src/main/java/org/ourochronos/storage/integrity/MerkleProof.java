package org.ourochronos.storage.integrity;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof: the audit path that links leaf {@code leafIndex} of a tree of {@code treeSize}
 * leaves to the tree's root.
 *
 * <p>{@code path} runs from the leaf's sibling up to the child of the root. {@link #verify} recomputes the root
 * with the algorithm of RFC 9162 section 2.1.3.2 and compares it; a proof whose index, size, path or algorithm does
 * not match the tree simply fails to verify. The record copies every byte array on the way in and out, and
 * compares paths by content.
 *
 * <p>Trust note: a proof authenticates the leaf's place in the tree's shape, not the tree size on its own. Some
 * sizes share a shape along a path (leaf 0 of a 3-leaf tree and leaf 0 of a 4-leaf tree hash their two-element
 * paths the same way), so a verifier must take {@code treeSize} from the same trusted record as the root, never
 * from the proof alone.
 *
 * <p>Binary form ({@link #toBytes()}, {@link #fromBytes(byte[])}), unique for each proof:
 * <pre>
 *   version      1 byte, {@value #FORMAT_VERSION}
 *   algorithm    1 byte, {@link HashAlgorithm#wireId()}
 *   leafIndex    unsigned LEB128 varint (shortest form)
 *   treeSize     unsigned LEB128 varint (shortest form)
 *   path count   unsigned LEB128 varint (shortest form)
 *   path         count × digestLength bytes, leaf side first
 * </pre>
 *
 * <pre>{@code
 * byte[] wire = tree.inclusionProof(5).toBytes();
 * boolean ok = MerkleProof.verify(MerkleProof.fromBytes(wire), leaf5, trustedRoot);
 * }</pre>
 *
 * @param leafIndex the zero-based index of the proven leaf (non-negative)
 * @param treeSize  the number of leaves in the tree (non-negative)
 * @param path      the audit path, leaf to root; each element {@code algorithm.digestLength()} bytes
 * @param algorithm the tree's hash function
 */
public record MerkleProof(long leafIndex, long treeSize, List<byte[]> path, HashAlgorithm algorithm) {

    /** The version byte that starts every encoded proof. */
    public static final int FORMAT_VERSION = 1;

    /** More path elements than this cannot occur in a tree of at most 2^63 leaves. */
    private static final int MAX_PATH = 64;

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if the index or size is negative or a path element is not
     *                                  {@code algorithm.digestLength()} bytes
     * @throws NullPointerException     if the path, a path element or the algorithm is null
     */
    public MerkleProof {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(algorithm, "algorithm");
        if (leafIndex < 0 || treeSize < 0) {
            throw new IllegalArgumentException(
                    "leaf index and tree size must be non-negative, got " + leafIndex + " and " + treeSize);
        }
        List<byte[]> copy = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            byte[] p = path.get(i);
            if (p == null) {
                throw new NullPointerException("path element " + i + " is null");
            }
            if (p.length != algorithm.digestLength()) {
                throw new IllegalArgumentException("path element " + i + " has " + p.length + " bytes; "
                        + algorithm.canonicalName() + " digests have " + algorithm.digestLength());
            }
            copy.add(p.clone());
        }
        path = List.copyOf(copy);
    }

    /** The audit path, leaf side first; a fresh copy of every hash. */
    @Override
    public List<byte[]> path() {
        List<byte[]> copy = new ArrayList<>(path.size());
        for (byte[] p : path) {
            copy.add(p.clone());
        }
        return copy;
    }

    /**
     * Whether {@code leafData} is leaf {@code proof.leafIndex()} of the tree of {@code proof.treeSize()} leaves
     * whose root is {@code root}: hashes the leaf as {@code H(0x00 ‖ leafData)} and checks with
     * {@link #verifyLeafHash}. Never throws for a constructed proof; a mismatch of any kind is {@code false}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static boolean verify(MerkleProof proof, byte[] leafData, byte[] root) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(leafData, "leafData");
        Objects.requireNonNull(root, "root");
        return verifyLeafHash(proof, MerkleTree.hashLeaf(proof.algorithm, leafData), root);
    }

    /**
     * RFC 9162 section 2.1.3.2 on an already computed leaf hash:
     * <ol>
     *   <li>fail if {@code leafIndex >= treeSize};</li>
     *   <li>{@code fn = leafIndex}, {@code sn = treeSize - 1}, {@code r = leafHash};</li>
     *   <li>for each path element {@code p}: fail if {@code sn == 0}; if {@code fn} is odd or {@code fn == sn},
     *       {@code r = H(0x01 ‖ p ‖ r)} and, if {@code fn} was even, shift {@code fn} and {@code sn} right until
     *       {@code fn} is odd or zero; otherwise {@code r = H(0x01 ‖ r ‖ p)}; then shift both right once;</li>
     *   <li>succeed iff {@code sn == 0} and {@code r} equals {@code root}.</li>
     * </ol>
     * A leaf hash or root of the wrong length gives {@code false}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static boolean verifyLeafHash(MerkleProof proof, byte[] leafHash, byte[] root) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(root, "root");
        int n = proof.algorithm.digestLength();
        if (leafHash.length != n || root.length != n || proof.leafIndex >= proof.treeSize) {
            return false;
        }
        long fn = proof.leafIndex;
        long sn = proof.treeSize - 1;
        byte[] r = leafHash;
        Hasher hasher = proof.algorithm.newHasher();
        for (byte[] p : proof.path) {
            if (sn == 0) {
                return false; // path longer than the tree is deep
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.node(hasher, p, r);
                while ((fn & 1) == 0 && fn != 0) { // skip the levels where this node had no right sibling
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.node(hasher, r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * The number of path elements an inclusion proof for {@code leafIndex} in a tree of {@code treeSize} leaves
     * has (the steps of the RFC 9162 verification walk until {@code sn} reaches 0).
     *
     * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize}
     */
    public static int expectedPathLength(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        int steps = 0;
        while (sn != 0) {
            if (fn == sn && (fn & 1) == 0) { // a right-edge node with no sibling on the levels below
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            }
            fn >>>= 1;
            sn >>>= 1;
            steps++;
        }
        return steps;
    }

    /** The compact binary form described in the class comment. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + path.size() * algorithm.digestLength());
        out.write(FORMAT_VERSION);
        out.write(algorithm.wireId());
        writeVarint(out, leafIndex);
        writeVarint(out, treeSize);
        writeVarint(out, path.size());
        for (byte[] p : path) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@link #toBytes()} output. Accepts only the exact encoding of a proof that could come from a tree:
     * {@code fromBytes(b).toBytes()} equals {@code b}.
     *
     * @throws MalformedProofException if the bytes are truncated, have trailing bytes, an unknown version or
     *                                 algorithm id, a non-shortest or overlong varint, a leaf index not below the
     *                                 tree size, or a path count other than {@link #expectedPathLength}
     * @throws NullPointerException    if {@code bytes} is null
     */
    public static MerkleProof fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        int[] pos = {0};
        int version = readByte(bytes, pos, "version");
        if (version != FORMAT_VERSION) {
            throw new MalformedProofException(
                    "unknown Merkle proof format version " + version + " (expected " + FORMAT_VERSION + ")");
        }
        int algorithmId = readByte(bytes, pos, "algorithm id");
        HashAlgorithm algorithm;
        try {
            algorithm = HashAlgorithm.fromWireId(algorithmId);
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException(e.getMessage(), e);
        }
        long leafIndex = readVarint(bytes, pos, "leaf index");
        long treeSize = readVarint(bytes, pos, "tree size");
        long count = readVarint(bytes, pos, "path count");
        if (leafIndex >= treeSize) {
            throw new MalformedProofException(
                    "leaf index " + leafIndex + " is not below the tree size " + treeSize);
        }
        int expected = expectedPathLength(leafIndex, treeSize);
        if (count != expected) {
            throw new MalformedProofException("path has " + count + " hashes; leaf " + leafIndex + " of a tree of "
                    + treeSize + " needs " + expected);
        }
        int n = algorithm.digestLength();
        long needed = count * n; // count <= 64, no overflow
        long have = bytes.length - pos[0];
        if (have != needed) {
            throw new MalformedProofException((have < needed ? "truncated" : "trailing bytes") + ": " + count
                    + " path hashes need " + needed + " bytes after the header, found " + have);
        }
        List<byte[]> path = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            path.add(Arrays.copyOfRange(bytes, pos[0], pos[0] + n));
            pos[0] += n;
        }
        return new MerkleProof(leafIndex, treeSize, path, algorithm);
    }

    private static int readByte(byte[] bytes, int[] pos, String what) {
        if (pos[0] >= bytes.length) {
            throw new MalformedProofException("truncated Merkle proof: no " + what + " at byte " + pos[0]);
        }
        return bytes[pos[0]++] & 0xff;
    }

    /** Unsigned LEB128, at most 63 bits, shortest form only (so every proof has one encoding). */
    private static long readVarint(byte[] bytes, int[] pos, String what) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte(bytes, pos, what);
            if (shift == 63 && b > 0) {
                throw new MalformedProofException(what + " does not fit in 63 bits");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new MalformedProofException(what + " is not in shortest varint form");
                }
                return value;
            }
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MerkleProof other)) {
            return false;
        }
        if (leafIndex != other.leafIndex || treeSize != other.treeSize || algorithm != other.algorithm
                || path.size() != other.path.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!Arrays.equals(path.get(i), other.path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(leafIndex, treeSize, algorithm);
        for (byte[] p : path) {
            h = 31 * h + Arrays.hashCode(p);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MerkleProof[leaf ").append(leafIndex).append(" of ").append(treeSize)
                .append(", ").append(algorithm.canonicalName()).append(", path [");
        for (int i = 0; i < path.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Hex.toHex(path.get(i)));
        }
        return sb.append("]]").toString();
    }
}
