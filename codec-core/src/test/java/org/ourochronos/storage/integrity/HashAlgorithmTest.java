package org.ourochronos.storage.integrity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Published digests (FIPS 180-4, FIPS 202, RFC 7693 / shared README) and the naming contract. */
class HashAlgorithmTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void sha256KnownAnswers() {
        assertArrayEquals(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                HashAlgorithm.SHA_256.hash(new byte[0]));
        assertArrayEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                HashAlgorithm.SHA_256.hash("abc".getBytes(US_ASCII)));
    }

    @Test
    void sha3KnownAnswers() {
        assertArrayEquals(hex("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
                HashAlgorithm.SHA3_256.hash("abc".getBytes(US_ASCII)));
        assertArrayEquals(hex("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"),
                HashAlgorithm.SHA3_256.hash(new byte[0]));
    }

    @Test
    void blake2b256KnownAnswers() {
        assertArrayEquals(hex("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
                HashAlgorithm.BLAKE2B_256.hash(new byte[0]));
        assertArrayEquals(hex("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
                HashAlgorithm.BLAKE2B_256.hash("abc".getBytes(US_ASCII)));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void digestLengthIs32(HashAlgorithm alg) {
        assertEquals(32, alg.digestLength());
        assertEquals(32, alg.hash(new byte[5]).length);
        assertEquals(32, alg.newHasher().digestLength());
    }

    @Test
    void seedNamesAndEnumNamesResolve() {
        assertEquals(HashAlgorithm.SHA_256, HashAlgorithm.fromName("sha256"));
        assertEquals(HashAlgorithm.SHA3_256, HashAlgorithm.fromName("sha3_256"));
        assertEquals(HashAlgorithm.BLAKE2B_256, HashAlgorithm.fromName("blake2b"));
        assertEquals(HashAlgorithm.SHA_256, HashAlgorithm.fromName("SHA_256"));
        assertEquals(HashAlgorithm.SHA3_256, HashAlgorithm.fromName("Sha3_256"));
        assertEquals(HashAlgorithm.BLAKE2B_256, HashAlgorithm.fromName("blake2b_256"));
        assertEquals(HashAlgorithm.BLAKE2B_256, HashAlgorithm.fromName("BLAKE2B"));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void canonicalNameAndWireIdRoundTrip(HashAlgorithm alg) {
        assertEquals(alg, HashAlgorithm.fromName(alg.canonicalName()));
        assertEquals(alg, HashAlgorithm.fromName(alg.name()));
        assertEquals(alg, HashAlgorithm.fromWireId(alg.wireId()));
    }

    @Test
    void stableNamesAndIdsNeverChange() {
        assertEquals("sha256", HashAlgorithm.SHA_256.canonicalName());
        assertEquals("sha3_256", HashAlgorithm.SHA3_256.canonicalName());
        assertEquals("blake2b", HashAlgorithm.BLAKE2B_256.canonicalName());
        assertEquals(1, HashAlgorithm.SHA_256.wireId());
        assertEquals(2, HashAlgorithm.SHA3_256.wireId());
        assertEquals(3, HashAlgorithm.BLAKE2B_256.wireId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha1", "sha-256", "blake2b512", "", "sha256 x"})
    void unknownNamesAreRejectedListingTheSupportedOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HashAlgorithm.fromName(name));
        assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains("sha3_256")
                && e.getMessage().contains("blake2b"), e.getMessage());
    }

    @Test
    void unknownWireIdsAreRejected() {
        for (int id : new int[] {0, 4, 255, -1}) {
            assertThrows(IllegalArgumentException.class, () -> HashAlgorithm.fromWireId(id));
        }
        assertThrows(NullPointerException.class, () -> HashAlgorithm.fromName(null));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void rangesAndBuffersHashTheSameBytes(HashAlgorithm alg) {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        byte[] expected = alg.hash(Arrays.copyOfRange(data, 100, 900));
        assertArrayEquals(expected, alg.hash(data, 100, 800));
        ByteBuffer direct = ByteBuffer.allocateDirect(1000).put(data).position(100).limit(900);
        assertArrayEquals(expected, alg.hash(direct));
        assertEquals(900, direct.position());
        assertArrayEquals(expected, alg.hash(ByteBuffer.wrap(data, 100, 800).asReadOnlyBuffer()));
        assertThrows(IndexOutOfBoundsException.class, () -> alg.hash(data, 900, 101));
        assertThrows(IndexOutOfBoundsException.class, () -> alg.hash(data, -1, 10));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void digestResetsSoAHasherCanBeReused(HashAlgorithm alg) {
        Hasher h = alg.newHasher();
        byte[] a = h.update("first message".getBytes(US_ASCII)).digest();
        byte[] b = h.update("abc".getBytes(US_ASCII)).digest();
        assertArrayEquals(alg.hash("first message".getBytes(US_ASCII)), a);
        assertArrayEquals(alg.hash("abc".getBytes(US_ASCII)), b);
        h.update(new byte[300]).reset();
        byte[] out = new byte[40];
        h.update("abc".getBytes(US_ASCII)).digestInto(out, 8);
        assertArrayEquals(b, Arrays.copyOfRange(out, 8, 40));
        assertThrows(IndexOutOfBoundsException.class, () -> h.digestInto(new byte[40], 9));
    }

    @Provide
    Arbitrary<HashAlgorithm> algorithms() {
        return Arbitraries.of(HashAlgorithm.class);
    }

    @Property(tries = 300)
    void streamingInAnySplitEqualsOneShot(@ForAll("algorithms") HashAlgorithm alg,
                                          @ForAll @Size(max = 1200) byte[] data,
                                          @ForAll @IntRange(min = 1, max = 300) int chunk,
                                          @ForAll boolean direct) {
        Hasher h = alg.newHasher();
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            if (n == 1) {
                h.update(data[off]);
            } else if (direct) {
                h.update(ByteBuffer.allocateDirect(n).put(data, off, n).flip());
            } else {
                h.update(data, off, n);
            }
        }
        assertArrayEquals(alg.hash(data), h.digest());
    }
}
