package org.ourochronos.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RecoveryResult;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ReedSolomon;
import org.ourochronos.storage.codec.RepairResult;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.IntegrityReport;
import org.ourochronos.storage.integrity.IntegrityVerifier;
import org.ourochronos.storage.integrity.MerkleProof;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * The snippets of README.md (the seed's examples, in Java), kept verbatim apart from asserts: if one stops compiling
 * or working, README is wrong.
 */
class ReadmeExamplesTest {

    @Test
    void lowLevelReedSolomon() {
        int shardSize = 1000;
        byte[] data = new byte[4 * shardSize];
        new java.util.Random(1).nextBytes(data);

        ReedSolomon rs = ReedSolomon.create(4, 2);            // 4 data + 2 parity, Vandermonde matrix
        byte[][] shards = new byte[6][shardSize];             // fill shards[0..3] with data
        for (int i = 0; i < 4; i++) {
            System.arraycopy(data, i * shardSize, shards[i], 0, shardSize);
        }
        rs.encodeParity(shards, 0, shardSize);
        byte[][] expected = Arrays.stream(shards).map(byte[]::clone).toArray(byte[][]::new);
        shards[1] = new byte[shardSize];
        shards[4] = new byte[shardSize];
        boolean[] present = {true, false, true, true, false, true};
        rs.decodeMissing(shards, present, 0, shardSize);      // rebuilds shards 1 and 4 in place
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(expected[i], shards[i]);
        }
    }

    @Test
    void seedExamples() {
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);            // 3-of-5
        ShardSet shardSet = codec.encode("belief data to protect".getBytes(UTF_8), UUID.randomUUID().toString());

        // Decode from any 3 of the 5 shards
        List<StorageShard> available = shardSet.availableShards().subList(2, 5);
        RecoveryResult result = codec.decode(available);
        assertTrue(Arrays.equals(result.recoveredData(), "belief data to protect".getBytes(UTF_8)));

        // Verify all shards in a set
        IntegrityReport report = IntegrityVerifier.verify(shardSet);
        assertTrue(report.valid());

        // Generate and verify a Merkle proof for one shard
        MerkleTree tree = MerkleTree.fromShards(shardSet.availableShards());
        MerkleProof proof = tree.inclusionProof(0);
        assertTrue(MerkleProof.verify(proof, shardSet.shard(0).orElseThrow().toByteArray(), tree.root()));

        // Regenerate missing (or corrupted) shards
        RepairResult repaired = codec.repair(shardSet.withoutShard(1).withoutShard(4));
        assertTrue(repaired.repairedIndices().equals(List.of(1, 4)));

        // Beyond the README: the complete tree is the set's recorded root, and repair restored the exact shards.
        assertArrayEquals(shardSet.merkleRoot(), tree.root());
        for (int i = 0; i < 5; i++) {
            assertEquals(shardSet.shard(i), repaired.shardSet().shard(i));
        }
    }
}
