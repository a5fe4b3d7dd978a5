package org.ourochronos.storage.jmh;

import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * Our parity computed with the scalar kernel and the Cauchy matrix: the bytes every peer (ISA-L, Hadoop) and every
 * vector kernel must reproduce before it may post a number.
 */
public final class Reference {

    private Reference() {
    }

    /** The {@code m} parity shards of {@code data} (at least {@code k} shards; the first k are read). */
    public static byte[][] cauchyParity(Code code, byte[][] data, int size) {
        ReedSolomon rs = ReedSolomon.create(code.k(), code.m(), CodingMatrix.CAUCHY, GaloisKernels.scalar());
        byte[][] shards = new byte[code.n()][];
        for (int i = 0; i < code.k(); i++) {
            shards[i] = data[i];
        }
        for (int i = code.k(); i < code.n(); i++) {
            shards[i] = new byte[size];
        }
        rs.encodeParity(shards, 0, size);
        byte[][] parity = new byte[code.m()][];
        System.arraycopy(shards, code.k(), parity, 0, code.m());
        return parity;
    }

    /** A whole codeword: {@link Shards#random} data and its reference parity, {@code n} shards of {@code size}. */
    public static byte[][] cauchyCodeword(Code code, int size) {
        byte[][] shards = Shards.random(code.k(), code.n(), size);
        System.arraycopy(cauchyParity(code, shards, size), 0, shards, code.k(), code.m());
        return shards;
    }
}
