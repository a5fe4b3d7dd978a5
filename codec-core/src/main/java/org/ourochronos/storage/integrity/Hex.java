package org.ourochronos.storage.integrity;

import java.util.HexFormat;

/**
 * Lower-case hexadecimal for digests and roots, as printed in RFC test vectors and logs.
 *
 * <pre>{@code
 * String s = Hex.toHex(tree.root());          // "5dc9da79..."
 * byte[] root = Hex.fromHex(s);
 * }</pre>
 */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    /** {@code bytes} as lower-case hex, two digits per byte, no separators. */
    public static String toHex(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /**
     * The bytes spelled by {@code hex} (an even number of hex digits, either case, no separators).
     *
     * @throws IllegalArgumentException if the text has an odd length or a non-hex character
     */
    public static byte[] fromHex(CharSequence hex) {
        return FORMAT.parseHex(hex);
    }
}
