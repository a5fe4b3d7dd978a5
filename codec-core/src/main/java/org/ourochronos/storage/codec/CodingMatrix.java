package org.ourochronos.storage.codec;

import org.ourochronos.storage.galois.GaloisField;

/**
 * The systematic encoding matrices: {@code n × k}, the top {@code k × k} block the identity (data shards are stored
 * as they are), the bottom {@code m × k} block producing parity. Both are MDS for {@code k + m ≤ 256}: every
 * {@code k × k} submatrix is invertible, so any k of the n shards rebuild the data.
 *
 * <p>The choice decides which other libraries' shards are byte-identical to ours (see
 * {@code docs/compatibility.md}).
 */
public enum CodingMatrix {

    /**
     * Backblaze JavaReedSolomon's and klauspost/reedsolomon's default: the Vandermonde matrix
     * {@code V[r][c] = r^c} (with {@code 0^0 = 1}) for {@code r < n, c < k}, multiplied by the inverse of its top
     * {@code k × k} block. Any k rows of V are independent (distinct evaluation points), and right-multiplying by an
     * invertible matrix keeps that, while making the top block the identity.
     */
    VANDERMONDE {
        @Override
        byte[][] build(int k, int n) {
            byte[][] v = new byte[n][k];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < k; c++) {
                    v[r][c] = GaloisField.power((byte) r, c);
                }
            }
            byte[][] top = new byte[k][];
            System.arraycopy(v, 0, top, 0, k);
            return Matrix.multiply(v, Matrix.invert(top));
        }
    },

    /**
     * The Cauchy matrix of ISA-L's {@code gf_gen_cauchy1_matrix}, Hadoop's {@code RSRawEncoder} and klauspost's
     * {@code WithCauchyMatrix}: the identity, then rows {@code r = k .. n−1} with entries {@code 1 / (r ⊕ c)}.
     * Every square submatrix of a Cauchy matrix is invertible (row and column points are disjoint), which makes the
     * stacked matrix MDS. Cheaper to build than Vandermonde.
     */
    CAUCHY {
        @Override
        byte[][] build(int k, int n) {
            byte[][] m = new byte[n][k];
            for (int i = 0; i < k; i++) {
                m[i][i] = 1;
            }
            for (int r = k; r < n; r++) {
                for (int c = 0; c < k; c++) {
                    m[r][c] = GaloisField.inverse((byte) (r ^ c));
                }
            }
            return m;
        }
    };

    /** The largest total shard count: the number of distinct elements of GF(2^8). */
    public static final int MAX_TOTAL_SHARDS = 256;

    abstract byte[][] build(int k, int n);

    /**
     * The {@code n × k} encoding matrix for {@code k} data and {@code n − k} parity shards; rows 0..k−1 are the
     * identity. A fresh copy.
     *
     * @throws InvalidShardCountException unless {@code 1 ≤ k < n ≤ 256}
     */
    public byte[][] encodingMatrix(int k, int n) {
        ReedSolomon.checkCounts(k, n - k);
        return build(k, n);
    }

    /**
     * Parses a matrix name case-insensitively ({@code "vandermonde"}, {@code "cauchy"}).
     *
     * @throws IllegalArgumentException naming the supported values
     */
    public static CodingMatrix fromName(String name) {
        for (CodingMatrix m : values()) {
            if (m.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown coding matrix '" + name + "'; supported: vandermonde, cauchy");
    }
}
