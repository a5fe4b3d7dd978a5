package org.ourochronos.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The proof record's contract, RFC 9162 verification edge cases and the binary encoding's exact bytes. */
class MerkleProofTest {

    private static final List<byte[]> LEAVES = List.of(new byte[0], new byte[] {0}, new byte[] {0x10},
            new byte[] {0x20, 0x21}, new byte[] {0x30, 0x31});

    private static final MerkleTree TREE = MerkleTree.fromLeafData(LEAVES);

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void encodingHasTheDocumentedLayout() {
        MerkleProof p = TREE.inclusionProof(2); // leaf 2 of 5: path of 3 hashes
        List<byte[]> path = p.path();
        assertEquals(3, path.size());
        byte[] expected = concat(bytes(1, 1, 2, 5, 3), path.get(0), path.get(1), path.get(2));
        assertArrayEquals(expected, p.toBytes());
        assertEquals(p, MerkleProof.fromBytes(expected));
    }

    @Test
    void largeIndicesUseMultiByteVarints() {
        long size = (1L << 40) + 1; // the last leaf hangs directly under the root: one sibling
        byte[] sibling = new byte[32];
        Arrays.fill(sibling, (byte) 0x5a);
        MerkleProof p = new MerkleProof(size - 1, size, List.of(sibling), HashAlgorithm.SHA3_256);
        byte[] wire = p.toBytes();
        assertEquals(2 + 6 + 6 + 1 + 32, wire.length);
        assertEquals(p, MerkleProof.fromBytes(wire));
        byte[] leaf = {1, 2, 3};
        byte[] root = MerkleTree.hashNode(HashAlgorithm.SHA3_256, sibling, MerkleTree.hashLeaf(HashAlgorithm.SHA3_256,
                leaf));
        assertTrue(MerkleProof.verify(p, leaf, root));
    }

    @Test
    void expectedPathLengths() {
        assertEquals(0, MerkleProof.expectedPathLength(0, 1));
        assertEquals(3, MerkleProof.expectedPathLength(0, 8));
        assertEquals(3, MerkleProof.expectedPathLength(3, 5));
        assertEquals(1, MerkleProof.expectedPathLength(4, 5));
        assertEquals(62, MerkleProof.expectedPathLength(0, 1L << 62));
        assertEquals(63, MerkleProof.expectedPathLength(0, Long.MAX_VALUE));
        assertEquals(1, MerkleProof.expectedPathLength(1L << 62, (1L << 62) + 1));
        assertThrows(IllegalArgumentException.class, () -> MerkleProof.expectedPathLength(5, 5));
        assertThrows(IllegalArgumentException.class, () -> MerkleProof.expectedPathLength(-1, 5));
    }

    @Test
    void malformedEncodingsAreRejectedWithATypedException() {
        byte[] good = TREE.inclusionProof(2).toBytes();
        byte[] h = new byte[32];
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);                                      // nothing
        bad.add(bytes(1));                                         // no algorithm
        bad.add(concat(bytes(2), Arrays.copyOfRange(good, 1, good.length))); // unknown version
        bad.add(concat(bytes(1, 0), Arrays.copyOfRange(good, 2, good.length))); // unknown algorithm id
        bad.add(concat(bytes(1, 4), Arrays.copyOfRange(good, 2, good.length))); // unknown algorithm id
        bad.add(bytes(1, 1, 0, 0, 0));                             // size 0: no leaf can be in it
        bad.add(concat(bytes(1, 1, 5, 5, 1), h));                  // index == size
        bad.add(concat(bytes(1, 1, 2, 5, 2), h, h));               // leaf 2 of 5 needs 3 hashes, not 2
        bad.add(concat(bytes(1, 1, 2, 5, 4), h, h, h, h));         // ... nor 4
        bad.add(concat(bytes(1, 1, 0x82, 0x00, 5, 3), h, h, h));   // index 2 as a two-byte varint (not shortest)
        bad.add(concat(bytes(1, 1, 2, 5, 3), h, h, Arrays.copyOf(h, 31))); // a 31-byte hash: truncated
        bad.add(concat(good, bytes(0)));                           // trailing byte
        bad.add(bytes(1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0)); // index over 63 bits
        bad.add(bytes(1, 1, 0x80));                                // varint cut off
        for (byte[] b : bad) {
            MalformedProofException e =
                    assertThrows(MalformedProofException.class, () -> MerkleProof.fromBytes(b), HexFormat.of()
                            .formatHex(b));
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(NullPointerException.class, () -> MerkleProof.fromBytes(null));
    }

