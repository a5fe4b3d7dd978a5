package org.ourochronos.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.MerkleTree;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ErasureCodecTest {

    static Stream<GaloisKernel> kernels() {
        return Kernels.all();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A shard with the same identity but a damaged payload: what a bad disk hands back. */
    static StorageShard corrupt(StorageShard s, int position) {
        byte[] payload = s.toByteArray();
        payload[position] ^= 0x40;
        return new StorageShard(s.setId(), s.index(), s.dataShards(), s.totalShards(), s.codingMatrix(),
                s.originalSize(), s.checksumAlgorithm(), s.originalChecksum(), s.merkleRoot(), s.checksum(), payload);
    }

    // ------------------------------------------------------------------------------------------------ properties

    record Case(RedundancyLevel level, byte[] data, List<Integer> lost, HashAlgorithm algorithm, CodingMatrix matrix) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<RedundancyLevel> levels = Arbitraries.oneOf(
                Arbitraries.of(RedundancyLevel.named()),
                Arbitraries.integers().between(1, 20).flatMap(k -> Arbitraries.integers().between(k + 1, k + 10)
                        .map(n -> RedundancyLevel.custom(k, n))));
        return Combinators.combine(levels, Arbitraries.bytes().array(byte[].class).ofMaxSize(5000),
                        Arbitraries.randoms(), Arbitraries.of(HashAlgorithm.values()), Arbitraries.of(CodingMatrix.values()))
                .as((level, data, rnd, alg, matrix) -> {
                    List<Integer> all = new ArrayList<>();
                    for (int i = 0; i < level.totalShards(); i++) {
                        all.add(i);
                    }
                    java.util.Collections.shuffle(all, rnd);
                    int lose = rnd.nextInt(level.parityShards() + 1);
                    return new Case(level, data, all.subList(0, lose), alg, matrix);
                });
    }

    private static ErasureCodec codec(Case c) {
        return ErasureCodec.builder().level(c.level).hashAlgorithm(c.algorithm).codingMatrix(c.matrix).build();
    }

    @Property(tries = 200)
    void droppingAtMostMShardsStillDecodes(@ForAll("cases") Case c) {
        ErasureCodec codec = codec(c);
        ShardSet set = codec.encode(c.data, "belief");
        for (int i : c.lost) {
            set = set.withoutShard(i);
        }
        RecoveryResult r = codec.decode(set);
        assertTrue(r.success(), r.errorMessage());
        assertArrayEquals(c.data, r.recoveredData());
        assertEquals(c.level.dataShards(), r.shardsUsed().size());
        assertTrue(r.shardsUsed().stream().noneMatch(c.lost::contains));
    }

    @Property(tries = 150)
    void flippedByteIsDetectedExcludedAndStillDecoded(@ForAll("cases") Case c, @ForAll Random rnd) {
        ErasureCodec codec = codec(c);
        ShardSet set = codec.encode(c.data);
        if (set.metadata().shardSize() == 0) {
            return; // empty object: shards have no bytes to flip
        }
        int victim = rnd.nextInt(set.totalShards());
        StorageShard bad = corrupt(set.shard(victim).orElseThrow(), rnd.nextInt(set.metadata().shardSize()));
        ShardSet damaged = set.withShard(bad);
        assertFalse(bad.isValid());
        RecoveryResult r = codec.decode(damaged);
        assertTrue(r.success(), r.errorMessage());
        assertArrayEquals(c.data, r.recoveredData());
        assertEquals(List.of(victim), r.corruptedIndices());
        assertFalse(r.shardsUsed().contains(victim));
    }

    @Property(tries = 150)
    void repairRestoresExactlyTheOriginalShards(@ForAll("cases") Case c, @ForAll Random rnd) {
        ErasureCodec codec = codec(c);
        ShardSet set = codec.encode(c.data);
        ShardSet damaged = set;
        for (int i : c.lost) {
            damaged = damaged.withoutShard(i);
        }
        RepairResult result = codec.repair(damaged);
        assertEquals(c.lost.stream().sorted().toList(), result.repairedIndices());
        for (int i = 0; i < set.totalShards(); i++) {
            StorageShard original = set.shard(i).orElseThrow();
            StorageShard repaired = result.shardSet().shard(i).orElseThrow();
            assertEquals(original, repaired, "shard " + i);
            assertEquals(original.shardId(), repaired.shardId());
            if (!c.lost.contains(i)) {
                assertSame(original, repaired, "good shards are kept, not rebuilt");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- examples

    @ParameterizedTest
    @MethodSource("kernels")
    void edgeCasesFromTheSeedSuite(GaloisKernel kernel) {
        for (RedundancyLevel level : RedundancyLevel.named()) {
            ErasureCodec codec = ErasureCodec.builder().level(level).kernel(kernel).build();
            for (byte[] data : List.of(new byte[0], new byte[] {42}, "hello world".getBytes(), new byte[777],
                    random(1_000_000, 9))) {
                ShardSet set = codec.encode(data);
                assertEquals(level.totalShards(), set.availableShards().size());
                assertNotNull(set.merkleRoot());
                assertEquals(data.length, set.originalSize());
                // lose the maximum number of shards, data shards first
                ShardSet damaged = set;
                for (int i = 0; i < level.maxFailures(); i++) {
                    damaged = damaged.withoutShard(i);
                }
                RecoveryResult r = codec.decode(damaged);
                assertTrue(r.success(), r.errorMessage());
                assertArrayEquals(data, r.recoveredData(), level + " " + data.length + " bytes");
            }
        }
    }

    @Test
    void elevenBytesWithThreeDataShardsArePaddedAndTrimmed() {
        ErasureCodec codec = new ErasureCodec(3, 5);
        byte[] data = "hello world".getBytes();
        ShardSet set = codec.encode(data);
        assertEquals(4, set.metadata().shardSize());
        assertArrayEquals(new byte[] {'r', 'l', 'd', 0}, set.shard(2).orElseThrow().toByteArray());
        assertArrayEquals(data, codec.decode(set.withoutShard(1).withoutShard(2)).recoveredData());
    }

    @Test
    void everyKSubsetOfParanoidDecodes() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PARANOID);
        byte[] data = random(7 * 16 + 3, 1);
        ShardSet set = codec.encode(data);
        int[] count = {0};
        ReedSolomonTest.forEachSubset(15, 7, present -> {
            ShardSet s = set;
            for (int i = 0; i < 15; i++) {
                if (!present[i]) {
                    s = s.withoutShard(i);
                }
            }
            RecoveryResult r = codec.decode(s);
            if (!r.success() || !java.util.Arrays.equals(data, r.recoveredData())) {
                throw new AssertionError("subset " + java.util.Arrays.toString(present) + ": " + r.errorMessage());
            }
            count[0]++;
        });
        assertEquals(6435, count[0]);
    }

    @Test
    void paranoidSurvivesEightLossesAndFailsCleanlyAtNine() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PARANOID);
        byte[] data = random(10_000, 3);
        ShardSet set = codec.encode(data);
        ShardSet damaged = set;
        for (int i = 0; i < 8; i++) {
            damaged = damaged.withoutShard(i * 2 % 15);
        }
        assertArrayEquals(data, codec.decode(damaged).recoveredData());
        ShardSet tooFew = damaged.withoutShard(damaged.availableShards().getFirst().index());
        assertFalse(tooFew.canRecover());
        RecoveryResult r = codec.decode(tooFew);
        assertFalse(r.success());
        assertNull(r.recoveredData());
        assertTrue(r.errorMessage().contains("7 are needed"), r.errorMessage());
        InsufficientShardsException e = assertThrows(InsufficientShardsException.class, () -> codec.repair(tooFew));
        assertEquals(6, e.present());
        assertEquals(7, e.required());
        assertThrows(CorruptedDataException.class, r::orElseThrow);
    }

    @Test
    void corruptedShardsCountAgainstRecoveryAndRepairFixesThem() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        byte[] data = random(4096, 5);
        ShardSet set = codec.encode(data);
        ShardSet damaged = set.withShard(corrupt(set.shard(0).orElseThrow(), 10))
                .withShard(corrupt(set.shard(4).orElseThrow(), 0));
        RecoveryResult r = codec.decode(damaged);
        assertTrue(r.success());
        assertEquals(List.of(0, 4), r.corruptedIndices());
        assertEquals(List.of(0), r.repairedIndices(), "data shard 0 was rebuilt from parity");
        RepairResult repair = codec.repair(damaged);
        assertEquals(List.of(0, 4), repair.repairedIndices());
        assertEquals(List.of(0, 4), repair.corruptedIndices());
        for (int i = 0; i < 5; i++) {
            assertEquals(set.shard(i).orElseThrow(), repair.shardSet().shard(i).orElseThrow());
        }
        ShardSet hopeless = damaged.withShard(corrupt(set.shard(1).orElseThrow(), 3));
        assertFalse(codec.decode(hopeless).success());
        assertThrows(InsufficientShardsException.class, () -> codec.repair(hopeless));
    }

    @Test
    void forgedShardWithRecomputedChecksumCannotEnterASet() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        ShardSet set = codec.encode(random(300, 8));
        StorageShard good = set.shard(1).orElseThrow();
        byte[] payload = good.toByteArray();
        payload[0] ^= 1;
        StorageShard forged = new StorageShard(good.setId(), 1, 3, 5, good.codingMatrix(), good.originalSize(),
                good.checksumAlgorithm(), good.originalChecksum(), good.merkleRoot(),
                MerkleTree.hashLeaf(good.checksumAlgorithm(), payload), payload);
        assertTrue(forged.isValid(), "self-consistent, but not the shard the set recorded");
        assertThrows(InvalidShardsException.class, () -> set.withShard(forged));
        // As loose shards, the forged one is caught by the original checksum and another subset is used.
        List<StorageShard> loose = new ArrayList<>(set.availableShards());
        loose.set(1, forged);
        RecoveryResult r = codec.decode(loose);
        assertTrue(r.success(), r.errorMessage());
        assertFalse(r.shardsUsed().contains(1));
    }

    @Test
    void looseShardsFromDifferentSetsOrDuplicatesAreRejected() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        ShardSet a = codec.encode(random(100, 1));
        ShardSet b = codec.encode(random(100, 2));
        List<StorageShard> mixed = List.of(a.shard(0).orElseThrow(), a.shard(1).orElseThrow(),
                b.shard(2).orElseThrow());
        InvalidShardsException e = assertThrows(InvalidShardsException.class, () -> codec.decode(mixed));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertThrows(InvalidShardsException.class, () -> codec.decode(List.of(a.shard(0).orElseThrow(),
                a.shard(0).orElseThrow(), a.shard(1).orElseThrow())));
        assertThrows(InvalidShardsException.class, () -> codec.decode(List.of()));
        assertThrows(InvalidShardsException.class, () -> a.withShard(b.shard(0).orElseThrow()));
        ErasureCodec other = new ErasureCodec(RedundancyLevel.FEDERATION);
        ShardSet c = other.encode(random(100, 1));
        assertThrows(InvalidShardsException.class, () -> codec.decode(List.of(a.shard(0).orElseThrow(),
                c.shard(1).orElseThrow(), a.shard(2).orElseThrow())));
        // A codec decodes loose shards of another shape: sets describe themselves.
        assertTrue(codec.decode(c.availableShards()).success());
    }

    @Test
    void byteBufferEncodeMatchesArrayAndLeavesPosition() {
        ErasureCodec codec = ErasureCodec.builder().level(RedundancyLevel.FEDERATION)
                .hashAlgorithm(HashAlgorithm.BLAKE2B_256).codingMatrix(CodingMatrix.CAUCHY).build();
        byte[] data = random(123_457, 4);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 10);
        direct.position(5);
        direct.put(data);
        direct.position(5).limit(5 + data.length);
        ShardSet fromBuffer = codec.encode(direct, "b");
        assertEquals(5, direct.position());
        ShardSet fromArray = codec.encode(data, "b");
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(fromArray.shard(i).orElseThrow().toByteArray(),
                    fromBuffer.shard(i).orElseThrow().toByteArray());
        }
        assertArrayEquals(fromArray.merkleRoot(), fromBuffer.merkleRoot());
        assertEquals(HashAlgorithm.BLAKE2B_256, fromBuffer.checksumAlgorithm());
        assertEquals(java.util.Optional.of("b"), fromBuffer.beliefId());
    }

    @Test
    void shardSetMetadataRejectsChecksumsThatDoNotMatchTheRoot() {
        ShardSet set = new ErasureCodec(RedundancyLevel.MINIMAL).encode(random(50, 6));
        ShardSetMetadata m = set.metadata();
        List<byte[]> tampered = new ArrayList<>(m.shardChecksums());
        tampered.get(1)[0] ^= 1;
        assertThrows(CorruptedDataException.class, () -> new ShardSetMetadata(m.setId(), m.dataShards(),
                m.totalShards(), m.codingMatrix(), m.originalSize(), m.checksumAlgorithm(), m.originalChecksum(),
                m.merkleRoot(), tampered, null, m.createdAt(), null, null));
        assertThrows(InvalidShardsException.class, () -> new ShardSetMetadata(m.setId(), m.dataShards(),
                m.totalShards(), m.codingMatrix(), m.originalSize(), m.checksumAlgorithm(), new byte[3],
                m.merkleRoot(), m.shardChecksums(), null, m.createdAt(), null, null));
        assertEquals(m, ShardSet.of(m, set.availableShards()).metadata());
    }

    @Test
    void redundancyLevels() {
        assertEquals(RedundancyLevel.PERSONAL, RedundancyLevel.fromString("personal"));
        assertEquals(RedundancyLevel.PARANOID, RedundancyLevel.fromString(" PaRaNoId "));
        assertEquals(RedundancyLevel.MINIMAL, RedundancyLevel.custom(2, 3));
        assertEquals(RedundancyLevel.custom(10, 14), RedundancyLevel.fromString("10-of-14"));
        assertEquals(8, RedundancyLevel.PARANOID.maxFailures());
        assertEquals(4, RedundancyLevel.FEDERATION.parityShards());
        assertEquals(50.0, RedundancyLevel.MINIMAL.overheadPercent(), 1e-9);
        assertEquals(256, RedundancyLevel.custom(1, 256).totalShards());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedundancyLevel.fromString("extreme"));
        assertTrue(e.getMessage().contains("personal"));
        assertThrows(InvalidShardCountException.class, () -> RedundancyLevel.custom(3, 3));
        assertThrows(InvalidShardCountException.class, () -> RedundancyLevel.custom(0, 3));
        assertThrows(InvalidShardCountException.class, () -> RedundancyLevel.custom(10, 257));
    }
}
