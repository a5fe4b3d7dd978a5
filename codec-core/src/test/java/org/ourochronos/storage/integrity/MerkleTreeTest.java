package org.ourochronos.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 6962 known answers (shared README) and agreement with the recursive definition for every size to 70. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The eight RFC 6962 test leaves. */
    private static final List<byte[]> LEAVES = List.of(new byte[0], hex("00"), hex("10"), hex("2021"),
            hex("3031"), hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    private static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static List<String> hexList(List<byte[]> l) {
        return l.stream().map(HEX::formatHex).toList();
    }

    @Test
    void rfc6962RootsForZeroToEightLeaves() {
        for (int n = 0; n <= 8; n++) {
            MerkleTree tree = MerkleTree.fromLeafData(LEAVES.subList(0, n));
            assertEquals(ROOTS[n], HEX.formatHex(tree.root()), n + " leaves");
            assertEquals(n, tree.size());
            assertEquals(HashAlgorithm.SHA_256, tree.algorithm());
        }
    }

    @Test
    void rfc6962InclusionPaths() {
        MerkleTree eight = MerkleTree.fromLeafData(LEAVES);
        assertEquals(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                hexList(eight.inclusionProof(0).path()));
        assertEquals(List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                hexList(eight.inclusionProof(5).path()));
        MerkleTree three = MerkleTree.fromLeafData(LEAVES.subList(0, 3));
        assertEquals(List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                hexList(three.inclusionProof(2).path()));
        assertTrue(MerkleProof.verify(eight.inclusionProof(5), LEAVES.get(5), hex(ROOTS[8])));
        assertTrue(MerkleProof.verify(three.inclusionProof(2), LEAVES.get(2), hex(ROOTS[3])));
    }

    @Test
    void singleLeafTreeHasAnEmptyPath() {
        MerkleTree one = MerkleTree.fromLeafData(LEAVES.subList(0, 1));
        MerkleProof p = one.inclusionProof(0);
        assertTrue(p.path().isEmpty());
        assertTrue(MerkleProof.verify(p, LEAVES.get(0), hex(ROOTS[1])));
        assertArrayEquals(one.root(), one.leafHash(0));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void everySizeToSeventyMatchesTheRecursiveDefinition(HashAlgorithm alg) {
        SplittableRandom rnd = new SplittableRandom(6962 + alg.ordinal());
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 0; n <= 70; n++) {
            MerkleTree tree = MerkleTree.fromLeafData(leaves, alg);
            assertArrayEquals(Rfc6962Reference.mth(alg, leaves), tree.root(), alg + ", " + n + " leaves");
            assertArrayEquals(tree.root(), MerkleTree.fromLeafHashes(
                    leaves.stream().map(d -> MerkleTree.hashLeaf(alg, d)).toList(), alg).root());
            for (int m = 0; m < n; m++) {
                MerkleProof proof = tree.inclusionProof(m);
                assertEquals(hexList(Rfc6962Reference.path(alg, m, leaves)), hexList(proof.path()),
                        alg + ", leaf " + m + " of " + n);
                assertEquals(MerkleProof.expectedPathLength(m, n), proof.path().size());
                assertArrayEquals(Rfc6962Reference.hash(alg, new byte[] {0}, leaves.get(m)), tree.leafHash(m));
                assertTrue(MerkleProof.verify(proof, leaves.get(m), tree.root()));
            }
            byte[] next = new byte[rnd.nextInt(50)];
            for (int i = 0; i < next.length; i++) {
                next[i] = (byte) rnd.nextInt(256);
            }
            leaves.add(next);
        }
    }

    @Test
    void anOddLastLeafIsNotDuplicated() {
        byte[] a = {'a'};
        byte[] b = {'b'};
        byte[] c = {'c'};
        byte[] abc = MerkleTree.fromLeafData(List.of(a, b, c)).root();
        byte[] abcc = MerkleTree.fromLeafData(List.of(a, b, c, c)).root();
        assertFalse(Arrays.equals(abc, abcc));
        // And the root of [a, b, c] is H(0x01 ‖ H(0x01 ‖ ha ‖ hb) ‖ hc), with hc carried up, not paired with itself.
        HashAlgorithm s = HashAlgorithm.SHA_256;
        byte[] expected = MerkleTree.hashNode(s, MerkleTree.hashNode(s, MerkleTree.hashLeaf(s, a),
                MerkleTree.hashLeaf(s, b)), MerkleTree.hashLeaf(s, c));
        assertArrayEquals(expected, abc);
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void leavesAndInnerNodesAreHashedApart(HashAlgorithm alg) {
        byte[] left = MerkleTree.hashLeaf(alg, new byte[] {'a'});
        byte[] right = MerkleTree.hashLeaf(alg, new byte[] {'b'});
        byte[] concatenated = new byte[64];
        System.arraycopy(left, 0, concatenated, 0, 32);
        System.arraycopy(right, 0, concatenated, 32, 32);
        // The seed's second preimage: a one-leaf tree whose leaf is (left ‖ right) had the root of [a, b].
        byte[] twoLeaves = MerkleTree.fromLeafData(List.of(new byte[] {'a'}, new byte[] {'b'}), alg).root();
        byte[] forged = MerkleTree.fromLeafData(List.of(concatenated), alg).root();
        assertFalse(Arrays.equals(twoLeaves, forged));
        assertFalse(Arrays.equals(MerkleTree.hashLeaf(alg, concatenated), MerkleTree.hashNode(alg, left, right)));
        assertArrayEquals(Rfc6962Reference.hash(alg, new byte[] {1}, left, right),
                MerkleTree.hashNode(alg, left, right));
        assertArrayEquals(Rfc6962Reference.hash(alg), MerkleTree.fromLeafData(List.of(), alg).root());
    }

    @Test
    void badLeafIndexIsAnIndexOutOfBoundsException() {
        MerkleTree tree = MerkleTree.fromLeafData(LEAVES.subList(0, 3));
        for (int bad : new int[] {-1, 3, 4, Integer.MAX_VALUE}) {
            IndexOutOfBoundsException e =
                    assertThrows(IndexOutOfBoundsException.class, () -> tree.inclusionProof(bad));
            assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> tree.leafHash(bad));
        }
        MerkleTree empty = MerkleTree.fromLeafData(List.of());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.inclusionProof(0));
    }

    @Test
    void accessorsReturnCopies() {
        MerkleTree tree = MerkleTree.fromLeafData(LEAVES);
        tree.root()[0] ^= 1;
        tree.leafHash(3)[0] ^= 1;
        tree.inclusionProof(3).path().get(0)[0] ^= 1;
        assertEquals(ROOTS[8], HEX.formatHex(tree.root()));
        assertTrue(MerkleProof.verify(tree.inclusionProof(3), LEAVES.get(3), tree.root()));
    }

    @Test
    void badInputIsRejected() {
        List<byte[]> withNull = new ArrayList<>(LEAVES);
        withNull.set(2, null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> MerkleTree.fromLeafData(withNull));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(NullPointerException.class, () -> MerkleTree.fromLeafData(null));
        assertThrows(NullPointerException.class, () -> MerkleTree.fromLeafData(LEAVES, null));
        assertThrows(IllegalArgumentException.class,
                () -> MerkleTree.fromLeafHashes(List.of(new byte[31]), HashAlgorithm.SHA_256));
    }
}
