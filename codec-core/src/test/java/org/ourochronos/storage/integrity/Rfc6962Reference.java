package org.ourochronos.storage.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The RFC 6962 section 2.1 definitions of MTH and PATH, transcribed recursively and hashed with the JDK / Bouncy
 * Castle directly, as an independent oracle for {@link MerkleTree} (which builds bottom up with our own hashers).
 */
final class Rfc6962Reference {

    private Rfc6962Reference() {
    }

    static byte[] hash(HashAlgorithm alg, byte[]... parts) {
        if (alg == HashAlgorithm.BLAKE2B_256) {
            Blake2bDigest d = new Blake2bDigest(256);
            for (byte[] p : parts) {
                d.update(p, 0, p.length);
            }
            byte[] out = new byte[32];
            d.doFinal(out, 0);
            return out;
        }
        try {
            MessageDigest md = MessageDigest.getInstance(alg == HashAlgorithm.SHA_256 ? "SHA-256" : "SHA3-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Largest power of two strictly smaller than n (n > 1). */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static byte[] mth(HashAlgorithm alg, List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return hash(alg);
        }
        if (n == 1) {
            return hash(alg, new byte[] {0}, d.get(0));
        }
        int k = split(n);
        return hash(alg, new byte[] {1}, mth(alg, d.subList(0, k)), mth(alg, d.subList(k, n)));
    }

    /** PATH(m, D[n]), leaf side first. */
    static List<byte[]> path(HashAlgorithm alg, int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> p = new ArrayList<>();
        if (n == 1) {
            return p;
        }
        int k = split(n);
        if (m < k) {
            p.addAll(path(alg, m, d.subList(0, k)));
            p.add(mth(alg, d.subList(k, n)));
        } else {
            p.addAll(path(alg, m - k, d.subList(k, n)));
            p.add(mth(alg, d.subList(0, k)));
        }
        return p;
    }
}
