package org.ourochronos.storage.galois;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class GaloisFieldTest {

    /** Reference product: shift-and-add with reduction by 0x11d, independent of the tables. */
    static int slowMultiply(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= 0x11d;
            }
            b >>>= 1;
        }
        return product;
    }

    @Test
    void multiplicationMatchesCarrylessReferenceForAllPairs() {
        byte[] table = GaloisField.multiplicationTable();
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                int expected = slowMultiply(a, b);
                assertEquals(expected, GaloisField.multiply((byte) a, (byte) b) & 0xff, a + "*" + b);
                assertEquals(expected, table[a << 8 | b] & 0xff);
            }
        }
    }

    @Test
    void twoGeneratesTheMultiplicativeGroup() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            int e = GaloisField.exp(i) & 0xff;
            seen.add(e);
            assertEquals(i, GaloisField.log((byte) e));
        }
        assertEquals(255, seen.size());
        assertEquals(1, GaloisField.exp(255));
        // Known early powers of 2 under 0x11d: 2^8 = 0x1d.
        assertEquals(0x1d, GaloisField.exp(8) & 0xff);
    }

    @Test
    void inverseAndDivisionAreExhaustivelyConsistent() {
        for (int a = 1; a < 256; a++) {
            byte inv = GaloisField.inverse((byte) a);
            assertEquals(1, GaloisField.multiply((byte) a, inv), "a * a^-1 for " + a);
            for (int b = 0; b < 256; b++) {
                byte q = GaloisField.divide((byte) b, (byte) a);
                assertEquals((byte) b, GaloisField.multiply(q, (byte) a), b + "/" + a);
                assertEquals(GaloisField.multiply((byte) b, inv), q);
            }
        }
    }

    @Test
    void divisionByZeroThrows() {
        assertThrows(ArithmeticException.class, () -> GaloisField.divide((byte) 5, (byte) 0));
        assertThrows(ArithmeticException.class, () -> GaloisField.inverse((byte) 0));
        assertThrows(ArithmeticException.class, () -> GaloisField.log((byte) 0));
    }

    @Test
    void powerFollowsRepeatedMultiplication() {
        for (int a = 0; a < 256; a++) {
            byte acc = 1;
            for (int n = 0; n < 300; n++) {
                assertEquals(acc, GaloisField.power((byte) a, n), a + "^" + n);
                acc = GaloisField.multiply(acc, (byte) a);
            }
        }
        assertEquals(1, GaloisField.power((byte) 0, 0), "0^0 = 1 (Backblaze's convention)");
        assertThrows(IllegalArgumentException.class, () -> GaloisField.power((byte) 3, -1));
    }

    @Test
    void nibbleTablesUseIsalLayout() {
        for (int c = 0; c < 256; c++) {
            byte[] t = GaloisField.nibbleTable((byte) c);
            assertEquals(32, t.length);
            for (int x = 0; x < 256; x++) {
                int viaNibbles = (t[x & 15] ^ t[16 + (x >>> 4)]) & 0xff;
                assertEquals(slowMultiply(c, x), viaNibbles);
            }
        }
        byte[][] m = {{1, 2}, {3, 4}};
        byte[] all = GaloisField.nibbleTables(m);
        assertEquals(4 * 32, all.length);
        byte[] c3 = new byte[32];
        System.arraycopy(all, 2 * 32, c3, 0, 32);
        assertArrayEquals(GaloisField.nibbleTable((byte) 3), c3);
    }

    @Property
    void fieldAxioms(@ForAll byte a, @ForAll byte b, @ForAll byte c) {
        // commutativity, associativity, distributivity, identities
        assertEquals(GaloisField.multiply(a, b), GaloisField.multiply(b, a));
        assertEquals(GaloisField.multiply(GaloisField.multiply(a, b), c),
                GaloisField.multiply(a, GaloisField.multiply(b, c)));
        assertEquals(GaloisField.multiply(a, GaloisField.add(b, c)),
                GaloisField.add(GaloisField.multiply(a, b), GaloisField.multiply(a, c)));
        assertEquals(a, GaloisField.multiply(a, (byte) 1));
        assertEquals(0, GaloisField.multiply(a, (byte) 0));
        assertEquals(0, GaloisField.add(a, a));
    }

    @Test
    void distributivityHoldsForAllTriples() {
        // 2^24 checks, about a second: the axioms for every element, not a sample.
        for (int a = 0; a < 256; a++) {
            byte[] row = GaloisField.multiplicationRow((byte) a);
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    if ((row[b ^ c] ^ row[b] ^ row[c]) != 0) {
                        throw new AssertionError("a(b+c) != ab+ac for " + a + "," + b + "," + c);
                    }
                }
            }
        }
    }
}
