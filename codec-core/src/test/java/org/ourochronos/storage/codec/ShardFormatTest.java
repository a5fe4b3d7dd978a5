package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.integrity.HashAlgorithm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ShardFormatTest {

    private static ShardSet sample(int size, HashAlgorithm alg) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return ErasureCodec.builder().level(RedundancyLevel.PERSONAL).hashAlgorithm(alg)
                .codingMatrix(CodingMatrix.CAUCHY).build().encode(data, "b");
    }

    @Test
    void roundTripsEveryShardAndStreamsBackToBack() throws Exception {
        for (HashAlgorithm alg : HashAlgorithm.values()) {
            ShardSet set = sample(1001, alg);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (StorageShard s : set.availableShards()) {
                byte[] bytes = ShardFormat.toBytes(s);
                assertEquals(ShardFormat.serializedSize(s), bytes.length);
                StorageShard back = ShardFormat.fromBytes(bytes);
                assertEquals(s, back);
                assertTrue(back.isValid());
                assertTrue(back.belongsTo(set.metadata()));
                ShardFormat.write(s, stream);
            }
            ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
            for (StorageShard s : set.availableShards()) {
                assertEquals(s, ShardFormat.read(in));
            }
            assertEquals(0, in.available());
        }
    }

    @Test
    void headerLayoutMatchesTheDocumentation() {
        StorageShard s = sample(10, HashAlgorithm.SHA_256).shard(4).orElseThrow();
        byte[] b = ShardFormat.toBytes(s);
        assertEquals('O', b[0]);
        assertEquals('S', b[1]);
        assertEquals('S', b[2]);
        assertEquals('H', b[3]);
        assertEquals(1, b[4]);
        int idLength = b[5] & 0xff;
        assertEquals(36, idLength, "a UUID set id");
        int p = 6 + idLength;
        assertEquals(4, (b[p] & 0xff) << 8 | b[p + 1] & 0xff, "index");
        assertEquals(3, b[p + 3], "k");
        assertEquals(5, b[p + 5], "n");
        assertEquals(2, b[p + 6], "Cauchy");
        assertEquals(10, b[p + 14], "original size, low byte of a big-endian long");
        assertEquals(1, b[p + 15], "SHA-256");
        assertEquals(32, b[p + 16]);
        assertEquals(4 + 1 + 1 + 36 + 2 + 2 + 2 + 1 + 8 + 1 + 1 + 96 + 4 + 4 + 4, b.length);
    }

    @Property(tries = 300)
    void everyTruncationIsATypedError(@ForAll @IntRange(min = 0, max = 199) int cut) {
        byte[] b = ShardFormat.toBytes(sample(600, HashAlgorithm.SHA_256).shard(1).orElseThrow());
        int length = cut * b.length / 200;
        byte[] truncated = java.util.Arrays.copyOf(b, length);
        assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(truncated));
    }

    @Property(tries = 300)
    void flippingAnyHeaderByteIsATypedErrorAndAnyPayloadByteIsACorruptShard(@ForAll @IntRange(min = 0, max = 100_000)
                                                                            int where) {
        StorageShard s = sample(600, HashAlgorithm.SHA3_256).shard(2).orElseThrow();
        byte[] b = ShardFormat.toBytes(s);
        int position = where % b.length;
        b[position] ^= 0x10;
        int payloadStart = b.length - s.size();
        if (position < payloadStart) {
            assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(b));
        } else {
            StorageShard damaged = ShardFormat.fromBytes(b);
            assertFalse(damaged.isValid(), "payload damage is reported as corruption, never as good data");
        }
    }

    @Test
    void garbageAndTrailingBytesAreRejected() {
        assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(new byte[0]));
        assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes("hello, world, not a shard".getBytes()));
        byte[] random = new byte[500];
        new Random(1).nextBytes(random);
        assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(random));
        byte[] good = ShardFormat.toBytes(sample(60, HashAlgorithm.BLAKE2B_256).shard(0).orElseThrow());
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        ShardFormatException e = assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(longer));
        assertTrue(e.getMessage().contains("unexpected bytes"));
        byte[] version = good.clone();
        version[4] = 9;
        e = assertThrows(ShardFormatException.class, () -> ShardFormat.fromBytes(version));
        assertTrue(e.getMessage().contains("version 9"));
    }
}
