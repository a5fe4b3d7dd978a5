package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ourochronos.storage.backend.TestShards.failsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.Hex;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** {@link S3Backend} against the shared contract on a real S3 server (S3Proxy on loopback), plus S3 specifics. */
class S3BackendTest extends StorageBackendContract {

    @Override
    protected StorageBackend newBackend(String id, long quota) throws Exception {
        return S3ProxyServer.shared().newBackend(id);
    }

    @Override
    protected boolean supportsQuota() {
        return false;
    }

    private S3Backend s3() {
        return (S3Backend) backend;
    }

    /** A plain synchronous client on the same server, to look at and tamper with objects directly. */
    private static S3AsyncClient raw;

    /** One client for the class, never closed: closing a client that owns its event loop blocks for 2 s. */
    private static synchronized S3AsyncClient rawClient() throws Exception {
        if (raw == null) {
            raw = newRawClient();
        }
        return raw;
    }

    private static S3AsyncClient newRawClient() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        return S3AsyncClient.builder().endpointOverride(server.endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(server.config("x", "xxx").build().credentials())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    @Test
    void checksumTravelsInObjectMetadata() throws Exception {
        StorageShard s = TestShards.encode(RedundancyLevel.PERSONAL, 5000, 21).shard(3).orElseThrow();
        String location = backend.store(s).join();
        {
            S3AsyncClient raw = rawClient();
            var head = raw.headObject(b -> b.bucket(s3().config().bucket()).key(location)).join();
            assertEquals(Hex.toHex(s.checksum()), head.metadata().get(S3Backend.META_CHECKSUM));
            assertEquals(s.checksumAlgorithm().canonicalName(), head.metadata().get(S3Backend.META_ALGORITHM));
            assertEquals("3", head.metadata().get(S3Backend.META_INDEX));
            assertEquals(ShardFormat.serializedSize(s), head.contentLength());
        }
    }

    @Test
    void tamperedObjectIsCorruption() throws Exception {
        ShardSet set = TestShards.encode(RedundancyLevel.PERSONAL, 5000, 22);
        StorageShard s0 = set.shard(0).orElseThrow();
        StorageShard s1 = set.shard(1).orElseThrow();
        String l0 = backend.store(s0).join();
        String l1 = backend.store(s1).join();
        String bucket = s3().config().bucket();
        {
            S3AsyncClient raw = rawClient();
            byte[] body = ShardFormat.toBytes(s0);
            body[body.length - 1] ^= 1;
            raw.putObject(b -> b.bucket(bucket).key(l0).metadata(Map.of(S3Backend.META_CHECKSUM,
                    Hex.toHex(s0.checksum()), S3Backend.META_ALGORITHM, s0.checksumAlgorithm().canonicalName())),
                    AsyncRequestBody.fromBytes(body)).join();
            // a whole, valid shard whose metadata records another checksum
            raw.putObject(b -> b.bucket(bucket).key(l1).metadata(Map.of(S3Backend.META_CHECKSUM,
                    Hex.toHex(s0.checksum()), S3Backend.META_ALGORITHM, s1.checksumAlgorithm().canonicalName())),
                    AsyncRequestBody.fromBytes(ShardFormat.toBytes(s1))).join();
        }
        failsWith(CorruptedShardException.class, backend.retrieve(l0));
        CorruptedShardException e = failsWith(CorruptedShardException.class, backend.retrieve(l1));
        assertTrue(e.getMessage().contains("metadata"), e.getMessage());
    }

    @Test
    void largeShardsUseMultipartUpload() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = S3ProxyServer.newBucket();
        // threshold lowered to 6 MiB: the 12 MiB shards go up as 5 + 5 + 2 MiB parts
        try (S3Backend mp = new S3Backend(server.config("multipart", bucket).multipartThreshold(6L << 20)
                .partSize(5L << 20).build())) {
            mp.createBucketIfMissing().join();
            ErasureCodec codec = new ErasureCodec(RedundancyLevel.MINIMAL);
            byte[] data = TestShards.random(24 << 20, 23);
            ShardSet set = codec.encode(data, "big");
            Map<Integer, String> where = mp.storeShardSet(set).join();
            {
            S3AsyncClient raw = rawClient();
                String eTag = raw.headObject(b -> b.bucket(bucket).key(where.get(0))).join().eTag();
                // multipart ETags are "<md5 of part md5s>-<part count>"
                assertTrue(eTag.replace("\"", "").endsWith("-3"), eTag);
                assertEquals(0, raw.listMultipartUploads(b -> b.bucket(bucket)).join().uploads().size());
            }
            ShardSet back = mp.retrieveShardSet(set.metadata(), where).join();
            assertEquals(List.of(), back.missingIndices());
            assertTrue(java.util.Arrays.equals(data, codec.decode(back.withoutShard(1)).orElseThrow()));
        }
    }

