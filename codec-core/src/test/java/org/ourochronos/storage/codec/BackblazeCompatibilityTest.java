package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;

/**
 * Backblaze JavaReedSolomon users switch by changing the import from {@code com.backblaze.erasure.ReedSolomon} to
 * {@code org.ourochronos.storage.codec.ReedSolomon}. This test runs Backblaze's published usage, the
 * {@code SampleEncoder} / {@code SampleDecoder} flow (4 data + 2 parity shard files, a 4-byte big-endian length
 * prefix, shards rebuilt with {@code decodeMissing}), written against the same method signatures, and checks the
 * bytes against Backblaze's 5+5 known answer (shared/README: identical to klauspost/reedsolomon's default).
 */
class BackblazeCompatibilityTest {

    // The constants of Backblaze's SampleEncoder / SampleDecoder.
    private static final int DATA_SHARDS = 4;
    private static final int PARITY_SHARDS = 2;
    private static final int TOTAL_SHARDS = 6;
    private static final int BYTES_IN_INT = 4;

    static Stream<GaloisKernel> kernels() {
        return Kernels.all();
    }

    /** The coder a Backblaze user gets from {@code ReedSolomon.create(4, 2)}, pinned to one kernel. */
    private static ReedSolomon backblazeDefault(int data, int parity, GaloisKernel kernel) {
        return ReedSolomon.create(data, parity, CodingMatrix.VANDERMONDE, kernel);
    }

    /** SampleEncoder: length-prefixed file bytes split into DATA_SHARDS shards, parity added, one file each. */
    private static void sampleEncode(Path inputFile, ReedSolomon reedSolomon) throws IOException {
        final int fileSize = (int) Files.size(inputFile);
        final int storedSize = fileSize + BYTES_IN_INT;
        final int shardSize = (storedSize + DATA_SHARDS - 1) / DATA_SHARDS;
        final int bufferSize = shardSize * DATA_SHARDS;
        final byte[] allBytes = new byte[bufferSize];
        ByteBuffer.wrap(allBytes).putInt(fileSize);
        byte[] content = Files.readAllBytes(inputFile);
        System.arraycopy(content, 0, allBytes, BYTES_IN_INT, fileSize);

        byte[][] shards = new byte[TOTAL_SHARDS][shardSize];
        for (int i = 0; i < DATA_SHARDS; i++) {
            System.arraycopy(allBytes, i * shardSize, shards[i], 0, shardSize);
        }
        reedSolomon.encodeParity(shards, 0, shardSize);

        for (int i = 0; i < TOTAL_SHARDS; i++) {
            Files.write(shardFile(inputFile, i), shards[i]);
        }
    }

    /** SampleDecoder: read the shard files that exist, rebuild the others, strip the length prefix. */
    private static byte[] sampleDecode(Path originalFile, ReedSolomon reedSolomon) throws IOException {
        final byte[][] shards = new byte[TOTAL_SHARDS][];
        final boolean[] shardPresent = new boolean[TOTAL_SHARDS];
        int shardSize = 0;
        int shardCount = 0;
        for (int i = 0; i < TOTAL_SHARDS; i++) {
            Path shard = shardFile(originalFile, i);
            if (Files.exists(shard)) {
                shards[i] = Files.readAllBytes(shard);
                shardSize = shards[i].length;
                shardPresent[i] = true;
                shardCount += 1;
            }
        }
        if (shardCount < DATA_SHARDS) {
            throw new IOException("Not enough shards present");
        }
        for (int i = 0; i < TOTAL_SHARDS; i++) {
            if (!shardPresent[i]) {
                shards[i] = new byte[shardSize];
            }
        }
        reedSolomon.decodeMissing(shards, shardPresent, 0, shardSize);

        byte[] allBytes = new byte[shardSize * DATA_SHARDS];
        for (int i = 0; i < DATA_SHARDS; i++) {
            System.arraycopy(shards[i], 0, allBytes, shardSize * i, shardSize);
        }
        int fileSize = ByteBuffer.wrap(allBytes).getInt();
        byte[] out = new byte[fileSize];
        System.arraycopy(allBytes, BYTES_IN_INT, out, 0, fileSize);
        return out;
    }

