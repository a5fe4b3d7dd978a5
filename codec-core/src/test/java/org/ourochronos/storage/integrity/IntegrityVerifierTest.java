package org.ourochronos.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;

class IntegrityVerifierTest {

    private static ShardSet sample() {
        byte[] data = new byte[5000];
        new Random(17).nextBytes(data);
        return new ErasureCodec(RedundancyLevel.FEDERATION).encode(data, "report");
    }

    /** Damages one payload byte through the serialized form, as a bad disk would. */
    private static StorageShard damaged(StorageShard s) {
        byte[] file = ShardFormat.toBytes(s);
        file[file.length - 1] ^= 1;
        return ShardFormat.fromBytes(file);
    }

    @Test
    void intactSetIsValid() {
        IntegrityReport r = IntegrityVerifier.verify(sample());
        assertTrue(r.valid());
        assertTrue(r.merkleValid());
        assertTrue(r.checksumValid());
        assertTrue(r.canRecover());
        assertEquals(9, r.totalShards());
        assertEquals(9, r.validShards());
        assertEquals(List.of(), r.corruptedIndices());
    }

    @Test
    void corruptionBreaksChecksumAndMerkleButMissingOnlyBreaksValid() {
        ShardSet set = sample();
        ShardSet bad = set.withShard(damaged(set.shard(3).orElseThrow())).withoutShard(7);
        IntegrityReport r = IntegrityVerifier.verify(bad);
        assertFalse(r.valid());
        assertFalse(r.checksumValid());
        assertFalse(r.merkleValid(), "the root recomputed from the shards is checked, not assumed");
        assertEquals(List.of(3), r.corruptedIndices());
        assertEquals(List.of(7), r.missingIndices());
        assertEquals(7, r.validShards());
        assertTrue(r.canRecover());
        assertTrue(r.details().stream().anyMatch(d -> d.contains("shard 3")));

        IntegrityReport missingOnly = IntegrityVerifier.verify(set.withoutShard(0));
        assertFalse(missingOnly.valid());
        assertTrue(missingOnly.merkleValid());
        assertTrue(missingOnly.checksumValid());

        ShardSet hopeless = set;
        for (int i = 0; i < 5; i++) {
            hopeless = hopeless.withoutShard(i);
        }
        assertFalse(IntegrityVerifier.verify(hopeless).canRecover());
    }

    @Test
    void oneShardAloneProvesMembershipWithItsProof() {
        ShardSet set = sample();
        byte[] trustedRoot = set.merkleRoot();
        for (int i = 0; i < set.totalShards(); i++) {
            StorageShard shard = set.shard(i).orElseThrow();
            MerkleProof proof = MerkleProof.fromBytes(set.inclusionProof(i).toBytes()); // as sent over a wire
            assertTrue(IntegrityVerifier.verifyShard(shard, proof, trustedRoot), "shard " + i);
            assertFalse(IntegrityVerifier.verifyShard(damaged(shard), proof, trustedRoot));
            StorageShard other = set.shard((i + 1) % set.totalShards()).orElseThrow();
            assertFalse(IntegrityVerifier.verifyShard(other, proof, trustedRoot), "proof is for slot " + i + " only");
        }
        byte[] wrongRoot = trustedRoot.clone();
        wrongRoot[0] ^= 1;
        assertFalse(IntegrityVerifier.verifyShard(set.shard(0).orElseThrow(), set.inclusionProof(0), wrongRoot));
    }
}
