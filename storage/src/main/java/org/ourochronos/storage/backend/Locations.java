package org.ourochronos.storage.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.regex.Pattern;

import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.Hex;

/**
 * The location scheme every bundled backend uses, and its validation.
 *
 * <p>A location is {@code <name>.<index>}, where {@code name} is the set id itself when it is a safe token
 * ({@code [A-Za-z0-9][A-Za-z0-9_-]{0,127}}) and otherwise {@code _} followed by the SHA-256 hex of the set id's
 * UTF-8 bytes (set ids may contain anything, including {@code /} and {@code ..}). Because the hashed form starts
 * with {@code _} and safe names cannot, the two never collide. Locations are flat: no separators, so a location
 * is at once a file name and an S3 key suffix.
 *
 * <pre>{@code
 * Locations.of(shard);                  // "belief-42.3"
 * Locations.check("mem", "../etc");     // InvalidLocationException
 * }</pre>
 */
public final class Locations {

    /** Longest accepted location. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern SAFE_SET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Locations() {
    }

    /** The location of {@code shard}: {@code name(setId) + "." + index}. */
    public static String of(StorageShard shard) {
        Objects.requireNonNull(shard, "shard");
        return of(shard.setId(), shard.index());
    }

    /** The location of shard {@code index} of set {@code setId}. */
    public static String of(String setId, int index) {
        Objects.requireNonNull(setId, "setId");
        return name(setId) + "." + index;
    }

    /** The flat, safe name a set id maps to (see the class comment). */
    public static String name(String setId) {
        if (SAFE_SET_ID.matcher(setId).matches()) {
            return setId;
        }
        try {
            return "_" + Hex.toHex(MessageDigest.getInstance("SHA-256")
                    .digest(setId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * Returns {@code location} if it is well formed, else throws.
     *
     * @throws InvalidLocationException naming the backend, if the location is null, empty, too long, contains
     *                                  anything outside {@code [A-Za-z0-9._-]}, starts with {@code .} or
     *                                  {@code -}, or contains {@code ..}
     */
    public static String check(String backendId, String location) {
        if (location == null) {
            throw new InvalidLocationException(backendId, null, "location is null");
        }
        String shown = printable(location);
        if (location.isEmpty()) {
            throw new InvalidLocationException(backendId, shown, "location is empty");
        }
        if (location.length() > MAX_LENGTH) {
            throw new InvalidLocationException(backendId, shown.substring(0, 40) + "...",
                    "location is longer than " + MAX_LENGTH + " characters");
        }
        if (location.contains("..")) {
            throw new InvalidLocationException(backendId, shown, "location must not contain '..'");
        }
        if (!VALID.matcher(location).matches()) {
            throw new InvalidLocationException(backendId, shown, "location may only contain letters, digits, '.', "
                    + "'_' and '-' and must not start with '.' or '-' (no separators, no absolute paths, no NUL)");
        }
        return location;
    }

    /**
     * Returns {@code prefix} if it is a valid location prefix (empty, or a valid location start), else throws.
     *
     * @throws InvalidLocationException as {@link #check(String, String)}
     */
    public static String checkPrefix(String backendId, String prefix) {
        if (prefix == null) {
            throw new InvalidLocationException(backendId, null, "prefix is null");
        }
        return prefix.isEmpty() ? prefix : check(backendId, prefix);
    }

    /** Escapes control characters so a hostile location cannot garble an error message. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LENGTH + 10));
        for (int i = 0; i < s.length() && b.length() < MAX_LENGTH + 10; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
