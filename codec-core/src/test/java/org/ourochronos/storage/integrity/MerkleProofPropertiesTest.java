package org.ourochronos.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of inclusion proofs over random trees of 1 to 70 distinct leaves: every honest proof verifies, every
 * tampered one fails, and the binary encoding round-trips and rejects anything else with
 * {@link MalformedProofException}.
 *
 * <p>Leaves are made distinct (each starts with its index) so that no two subtrees share a hash; otherwise swapping
 * two equal siblings would legitimately still verify.
 */
class MerkleProofPropertiesTest {

    /** A tree, one of its leaves, the honest proof, and a seed for choosing a mutation. */
    record Case(List<byte[]> leaves, MerkleTree tree, int index, MerkleProof proof, long seed) {
        byte[] leaf() {
            return leaves.get(index);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<byte[]>> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(24).list().ofMinSize(1)
                .ofMaxSize(70);
        return Combinators.combine(raw, Arbitraries.of(HashAlgorithm.class), Arbitraries.integers().between(0, 69),
                Arbitraries.longs()).as((r, alg, pick, seed) -> {
                    List<byte[]> leaves = new ArrayList<>(r.size());
                    for (int i = 0; i < r.size(); i++) {
                        byte[] d = new byte[r.get(i).length + 1];
                        d[0] = (byte) i;
                        System.arraycopy(r.get(i), 0, d, 1, r.get(i).length);
                        leaves.add(d);
                    }
                    MerkleTree tree = MerkleTree.fromLeafData(leaves, alg);
                    int index = pick % leaves.size();
                    return new Case(leaves, tree, index, tree.inclusionProof(index), seed);
                });
    }

