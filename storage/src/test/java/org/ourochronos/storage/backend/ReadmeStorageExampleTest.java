package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;

/**
 * README's "Storing across backends" snippet, line for line, with the two places that name outside resources
 * pointed at this machine: the directories are temporary, and both S3 backends talk to an S3Proxy on loopback (the
 * README's second one is AWS, reached through the default credential chain, which a test cannot use).
 */
class ReadmeStorageExampleTest {

    @TempDir
    Path tmp;

    @Test
    void readmeSnippetStoresReadsBackAndRepairs() throws Exception {
        byte[] data = new byte[300_000];
        new Random(8).nextBytes(data);
        try (S3ProxyServer server = S3ProxyServer.start()) {
            String minioBucket = S3ProxyServer.newBucket();
            String awsBucket = S3ProxyServer.newBucket();
            URI endpoint = server.endpoint();

            ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
            BackendRegistry registry = new BackendRegistry();
            registry.register(new LocalFileBackend("disk-1", tmp.resolve("shards-1"), 50L << 30));
            registry.register(new LocalFileBackend("disk-2", tmp.resolve("b/shards"), BackendStats.UNLIMITED));
            registry.register(new MemoryBackend("cache"));
            S3Backend minio = new S3Backend(S3Config.builder().id("minio").bucket(minioBucket)
                    .endpoint(endpoint).pathStyle(true).region("us-east-1")
                    .credentials(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL).build());
            // README: region("eu-west-1") and the default credential chain; S3Proxy only creates us-east-1 buckets.
            S3Backend aws = new S3Backend(S3Config.builder().id("aws").bucket(awsBucket).region("us-east-1")
                    .endpoint(endpoint).pathStyle(true)
                    .credentials(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL).build());
            minio.createBucketIfMissing().join();
            aws.createBucketIfMissing().join();
            registry.register(minio);
            registry.register(aws);

            ShardManifest manifest = registry.storeShardSet(codec.encode(data, "belief-42"));
            Files.writeString(tmp.resolve("belief-42.json"), manifest.toJson());
            byte[] back = registry.retrieveObject(ShardManifest.fromJson(
                    Files.readString(tmp.resolve("belief-42.json"))), codec);
            ShardManifest healed = registry.repairShardSet(manifest, codec);

            assertArrayEquals(data, back);
            assertEquals(5, manifest.locations().backendIds().size(), "one shard per backend");
            assertArrayEquals(data, codec.decode(registry.retrieveShardSet(healed)).orElseThrow());
            minio.close();
            aws.close();
        }
    }
}
