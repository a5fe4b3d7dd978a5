package org.ourochronos.storage.codec;

import java.util.List;
import java.util.Locale;

/**
 * How many shards an object is cut into and how many of them suffice to rebuild it: "k of n".
 *
 * <p>The named levels are the seed library's: {@link #MINIMAL} 2-of-3, {@link #PERSONAL} 3-of-5,
 * {@link #FEDERATION} 5-of-9 and {@link #PARANOID} 7-of-15. {@link #custom(int, int)} makes any other
 * {@code 1 ≤ k < n ≤ 256}.
 *
 * <pre>{@code
 * RedundancyLevel level = RedundancyLevel.fromString("personal");   // 3 of 5
 * level.maxFailures();       // 2 shards may be lost
 * level.overheadPercent();   // 66.67 % extra storage
 * }</pre>
 *
 * @param name        upper-case name ({@code "PERSONAL"}, or {@code "CUSTOM"})
 * @param dataShards  k, the shards needed to rebuild
 * @param totalShards n, the shards written
 */
public record RedundancyLevel(String name, int dataShards, int totalShards) {

    /** 2 of 3: survives one loss at 50 % overhead. */
    public static final RedundancyLevel MINIMAL = new RedundancyLevel("MINIMAL", 2, 3);
    /** 3 of 5: survives two losses. */
    public static final RedundancyLevel PERSONAL = new RedundancyLevel("PERSONAL", 3, 5);
    /** 5 of 9: survives four losses. */
    public static final RedundancyLevel FEDERATION = new RedundancyLevel("FEDERATION", 5, 9);
    /** 7 of 15: survives eight losses. */
    public static final RedundancyLevel PARANOID = new RedundancyLevel("PARANOID", 7, 15);

    private static final List<RedundancyLevel> NAMED = List.of(MINIMAL, PERSONAL, FEDERATION, PARANOID);

    /**
     * @throws InvalidShardCountException unless {@code 1 ≤ dataShards < totalShards ≤ 256}
     */
    public RedundancyLevel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        ReedSolomon.checkCounts(dataShards, totalShards - dataShards);
    }

    /** A level of k data shards out of n in total. */
    public static RedundancyLevel custom(int dataShards, int totalShards) {
        for (RedundancyLevel named : NAMED) {
            if (named.dataShards == dataShards && named.totalShards == totalShards) {
                return named;
            }
        }
        return new RedundancyLevel("CUSTOM", dataShards, totalShards);
    }

    /** The four named levels. */
    public static List<RedundancyLevel> named() {
        return NAMED;
    }

    /**
     * Parses a level name case-insensitively ({@code "minimal"}, {@code "Personal"}, …) or a {@code "k-of-n"}
     * / {@code "k/n"} form.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static RedundancyLevel fromString(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (RedundancyLevel named : NAMED) {
                if (named.name.equals(t)) {
                    return named;
                }
            }
            String[] parts = t.split("\\s*(-OF-|/)\\s*");
            if (parts.length == 2) {
                try {
                    return custom(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("unknown redundancy level '" + text
                + "'; use minimal, personal, federation, paranoid or 'k-of-n'");
    }

    /** m = n − k. */
    public int parityShards() {
        return totalShards - dataShards;
    }

    /** How many shards may be lost with the data still recoverable (n − k). */
    public int maxFailures() {
        return totalShards - dataShards;
    }

    /** Extra storage over the original size, in percent: (n − k) / k × 100. */
    public double overheadPercent() {
        return 100.0 * (totalShards - dataShards) / dataShards;
    }

    @Override
    public String toString() {
        return name + "(" + dataShards + "-of-" + totalShards + ")";
    }
}
