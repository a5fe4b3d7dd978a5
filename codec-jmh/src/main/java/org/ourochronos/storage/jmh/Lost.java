package org.ourochronos.storage.jmh;

/** The {@code lost} parameter of the decode suites: how many data shards (the first ones) are erased. */
final class Lost {

    private Lost() {
    }

    static void check(Code code, int lost) {
        if (lost < 1 || lost > code.m() || lost > code.k()) {
            throw new IllegalArgumentException("SKIPPED: " + code + " cannot lose " + lost
                    + " data shards and still decode (1 <= lost <= min(k, m))");
        }
    }
}
