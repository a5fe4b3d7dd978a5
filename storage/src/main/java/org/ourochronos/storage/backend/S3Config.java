package org.ourochronos.storage.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to reach an S3-compatible bucket: AWS S3, MinIO, Ceph RGW, Garage, S3Proxy, ...
 *
 * @param id                 the backend id
 * @param bucket             the bucket (must exist; see {@link S3Backend#createBucketIfMissing()})
 * @param keyPrefix          prepended to every location to form the object key ({@code ""} or e.g.
 *                           {@code "shards/"}); lets several backends share a bucket
 * @param endpoint           endpoint override ({@code http://127.0.0.1:9000} for MinIO), or {@code null} for AWS
 * @param region             the signing region ({@code us-east-1}; MinIO and Ceph accept any, Garage wants its own
 *                           {@code s3_region}, usually {@code garage})
 * @param pathStyle          {@code true} for {@code endpoint/bucket/key} URLs (MinIO, Ceph, Garage, S3Proxy);
 *                           {@code false} for virtual-hosted {@code bucket.endpoint/key} (AWS)
 * @param credentials        static or any other provider; {@code null} means the SDK's default chain
 *                           (environment, profile, instance role)
 * @param multipartThreshold shards whose serialized form is larger than this go up as multipart uploads
 * @param partSize           bytes per part of a multipart upload (S3 requires at least 5 MiB for all but the last)
 * @param maxAttempts        attempts per request including retries (1 = no retry)
 * @param apiCallTimeout     limit for one whole call including retries
 * @param connectTimeout     limit for opening a connection
 *
 * <pre>{@code
 * S3Config minio = S3Config.builder()
 *         .id("minio-1").bucket("shards")
 *         .endpoint(URI.create("http://127.0.0.1:9000")).pathStyle(true).region("us-east-1")
 *         .credentials("minioadmin", "minioadmin")
 *         .build();
 * }</pre>
 */
public record S3Config(String id, String bucket, String keyPrefix, URI endpoint, String region, boolean pathStyle,
                       AwsCredentialsProvider credentials, long multipartThreshold, long partSize, int maxAttempts,
                       Duration apiCallTimeout, Duration connectTimeout) {

    /** Default multipart threshold and part size: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L << 20;

    /** S3's smallest allowed part (except the last). */
    public static final long MIN_PART_SIZE = 5L << 20;

    /** Checks every field. */
    public S3Config {
        BackendIds.check(id);
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("backend '" + id + "': bucket name must be 3..63 characters of "
                    + "lowercase letters, digits, '.' and '-', got " + bucket);
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        if (keyPrefix.startsWith("/") || keyPrefix.contains("..") || keyPrefix.length() > 512) {
            throw new IllegalArgumentException("backend '" + id + "': key prefix must not start with '/' or contain "
                    + "'..', got '" + keyPrefix + "'");
        }
        Objects.requireNonNull(region, "region");
        if (multipartThreshold < 1) {
            throw new IllegalArgumentException("backend '" + id + "': multipart threshold must be positive");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("backend '" + id + "': part size must be at least " + MIN_PART_SIZE
                    + " bytes (S3's minimum), got " + partSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("backend '" + id + "': maxAttempts must be at least 1");
        }
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The credentials provider to use: the configured one or the SDK's default chain. */
    AwsCredentialsProvider credentialsOrDefault() {
        return credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
    }

    /** A builder with defaults: region us-east-1, virtual-hosted style, default credentials, 8 MiB parts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link S3Config}; {@code id} and {@code bucket} are required. */
    public static final class Builder {
        private String id;
        private String bucket;
        private String keyPrefix = "";
        private URI endpoint;
        private String region = "us-east-1";
        private boolean pathStyle;
        private AwsCredentialsProvider credentials;
        private long multipartThreshold = DEFAULT_PART_SIZE;
        private long partSize = DEFAULT_PART_SIZE;
        private int maxAttempts = 3;
        private Duration apiCallTimeout = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The backend id. */
        public Builder id(String v) {
            id = v;
            return this;
        }

        /** The bucket. */
        public Builder bucket(String v) {
            bucket = v;
            return this;
        }

        /** Key prefix, e.g. {@code "shards/"}. */
        public Builder keyPrefix(String v) {
            keyPrefix = v;
            return this;
        }

        /** Endpoint override for S3-compatible servers. */
        public Builder endpoint(URI v) {
            endpoint = v;
            return this;
        }

        /** Signing region. */
        public Builder region(String v) {
            region = v;
            return this;
        }

        /** Path-style URLs (needed by most self-hosted servers). */
        public Builder pathStyle(boolean v) {
            pathStyle = v;
            return this;
        }

        /** Static access key and secret. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                    secretAccessKey));
            return this;
        }

        /** Any credentials provider ({@code null}: the SDK's default chain). */
        public Builder credentials(AwsCredentialsProvider v) {
            credentials = v;
            return this;
        }

        /** Shards serialised larger than this use multipart upload. */
        public Builder multipartThreshold(long v) {
            multipartThreshold = v;
            return this;
        }

        /** Part size of multipart uploads (at least 5 MiB). */
        public Builder partSize(long v) {
            partSize = v;
            return this;
        }

        /** Attempts per request, including retries. */
        public Builder maxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        /** Limit for one call including retries. */
        public Builder apiCallTimeout(Duration v) {
            apiCallTimeout = v;
            return this;
        }

        /** Limit for opening a connection. */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad field */
        public S3Config build() {
            return new S3Config(id, bucket, keyPrefix, endpoint, region, pathStyle, credentials, multipartThreshold,
                    partSize, maxAttempts, apiCallTimeout, connectTimeout);
        }
    }
}