    @Test
    void verificationFailsRatherThanThrowsOnMismatches() {
        MerkleProof p = TREE.inclusionProof(3);
        byte[] root = TREE.root();
        byte[] leaf = LEAVES.get(3);
        assertTrue(MerkleProof.verify(p, leaf, root));
        assertFalse(MerkleProof.verify(new MerkleProof(5, 5, p.path(), p.algorithm()), leaf, root)); // index == size
        assertFalse(MerkleProof.verify(new MerkleProof(9, 5, p.path(), p.algorithm()), leaf, root));
        assertFalse(MerkleProof.verify(new MerkleProof(0, 0, List.of(), p.algorithm()), leaf, root));
        assertFalse(MerkleProof.verify(p, leaf, Arrays.copyOf(root, 31)));       // short root
        assertFalse(MerkleProof.verify(p, leaf, Arrays.copyOf(root, 33)));
        assertFalse(MerkleProof.verifyLeafHash(p, new byte[31], root));
        assertFalse(MerkleProof.verify(new MerkleProof(3, 5, p.path(), HashAlgorithm.BLAKE2B_256), leaf, root));
        assertTrue(MerkleProof.verifyLeafHash(p, TREE.leafHash(3), root));
        assertFalse(MerkleProof.verifyLeafHash(p, TREE.leafHash(2), root));
        assertThrows(NullPointerException.class, () -> MerkleProof.verify(p, null, root));
        assertThrows(NullPointerException.class, () -> MerkleProof.verify(null, leaf, root));
    }

    @Test
    void recordChecksAndCopiesItsComponents() {
        byte[] h = new byte[32];
        List<byte[]> path = new ArrayList<>(List.of(h));
        MerkleProof p = new MerkleProof(0, 2, path, HashAlgorithm.SHA_256);
        h[0] = 9;                 // caller's array changed after construction
        path.add(new byte[32]);   // caller's list changed after construction
        assertEquals(1, p.path().size());
        assertEquals(0, p.path().get(0)[0]);
        p.path().get(0)[0] = 7;   // returned copy changed
        assertEquals(0, p.path().get(0)[0]);

        MerkleProof same = new MerkleProof(0, 2, List.of(new byte[32]), HashAlgorithm.SHA_256);
        assertEquals(p, same);
        assertEquals(p.hashCode(), same.hashCode());
        assertNotEquals(p, new MerkleProof(0, 2, List.of(new byte[32]), HashAlgorithm.SHA3_256));
        assertNotEquals(p, new MerkleProof(1, 2, List.of(new byte[32]), HashAlgorithm.SHA_256));
        assertTrue(p.toString().contains("0000000000"), p.toString());

        assertThrows(IllegalArgumentException.class, () -> new MerkleProof(-1, 2, List.of(), HashAlgorithm.SHA_256));
        assertThrows(IllegalArgumentException.class, () -> new MerkleProof(0, -2, List.of(), HashAlgorithm.SHA_256));
        assertThrows(IllegalArgumentException.class,
                () -> new MerkleProof(0, 2, List.of(new byte[20]), HashAlgorithm.SHA_256));
        assertThrows(NullPointerException.class, () -> new MerkleProof(0, 2, null, HashAlgorithm.SHA_256));
        assertThrows(NullPointerException.class, () -> new MerkleProof(0, 2, List.of(), null));
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> new MerkleProof(0, 2, withNull, HashAlgorithm.SHA_256));
    }
}