    /**
     * Left/right order of each hash in the RFC 9162 walk for (index, size): true where the path element goes on the
     * left. Two (index, size) pairs with the same sequence hash a given path identically.
     */
    static List<Boolean> directions(long index, long size) {
        List<Boolean> out = new ArrayList<>();
        long fn = index;
        long sn = size - 1;
        while (sn != 0) {
            boolean left = (fn & 1) == 1 || fn == sn;
            out.add(left);
            if (left && (fn & 1) == 0) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return out;
    }

    @Property(tries = 300)
    void everyHonestProofVerifies(@ForAll("cases") Case c) {
        assertTrue(MerkleProof.verify(c.proof(), c.leaf(), c.tree().root()));
        assertTrue(MerkleProof.verifyLeafHash(c.proof(), c.tree().leafHash(c.index()), c.tree().root()));
        assertEquals(MerkleProof.expectedPathLength(c.index(), c.leaves().size()), c.proof().path().size());
    }

    @Property(tries = 300)
    void aChangedIndexFails(@ForAll("cases") Case c) {
        Random rnd = new Random(c.seed());
        int n = c.leaves().size();
        long other = (c.index() + 1 + rnd.nextInt(n + 3)) % (n + 4); // anything but the true index, up to n + 3
        if (other == c.index()) {
            other = n;
        }
        MerkleProof p = new MerkleProof(other, n, c.proof().path(), c.proof().algorithm());
        assertFalse(MerkleProof.verify(p, c.leaf(), c.tree().root()));
    }

    /**
     * A changed tree size fails unless it leaves the walk's left/right sequence unchanged: RFC 9162 inclusion
     * proofs authenticate the leaf's position in the tree shape, so e.g. leaf 0 of 3 and leaf 0 of 4 hash the same
     * path the same way. The tree size must come from the same trusted place as the root.
     */
    @Property(tries = 300)
    void aChangedSizeFailsUnlessItKeepsTheSameWalk(@ForAll("cases") Case c) {
        Random rnd = new Random(c.seed());
        int n = c.leaves().size();
        long other = rnd.nextBoolean() ? rnd.nextInt(2 * n + 2) : n + 1L + rnd.nextInt(1 << 20);
        if (other == n) {
            other = n + 1;
        }
        MerkleProof p = new MerkleProof(c.index(), other, c.proof().path(), c.proof().algorithm());
        boolean sameWalk = c.index() < other && directions(c.index(), other).equals(directions(c.index(), n));
        assertEquals(sameWalk, MerkleProof.verify(p, c.leaf(), c.tree().root()),
                "leaf " + c.index() + " of " + n + " claimed to be of " + other);
    }

    @Property(tries = 300)
    void anyFlippedBitInThePathFails(@ForAll("cases") Case c) {
        List<byte[]> path = c.proof().path();
        if (path.isEmpty()) {
            return; // a single-leaf tree has nothing to flip; the root test covers it
        }
        Random rnd = new Random(c.seed());
        path.get(rnd.nextInt(path.size()))[rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
        MerkleProof p = new MerkleProof(c.index(), c.leaves().size(), path, c.proof().algorithm());
        assertFalse(MerkleProof.verify(p, c.leaf(), c.tree().root()));
    }

    @Property(tries = 300)
    void aDroppedOrAddedPathElementFails(@ForAll("cases") Case c) {
        Random rnd = new Random(c.seed());
        List<byte[]> path = c.proof().path();
        if (!path.isEmpty() && rnd.nextBoolean()) {
            path.remove(rnd.nextInt(path.size()));
        } else {
            byte[] extra = new byte[32];
            rnd.nextBytes(extra);
            path.add(rnd.nextInt(path.size() + 1), rnd.nextBoolean() ? extra : c.tree().root());
        }
        MerkleProof p = new MerkleProof(c.index(), c.leaves().size(), path, c.proof().algorithm());
        assertFalse(MerkleProof.verify(p, c.leaf(), c.tree().root()));
    }

    @Property(tries = 300)
    void aFlippedRootOrChangedLeafOrOtherAlgorithmFails(@ForAll("cases") Case c) {
        Random rnd = new Random(c.seed());
        byte[] root = c.tree().root();
        root[rnd.nextInt(root.length)] ^= (byte) (1 << rnd.nextInt(8));
        assertFalse(MerkleProof.verify(c.proof(), c.leaf(), root));

        byte[] leaf = c.leaf().clone();
        if (leaf.length > 1 && rnd.nextBoolean()) {
            leaf[1 + rnd.nextInt(leaf.length - 1)] ^= (byte) (1 << rnd.nextInt(8));
        } else {
            leaf = Arrays.copyOf(leaf, leaf.length + 1);
        }
        assertFalse(MerkleProof.verify(c.proof(), leaf, c.tree().root()));
        int other = (c.index() + 1) % c.leaves().size();
        if (other != c.index()) {
            assertFalse(MerkleProof.verify(c.proof(), c.leaves().get(other), c.tree().root()));
        }

        HashAlgorithm alg = HashAlgorithm.values()[(c.proof().algorithm().ordinal() + 1) % 3];
        MerkleProof p = new MerkleProof(c.index(), c.leaves().size(), c.proof().path(), alg);
        assertFalse(MerkleProof.verify(p, c.leaf(), c.tree().root()));
    }

    @Property(tries = 300)
    void encodingRoundTrips(@ForAll("cases") Case c) {
        byte[] wire = c.proof().toBytes();
        MerkleProof back = MerkleProof.fromBytes(wire);
        assertEquals(c.proof(), back);
        assertArrayEquals(wire, back.toBytes());
        assertTrue(MerkleProof.verify(back, c.leaf(), c.tree().root()));
    }

    @Property(tries = 200)
    void everyTruncationAndEveryExtensionIsMalformed(@ForAll("cases") Case c) {
        byte[] wire = c.proof().toBytes();
        for (int len = 0; len < wire.length; len++) {
            byte[] cut = Arrays.copyOf(wire, len);
            assertThrows(MalformedProofException.class, () -> MerkleProof.fromBytes(cut), "prefix " + len);
        }
        Random rnd = new Random(c.seed());
        byte[] longer = Arrays.copyOf(wire, wire.length + 1 + rnd.nextInt(40));
        assertThrows(MalformedProofException.class, () -> MerkleProof.fromBytes(longer));
    }

    /** A corrupted encoding is either rejected or decodes to a different proof that it encodes exactly. */
    @Property(tries = 300)
    void aCorruptedEncodingIsRejectedOrIsAnotherProof(@ForAll("cases") Case c) {
        byte[] wire = c.proof().toBytes();
        Random rnd = new Random(c.seed());
        int header = wire.length - 32 * c.proof().path().size();
        wire[rnd.nextInt(header)] ^= (byte) (1 + rnd.nextInt(255)); // header corruption: changes the structure
        assertDecodesCanonicallyOrIsMalformed(wire);
        try {
            assertNotEquals(c.proof(), MerkleProof.fromBytes(wire));
        } catch (MalformedProofException expected) {
            // the common case
        }
    }

    @Property(tries = 1000)
    void garbageIsRejectedOrCanonical(@ForAll @Size(max = 120) byte[] garbage) {
        assertDecodesCanonicallyOrIsMalformed(garbage);
    }

    @Property(tries = 300)
    void plausibleGarbageIsRejectedOrCanonical(@ForAll @Size(max = 100) byte[] tail, @ForAll("cases") Case c) {
        byte[] b = new byte[tail.length + 2];
        b[0] = MerkleProof.FORMAT_VERSION;
        b[1] = (byte) c.proof().algorithm().wireId(); // get past the first two checks to reach the varints
        System.arraycopy(tail, 0, b, 2, tail.length);
        assertDecodesCanonicallyOrIsMalformed(b);
    }

    private static void assertDecodesCanonicallyOrIsMalformed(byte[] bytes) {
        MerkleProof p;
        try {
            p = MerkleProof.fromBytes(bytes);
        } catch (MalformedProofException expected) {
            return;
        }
        assertArrayEquals(bytes, p.toBytes());
        assertTrue(p.leafIndex() < p.treeSize());
        assertEquals(MerkleProof.expectedPathLength(p.leafIndex(), p.treeSize()), p.path().size());
    }
}