    private static Path shardFile(Path file, int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void sampleEncoderAndDecoderFlowRoundTripsEveryLossOfTwoShardFiles(GaloisKernel kernel, @TempDir Path dir)
            throws IOException {
        ReedSolomon reedSolomon = backblazeDefault(DATA_SHARDS, PARITY_SHARDS, kernel);
        assertEquals(DATA_SHARDS, reedSolomon.getDataShardCount());
        assertEquals(PARITY_SHARDS, reedSolomon.getParityShardCount());
        assertEquals(TOTAL_SHARDS, reedSolomon.getTotalShardCount());

        Random random = new Random(4242);
        // Lengths around the shard boundaries: prefix-only, not a multiple of 4, exact multiples, larger files.
        for (int fileSize : new int[] {0, 1, 3, 4, 5, 12, 1001, 65_536, 300_007}) {
            byte[] content = new byte[fileSize];
            random.nextBytes(content);
            Path file = dir.resolve("sample-" + fileSize + ".bin");
            Files.write(file, content);
            sampleEncode(file, reedSolomon);

            // The parity on disk is what isParityCorrect accepts, and a flipped byte is caught.
            byte[][] clean = new byte[TOTAL_SHARDS][];
            for (int i = 0; i < TOTAL_SHARDS; i++) {
                clean[i] = Files.readAllBytes(shardFile(file, i));
            }
            int shardSize = clean[0].length;
            assertEquals((fileSize + BYTES_IN_INT + DATA_SHARDS - 1) / DATA_SHARDS, shardSize);
            assertTrue(reedSolomon.isParityCorrect(clean, 0, shardSize));
            byte[][] flipped = new byte[TOTAL_SHARDS][];
            for (int i = 0; i < TOTAL_SHARDS; i++) {
                flipped[i] = clean[i].clone();
            }
            flipped[random.nextInt(TOTAL_SHARDS)][random.nextInt(shardSize)] ^= 0x10;
            assertFalse(reedSolomon.isParityCorrect(flipped, 0, shardSize));

            // Lose every pair of shard files in turn (data, parity, mixed) and decode as SampleDecoder does.
            for (int a = 0; a < TOTAL_SHARDS; a++) {
                for (int b = a + 1; b < TOTAL_SHARDS; b++) {
                    for (int i = 0; i < TOTAL_SHARDS; i++) {
                        Files.write(shardFile(file, i), clean[i]);
                    }
                    Files.delete(shardFile(file, a));
                    Files.delete(shardFile(file, b));
                    assertArrayEquals(content, sampleDecode(file, reedSolomon),
                            "size " + fileSize + ", lost shards " + a + " and " + b);
                }
            }
            // Three lost shard files are one too many, as in SampleDecoder.
            Files.delete(shardFile(file, 0));
            assertThrows(IOException.class, () -> sampleDecode(file, reedSolomon));
        }
    }

    @Test
    void sampleFilesAreTheSameBytesWhicheverKernelOrFactoryMethodWrites(@TempDir Path dir) throws IOException {
        byte[] content = "A Backblaze user's file, stored as 4 + 2 shards.".getBytes(StandardCharsets.UTF_8);
        byte[][] reference = null;
        // ReedSolomon.create(4, 2) is the call in Backblaze's samples; the kernel-pinned coders must agree with it.
        Stream<ReedSolomon> coders = Stream.concat(Stream.of(ReedSolomon.create(DATA_SHARDS, PARITY_SHARDS)),
                Kernels.all().map(k -> backblazeDefault(DATA_SHARDS, PARITY_SHARDS, k)));
        for (ReedSolomon rs : (Iterable<ReedSolomon>) coders::iterator) {
            Path file = dir.resolve("same.bin");
            Files.write(file, content);
            sampleEncode(file, rs);
            byte[][] shards = new byte[TOTAL_SHARDS][];
            for (int i = 0; i < TOTAL_SHARDS; i++) {
                shards[i] = Files.readAllBytes(shardFile(file, i));
            }
            if (reference == null) {
                reference = shards;
                assertEquals(CodingMatrix.VANDERMONDE, rs.getCodingMatrix());
            } else {
                for (int i = 0; i < TOTAL_SHARDS; i++) {
                    assertArrayEquals(reference[i], shards[i], rs + ", shard " + i);
                }
            }
        }
    }

    /** Backblaze's testZeroSizeEncode: empty shards are fine. */
    @ParameterizedTest
    @MethodSource("kernels")
    void zeroSizeEncode(GaloisKernel kernel) {
        ReedSolomon codec = backblazeDefault(2, 1, kernel);
        byte[][] shards = new byte[3][0];
        codec.encodeParity(shards, 0, 0);
        assertTrue(codec.isParityCorrect(shards, 0, 0));
        codec.decodeMissing(shards, new boolean[] {false, true, true}, 0, 0);
        assertEquals(0, shards[0].length);
    }

    /** Backblaze's 5+5 vector (its ReedSolomonTest.testOneEncode; klauspost's default gives the same bytes). */
    @ParameterizedTest
    @MethodSource("kernels")
    void fivePlusFiveVectorAndEveryLossOfFiveShards(GaloisKernel kernel) {
        ReedSolomon codec = backblazeDefault(5, 5, kernel);
        byte[][] shards = new byte[10][2];
        int[][] data = {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}};
        for (int i = 0; i < 5; i++) {
            shards[i] = new byte[] {(byte) data[i][0], (byte) data[i][1]};
        }
        codec.encodeParity(shards, 0, 2);
        int[][] parity = {{12, 13}, {10, 11}, {14, 15}, {90, 91}, {94, 95}};
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(new byte[] {(byte) parity[p][0], (byte) parity[p][1]}, shards[5 + p], "parity " + p);
        }
        assertTrue(codec.isParityCorrect(shards, 0, 2));
        // As in Backblaze's testOneEncode: a changed parity byte is noticed.
        shards[8][0] += 1;
        assertFalse(codec.isParityCorrect(shards, 0, 2));
        shards[8][0] -= 1;

        // All 252 ways to lose 5 of the 10 shards decode back to the vector (the code is MDS).
        int patterns = 0;
        for (int lost = 0; lost < 1 << 10; lost++) {
            if (Integer.bitCount(lost) != 5) {
                continue;
            }
            byte[][] copy = new byte[10][];
            boolean[] present = new boolean[10];
            for (int i = 0; i < 10; i++) {
                present[i] = (lost & 1 << i) == 0;
                copy[i] = present[i] ? shards[i].clone() : new byte[2];
            }
            codec.decodeMissing(copy, present, 0, 2);
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(shards[i], copy[i], "lost mask " + Integer.toBinaryString(lost) + ", shard " + i);
            }
            patterns++;
        }
        assertEquals(252, patterns);
    }
}
