package org.ourochronos.storage.backend;

import java.util.regex.Pattern;

/** Validation of backend ids: they appear in manifests, messages and file names. */
final class BackendIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private BackendIds() {
    }

    /**
     * @throws IllegalArgumentException unless {@code id} is 1..64 characters of {@code [A-Za-z0-9._-]} starting
     *                                  with a letter or digit
     */
    static String check(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("backend id must be 1..64 characters of letters, digits, '.', '_', '-'"
                    + " starting with a letter or digit, got " + (id == null ? "null" : "'" + Locations.printable(id)
                    + "'"));
        }
        return id;
    }
}
