package org.ourochronos.storage.backend;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.ourochronos.storage.codec.ShardFormat;
import org.ourochronos.storage.codec.StorageShard;
import org.ourochronos.storage.integrity.Hex;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Keeps shards as objects in an S3-compatible bucket through the AWS SDK for Java v2 ({@link S3AsyncClient} on
 * the Netty NIO HTTP client). Works with AWS S3 and with servers that speak its API: MinIO, Ceph RGW, Garage,
 * S3Proxy (see {@code docs/storage.md} for each).
 *
 * <ul>
 *   <li>Object key: {@code keyPrefix + location}; body: the shard in {@link ShardFormat}.</li>
 *   <li>The shard's checksum travels in object metadata ({@code x-amz-meta-shard-checksum}, hex, plus
 *       {@code x-amz-meta-checksum-algorithm}, {@code x-amz-meta-shard-index}, {@code x-amz-meta-format}); a
 *       retrieved object must parse, re-hash to its checksum, and agree with that metadata, or
 *       {@link CorruptedShardException} is raised.</li>
 *   <li>Shards larger than {@link S3Config#multipartThreshold()} are uploaded in parts of
 *       {@link S3Config#partSize()}, in parallel; a failed multipart upload is aborted so no parts linger.</li>
 *   <li>Rejected credentials, a missing bucket, an unreachable endpoint → {@link BackendUnavailableException};
 *       other service errors → {@link StorageBackendException}; both name the backend, bucket and key.</li>
 *   <li>The SDK's newer default of adding CRC checksums to every request (aws-chunked encoding) is turned down to
 *       "when required": several S3-compatible servers reject it, and integrity is checked end to end by the
 *       shard checksum anyway.</li>
 *   <li>No quota: {@link #stats()} reports {@link BackendStats#UNLIMITED}; bucket quotas are the server's business.</li>
 * </ul>
 *
 * <pre>{@code
 * try (S3Backend s3 = new S3Backend(S3Config.builder()
 *         .id("garage").bucket("shards").endpoint(URI.create("http://10.0.0.5:3900"))
 *         .region("garage").pathStyle(true).credentials(keyId, secret).build())) {
 *     String location = s3.store(shard).join();
 * }
 * }</pre>
 */
public final class S3Backend implements StorageBackend {

    /** Metadata key (after {@code x-amz-meta-}) holding the shard checksum in hex. */
    public static final String META_CHECKSUM = "shard-checksum";
    /** Metadata key holding the checksum algorithm's canonical name. */
    public static final String META_ALGORITHM = "checksum-algorithm";
    /** Metadata key holding the shard index. */
    public static final String META_INDEX = "shard-index";
    /** Metadata key holding the body format. */
    public static final String META_FORMAT = "format";
    /** Value of {@link #META_FORMAT}. */
    public static final String FORMAT = "ourstorage-shard-v" + ShardFormat.VERSION;

    private final S3Config config;
    private final S3AsyncClient s3;

    /** Builds the client; makes no request (the bucket is first touched by the first operation). */
    public S3Backend(S3Config config) {
        this.config = Objects.requireNonNull(config, "config");
        RetryStrategy retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.maxAttempts()).build();
        var builder = S3AsyncClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(config.credentialsOrDefault())
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(EventLoop.GROUP)
                        .connectionTimeout(config.connectTimeout())
                        .maxConcurrency(64))
                .overrideConfiguration(o -> o.retryStrategy(retry).apiCallTimeout(config.apiCallTimeout()));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        this.s3 = builder.build();
    }

    /**
     * One Netty event loop group for all S3 backends of the process: a client that owns its group shuts it down
     * gracefully on close, which blocks for Netty's two-second quiet period. A shared group is never closed; its
     * threads are daemons.
     */
    private static final class EventLoop {
        static final SdkEventLoopGroup GROUP = SdkEventLoopGroup.builder()
                .numberOfThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .threadFactory(Thread.ofPlatform().daemon().name("our-storage-s3-", 0).factory())
                .build();
    }

    /** The configuration. */
    public S3Config config() {
        return config;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String type() {
        return "s3";
    }

    private String key(String location) {
        return config.keyPrefix() + location;
    }

    /** Creates the bucket unless it exists already (convenience for tests and first-time setup). */
    public CompletableFuture<Void> createBucketIfMissing() {
        return guard(null, () -> s3.createBucket(b -> b.bucket(config.bucket()))
                .handle((r, t) -> {
                    Throwable c = StorageBackendException.unwrap(t);
                    if (c == null || c instanceof BucketAlreadyOwnedByYouException
                            || c instanceof AwsServiceException a && "BucketAlreadyExists".equals(errorCode(a))) {
                        return (Void) null;
                    }
                    throw new CompletionException(c);
                }));
    }

    // ------------------------------------------------------------------------------------------------ store

    @Override
    public CompletableFuture<String> store(StorageShard shard) {
        Objects.requireNonNull(shard, "shard");
        String location = Locations.of(shard);
        return guard(location, () -> {
            byte[] body = ShardFormat.toBytes(shard);
            Map<String, String> meta = Map.of(
                    META_CHECKSUM, Hex.toHex(shard.checksum()),
                    META_ALGORITHM, shard.checksumAlgorithm().canonicalName(),
                    META_INDEX, Integer.toString(shard.index()),
                    META_FORMAT, FORMAT);
            CompletableFuture<?> put = body.length > config.multipartThreshold()
                    ? multipart(key(location), body, meta)
                    : s3.putObject(b -> b.bucket(config.bucket()).key(key(location)).metadata(meta)
                            .contentType("application/octet-stream").contentLength((long) body.length),
                            AsyncRequestBody.fromBytesUnsafe(body));
            return put.thenApply(x -> location);
        });
    }

    private CompletableFuture<Void> multipart(String key, byte[] body, Map<String, String> meta) {
        return s3.createMultipartUpload(b -> b.bucket(config.bucket()).key(key).metadata(meta)
                .contentType("application/octet-stream")).thenCompose(created -> {
                    String uploadId = created.uploadId();
                    List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
                    int number = 1;
                    for (long off = 0; off < body.length; off += config.partSize(), number++) {
                        int len = (int) Math.min(config.partSize(), body.length - off);
                        int partNumber = number;
                        ByteBuffer slice = ByteBuffer.wrap(body, (int) off, len).slice();
                        parts.add(s3.uploadPart(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId)
                                        .partNumber(partNumber).contentLength((long) len),
                                AsyncRequestBody.fromByteBufferUnsafe(slice))
                                .thenApply(r -> CompletedPart.builder().partNumber(partNumber).eTag(r.eTag())
                                        .build()));
                    }
                    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                            .thenCompose(x -> s3.completeMultipartUpload(b -> b.bucket(config.bucket()).key(key)
                                    .uploadId(uploadId).multipartUpload(u -> u.parts(
                                            parts.stream().map(CompletableFuture::join).toList()))))
                            .<Void>thenApply(r -> null)
                            .exceptionallyCompose(t -> s3.abortMultipartUpload(b -> b.bucket(config.bucket())
                                            .key(key).uploadId(uploadId))
                                    .handle((r, ignored) -> (Void) null) // the original failure matters more
                                    .thenCompose(x -> CompletableFuture.failedFuture(t)));
                });
    }

    // ------------------------------------------------------------------------------------------------ retrieve

    @Override
    public CompletableFuture<StorageShard> retrieve(String location) {
        return guard(location, () -> {
            Locations.check(id(), location);
            return s3.getObject(b -> b.bucket(config.bucket()).key(key(location)),
                    AsyncResponseTransformer.toBytes()).thenApply(bytes -> verify(location, bytes));
        });
    }

    private StorageShard verify(String location, ResponseBytes<GetObjectResponse> bytes) {
        StorageShard shard = Shards.parseVerified(id(), location, bytes.asByteArrayUnsafe());
        Map<String, String> meta = bytes.response().metadata();
        String recorded = meta.get(META_CHECKSUM);
        if (recorded == null) {
            throw new CorruptedShardException(id(), location, "object has no x-amz-meta-" + META_CHECKSUM
                    + " metadata: not written by this backend");
        }
        if (!recorded.equalsIgnoreCase(Hex.toHex(shard.checksum()))
                || !shard.checksumAlgorithm().canonicalName().equals(meta.get(META_ALGORITHM))) {
            throw new CorruptedShardException(id(), location, "object body holds checksum "
                    + Hex.toHex(shard.checksum()) + " but its metadata records " + recorded);
        }
        return shard;
    }

    // ------------------------------------------------------------------------------------------------ others

    @Override
    public CompletableFuture<Void> delete(String location) {
        return guard(location, () -> {
            Locations.check(id(), location);
            // DeleteObject succeeds for absent keys, as the contract wants.
            return s3.deleteObject(b -> b.bucket(config.bucket()).key(key(location))).thenApply(r -> null);
        });
    }

    @Override
    public CompletableFuture<Boolean> exists(String location) {
        return guard(location, () -> {
            Locations.check(id(), location);
            return s3.headObject(b -> b.bucket(config.bucket()).key(key(location))).thenApply(r -> true)
                    .exceptionallyCompose(t -> {
                        Throwable c = StorageBackendException.unwrap(t);
                        if (c instanceof AwsServiceException a && a.statusCode() == 404) {
                            // HEAD errors have no body: tell a missing key from a missing bucket.
                            return s3.headBucket(b -> b.bucket(config.bucket())).thenApply(r -> false);
                        }
                        return CompletableFuture.failedFuture(c);
                    });
        });
    }

    @Override
    public CompletableFuture<List<String>> list(String prefix) {
        return guard(null, () -> {
            Locations.checkPrefix(id(), prefix);
            List<String> out = new ArrayList<>();
            int cut = config.keyPrefix().length();
            return s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(key(prefix))).contents()
                    .subscribe(o -> {
                        String location = o.key().substring(cut);
                        if (isLocation(location)) {
                            synchronized (out) {
                                out.add(location);
                            }
                        }
                    }).thenApply(x -> {
                        synchronized (out) {
                            return out.stream().sorted().toList();
                        }
                    });
        });
    }

    private boolean isLocation(String s) {
        try {
            Locations.check(id(), s);
            return true;
        } catch (InvalidLocationException e) {
            return false; // a foreign object sharing the prefix
        }
    }

    @Override
    public CompletableFuture<BackendStats> stats() {
        return guard(null, () -> {
            AtomicLong count = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            int cut = config.keyPrefix().length();
            return s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(config.keyPrefix())).contents()
                    .subscribe(o -> {
                        if (isLocation(o.key().substring(cut))) {
                            count.incrementAndGet();
                            bytes.addAndGet(o.size());
                        }
                    }).thenApply(x -> new BackendStats(count.get(), bytes.get(), BackendStats.UNLIMITED,
                            BackendStats.UNLIMITED, true, Instant.now()));
        });
    }

    @Override
    public CompletableFuture<HealthStatus> healthCheck() {
        long start = System.nanoTime();
        return guard(null, () -> s3.headBucket(b -> b.bucket(config.bucket())))
                .thenApply(r -> HealthStatus.ok(id(), start))
                .exceptionally(t -> HealthStatus.failed(id(), start, t));
    }

    // ------------------------------------------------------------------------------------------------ errors

    /** Runs {@code op}, turning synchronous throws and SDK failures into this library's typed exceptions. */
    private <T> CompletableFuture<T> guard(String location,
                                           java.util.function.Supplier<CompletableFuture<T>> op) {
        return Futures.call(op).exceptionallyCompose(t -> CompletableFuture.failedFuture(translate(location, t)));
    }

    private StorageBackendException translate(String location, Throwable t) {
        Throwable c = StorageBackendException.unwrap(t);
        String where = "bucket '" + config.bucket() + "'" + (location == null ? "" : ", key '" + key(location) + "'");
        String endpoint = config.endpoint() == null ? "AWS" : config.endpoint().toString();
        return switch (c) {
            case StorageBackendException e -> e;
            case NoSuchKeyException e -> new ShardNotFoundException(id(), location, "no object at " + where, e);
            case NoSuchBucketException e -> new BackendUnavailableException(id(), location, "bucket '"
                    + config.bucket() + "' does not exist at " + endpoint, e);
            case AwsServiceException e when e.statusCode() == 403 || e.statusCode() == 401 ->
                    new BackendUnavailableException(id(), location, "access denied by " + endpoint + " ("
                            + errorCode(e) + ", HTTP " + e.statusCode() + "): check the credentials and bucket "
                            + "policy; " + where, e);
            case AwsServiceException e when e.statusCode() == 404 && location == null ->
                    new BackendUnavailableException(id(), null, "bucket '" + config.bucket()
                            + "' does not exist at " + endpoint, e);
            case AwsServiceException e when e.statusCode() == 404 ->
                    new ShardNotFoundException(id(), location, "no object at " + where, e);
            case AwsServiceException e when e.statusCode() >= 500 ->
                    new BackendUnavailableException(id(), location, "server error " + errorCode(e) + " (HTTP "
                            + e.statusCode() + ") from " + endpoint + " for " + where, e);
            case AwsServiceException e -> new StorageBackendException(id(), location, "S3 error " + errorCode(e)
                    + " (HTTP " + e.statusCode() + ") for " + where + ": " + e.getMessage(), e);
            case SdkClientException e -> new BackendUnavailableException(id(), location, "cannot reach " + endpoint
                    + " for " + where + ": " + e.getMessage(), e);
            default -> new StorageBackendException(id(), location, "unexpected failure for " + where + ": " + c, c);
        };
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
    }

    /** Closes the S3 client and its connection pool. */
    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3Backend[" + id() + ", " + config.endpoint() + "/" + config.bucket() + "/" + config.keyPrefix()
                + "]";
    }
}
