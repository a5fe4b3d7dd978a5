package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the location scheme: nothing accepted can leave a directory; every set id maps to a location. */
class LocationsPropertiesTest {

    private static final Path BASE = Path.of("/srv/base").toAbsolutePath();

    @Provide
    Arbitrary<String> hostile() {
        // strings built from the characters that matter for paths, plus arbitrary unicode
        Arbitrary<String> pathy = Arbitraries.strings().withChars("./\\\u0000:~ aZ09_-").ofMinLength(0)
                .ofMaxLength(12);
        return Arbitraries.oneOf(pathy, Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 2000)
    void acceptedLocationsStayInsideTheBase(@ForAll("hostile") String location) {
        String checked;
        try {
            checked = Locations.check("p", location);
        } catch (InvalidLocationException e) {
            assertTrue(e.getMessage().startsWith("backend 'p'"), e.getMessage());
            return;
        }
        Path resolved = BASE.resolve(checked + ".shard").normalize();
        assertEquals(BASE, resolved.getParent(), "escaped: " + location);
        assertEquals(1, BASE.relativize(resolved).getNameCount());
    }

    @Property(tries = 1000)
    void everySetIdMapsToAValidLocation(@ForAll("hostile") String setId, @ForAll("index") int index) {
        if (setId.isEmpty()) {
            return; // set ids are never empty (StorageShard rejects them)
        }
        String location = Locations.of(setId, index);
        assertEquals(location, Locations.check("p", location));
        assertTrue(location.endsWith("." + index));
    }

    @Provide
    Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 255);
    }

    @Property(tries = 200)
    void safeIdsAreKeptAndOthersHashed(@ForAll("hostile") String setId) {
        if (setId.isEmpty()) {
            return;
        }
        String name = Locations.name(setId);
        if (setId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}")) {
            assertEquals(setId, name);
        } else {
            assertTrue(name.matches("_[0-9a-f]{64}"), name);
        }
    }

    @net.jqwik.api.Example
    void nullLocationIsRejected() {
        assertThrows(InvalidLocationException.class, () -> Locations.check("p", null));
    }
}
