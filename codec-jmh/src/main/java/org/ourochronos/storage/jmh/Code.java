package org.ourochronos.storage.jmh;

/**
 * A Reed-Solomon shape, k data shards plus m parity shards, parsed from the JMH parameter form {@code "10+4"}.
 *
 * @param k data shards
 * @param m parity shards
 */
public record Code(int k, int m) {

    public Code {
        if (k < 1 || m < 1 || k + m > 256) {
            throw new IllegalArgumentException("need 1 <= k, 1 <= m, k + m <= 256; got " + k + "+" + m);
        }
    }

    /** Parses {@code "k+m"}. */
    public static Code parse(String text) {
        int plus = text.indexOf('+');
        if (plus < 0) {
            throw new IllegalArgumentException("code must look like 10+4, got '" + text + "'");
        }
        return new Code(Integer.parseInt(text.substring(0, plus).trim()), Integer.parseInt(text.substring(plus + 1).trim()));
    }

    /** k + m. */
    public int n() {
        return k + m;
    }

    @Override
    public String toString() {
        return k + "+" + m;
    }
}
