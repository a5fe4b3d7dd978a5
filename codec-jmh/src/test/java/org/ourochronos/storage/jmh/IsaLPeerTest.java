package org.ourochronos.storage.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ourochronos.storage.codec.CodingMatrix;
import org.ourochronos.storage.galois.CpuInfo;

/**
 * The ISA-L binding computes what our coder computes: same Cauchy matrix, same parity, same rebuilt data. Skipped
 * (by assumption) only where {@code libisal.so.2} is not installed; CI installs it.
 */
class IsaLPeerTest {

    @BeforeAll
    static void needsLibrary() {
        // Skip only when the library is really absent; installed but unloadable is a failure, not a skip.
        if (IsaL.installedFile().isPresent()) {
            assertTrue(IsaL.isAvailable(), () -> "libisal.so.2 is installed but did not load: "
                    + IsaL.unavailableReason().orElse(""));
        }
        assumeTrue(IsaL.isAvailable(), () -> IsaL.unavailableReason().orElse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3+2", "5+4", "10+4", "7+8", "17+3", "1+1", "200+56"})
    void cauchyMatrixIsOurs(String shape) {
        Code c = Code.parse(shape);
        byte[][] theirs = IsaL.cauchyMatrix(c.k(), c.n());
        byte[][] ours = CodingMatrix.CAUCHY.encodingMatrix(c.k(), c.n());
        for (int r = 0; r < c.n(); r++) {
            assertArrayEquals(ours[r], theirs[r], "row " + r);
        }
    }

    @Test
    void knownAnswerSixPlusThree() {
        // Shared reference vector: data bytes 1..6, Cauchy parity 242, 187, 184.
        byte[][] data = new byte[6][1];
        for (int i = 0; i < 6; i++) {
            data[i][0] = (byte) (i + 1);
        }
        byte[][] parity = isalEncode(new Code(6, 3), data, 1);
        assertEquals(242, parity[0][0] & 0xff);
        assertEquals(187, parity[1][0] & 0xff);
        assertEquals(184, parity[2][0] & 0xff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3+2", "5+4", "10+4", "7+8", "17+3"})
    void parityEqualsOurs(String shape) {
        Code c = Code.parse(shape);
        int size = 4096 + 13; // not a multiple of any vector width: exercises ISA-L's tail path too
        byte[][] data = Shards.random(c.k(), c.k(), size);
        assertDeepEquals(Reference.cauchyParity(c, data, size), isalEncode(c, data, size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "avx512", "avx2", "sse", "base"})
    void everyIsaLKernelThisCpuRunsComputesTheSameParity(String variant) {
        Code c = new Code(10, 4);
        int size = 65536 + 13;
        byte[][] data = Shards.random(c.k(), c.k(), size);
        byte[][] expected = Reference.cauchyParity(c, data, size);
        try (Arena arena = Arena.ofConfined()) {
            byte[][] matrix = IsaL.cauchyMatrix(c.k(), c.n());
            byte[][] rows = new byte[c.m()][];
            System.arraycopy(matrix, c.k(), rows, 0, c.m());
            IsaL.Tables tables = IsaL.initTables(arena, rows);
            boolean runnable = switch (variant) {
                case "avx512" -> CpuInfo.current().has("avx512f") && CpuInfo.current().has("avx512bw")
                        && CpuInfo.current().has("avx512vl");
                case "avx2" -> CpuInfo.current().has("avx2");
                case "sse" -> CpuInfo.current().has("sse4_1");
                default -> true;
            };
            if (!runnable) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> tables.encoder(variant));
                assertTrue(e.getMessage().startsWith("SKIPPED: ISA-L's " + variant), e.getMessage());
                return;
            }
            assertDeepEquals(expected, runEncoder(arena, tables.encoder(variant), c, data, size));
        }
    }

    @Test
    void describeNamesTheVersionFromTheInstalledFile() {
        assumeTrue(IsaL.installedFile().isPresent() && System.getProperty("ourstorage.isal.lib") == null);
        String d = IsaL.describe();
        assertTrue(d.matches("ISA-L \\d+\\.\\d+ \\(/.*libisal\\.so\\.\\d+\\.\\d+\\.\\d+\\)"), d);
    }

    @Test
    void unknownIsaLKernelIsRejected() {
        try (Arena arena = Arena.ofConfined()) {
            IsaL.Tables tables = IsaL.initTables(arena, new byte[][] {{1, 2}});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tables.encoder("avx9"));
            assertTrue(e.getMessage().contains("avx9"), e.getMessage());
        }
    }

    @Test
    void invertRoundTrips() {
        byte[][] m = {{1, 2}, {3, 4}};
        byte[][] inv = IsaL.invert(m);
        byte[][] back = IsaL.invert(inv);
        assertDeepEquals(m, back);
        assertThrows(IllegalArgumentException.class, () -> IsaL.invert(new byte[][] {{1, 1}, {1, 1}}));
    }

    @Test
    void decodeBenchmarkSetupRebuildsData() {
        // The benchmark's own set-up checks the rebuilt shards against the originals and throws on a mismatch.
        for (int lost = 1; lost <= 4; lost++) {
            IsalDecodeBenchmark b = new IsalDecodeBenchmark();
            b.code = "10+4";
            b.lost = lost;
            b.shardSize = 1000;
            b.setUp();
            b.decode();
            b.tearDown();
        }
    }

    @Test
    void encodeBenchmarkSetupChecksParity() {
        for (String variant : new String[] {"auto", "base"}) {
            IsalEncodeBenchmark b = new IsalEncodeBenchmark();
            b.code = "17+3";
            b.shardSize = 4096;
            b.isalKernel = variant;
            b.setUp();
            b.encode();
            b.tearDown();
        }
    }

    private static byte[][] isalEncode(Code c, byte[][] data, int size) {
        try (Arena arena = Arena.ofConfined()) {
            byte[][] matrix = IsaL.cauchyMatrix(c.k(), c.n());
            byte[][] rows = new byte[c.m()][];
            System.arraycopy(matrix, c.k(), rows, 0, c.m());
            IsaL.Tables tables = IsaL.initTables(arena, rows);
            return runEncoder(arena, tables::encode, c, data, size);
        }
    }

    /** Copies {@code data} into native shards, runs {@code encoder} and returns the parity shards. */
    private static byte[][] runEncoder(Arena arena, IsaL.Encoder encoder, Code c, byte[][] data, int size) {
        byte[][] all = new byte[c.n()][];
        for (int i = 0; i < c.n(); i++) {
            all[i] = i < c.k() ? data[i] : new byte[size];
        }
        IsaL.NativeShards shards = IsaL.NativeShards.of(arena, all);
        encoder.encode(size, shards.pointers(arena, IsaL.range(0, c.k())),
                shards.pointers(arena, IsaL.range(c.k(), c.n())));
        return shards.toArrays(IsaL.range(c.k(), c.n()));
    }

    static void assertDeepEquals(byte[][] expected, byte[][] actual) {
        assertEquals(expected.length, actual.length, "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], "row " + r);
        }
    }
}