    @Test
    void wrongCredentialsAreBackendUnavailable() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        try (S3Backend bad = new S3Backend(server.config("bad-creds", s3().config().bucket())
                .credentials(S3ProxyServer.IDENTITY, "wrong-secret").build())) {
            StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 100, 24).shard(0).orElseThrow();
            BackendUnavailableException e = failsWith(BackendUnavailableException.class, bad.store(s));
            assertTrue(e.getMessage().contains("'bad-creds'") && e.getMessage().contains("access denied"),
                    e.getMessage());
            failsWith(BackendUnavailableException.class, bad.retrieve(Locations.of(s)));
            assertFalse(bad.healthCheck().join().healthy());
            assertFalse(backend.exists(Locations.of(s)).join(), "nothing was written");
        }
    }

    @Test
    void missingBucketIsBackendUnavailable() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        try (S3Backend none = new S3Backend(server.config("no-bucket", "does-not-exist-" + System.nanoTime())
                .build())) {
            StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 100, 25).shard(0).orElseThrow();
            BackendUnavailableException e = failsWith(BackendUnavailableException.class, none.store(s));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            failsWith(BackendUnavailableException.class, none.retrieve("x.0"));
            failsWith(BackendUnavailableException.class, none.exists("x.0"));
            failsWith(BackendUnavailableException.class, none.list(""));
            HealthStatus h = none.healthCheck().join();
            assertFalse(h.healthy());
            assertTrue(h.detail().contains("no-bucket"), h.detail());
        }
    }

    @Test
    void stoppedServerIsBackendUnavailableAndRecovers() throws Exception {
        try (S3ProxyServer own = S3ProxyServer.start(); S3Backend b = own.newBackend("stoppable")) {
            StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 1000, 26).shard(0).orElseThrow();
            String location = b.store(s).join();
            own.stop();
            BackendUnavailableException e = failsWith(BackendUnavailableException.class, b.retrieve(location));
            assertTrue(e.getMessage().contains("'stoppable'") && e.getMessage().contains("cannot reach"),
                    e.getMessage());
            failsWith(BackendUnavailableException.class, b.store(s));
            assertFalse(b.healthCheck().join().healthy());
            own.restart();
            assertEquals(s, b.retrieve(location).join());
        }
    }

    @Test
    void keyPrefixSeparatesBackendsInOneBucket() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = s3().config().bucket();
        try (S3Backend a = new S3Backend(server.config("pa", bucket).keyPrefix("a/").build());
             S3Backend b = new S3Backend(server.config("pb", bucket).keyPrefix("b/").build())) {
            StorageShard s = TestShards.encode(RedundancyLevel.MINIMAL, 100, 27).shard(0).orElseThrow();
            a.store(s).join();
            assertEquals(List.of(Locations.of(s)), a.list("").join());
            assertEquals(List.of(), b.list("").join());
            failsWith(ShardNotFoundException.class, b.retrieve(Locations.of(s)));
        }
    }
}
