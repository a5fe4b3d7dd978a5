package org.ourochronos.storage.jmh;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ourochronos.storage.backend.BackendRegistry;
import org.ourochronos.storage.backend.BackendStats;
import org.ourochronos.storage.backend.LocalFileBackend;
import org.ourochronos.storage.backend.S3Backend;
import org.ourochronos.storage.backend.S3Config;
import org.ourochronos.storage.backend.ShardManifest;
import org.ourochronos.storage.backend.StorageBackend;
import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Put and get of one 64 MiB object through the {@link BackendRegistry} at the PERSONAL level (3 + 2: encode, five
 * shards stored in parallel on five backends; {@code get}: fetch all five in parallel, verify, decode;
 * {@code getObject}: the read path, fetching only the three data shards), against writing and reading the same
 * bytes raw in the same run.
 *
 * <ul>
 *   <li>{@code target=local}: five {@link LocalFileBackend}s in five directories under {@code java.io.tmpdir}
 *       (one disk). Raw peers: {@code Files.write} / {@code Files.readAllBytes} of one file, and
 *       {@code rawPutDurable}, the same write plus {@code FileChannel.force} (our backend forces every file and
 *       its directory, so this is the like-for-like peer).</li>
 *   <li>{@code target=s3}: five {@link S3Backend}s on five buckets of one S3Proxy (transient in-memory store,
 *       loopback, signature auth). Raw peer: a bare {@code putObject} / {@code getObject} of the 64 MiB with the
 *       same SDK client setup. Our shards (~21.3 MiB serialised) exceed the 8 MiB multipart threshold, so they go
 *       up as multipart uploads.</li>
 * </ul>
 *
 * Throughput = 64 MiB / (time per op). {@code rawPutDurable} is meaningful for {@code local} only; for {@code s3} it
 * falls back to the plain raw put. Run, e.g.:
 * <pre>
 * java -jar codec-jmh/target/benchmarks.jar StorageBenchmark -p target=local
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class StorageBenchmark {

    /** 64 MiB. */
    public static final int SIZE = 64 << 20;

    private static final String IDENTITY = "bench-identity";
    private static final String CREDENTIAL = "bench-credential-0123456789";

    @Param({"local", "s3"})
    public String target;

    private byte[] data;
    private ErasureCodec codec;
    private BackendRegistry registry;
    private final List<StorageBackend> backends = new ArrayList<>();
    private ShardManifest stored;
    private final List<ShardManifest> written = new ArrayList<>();

    private Path root;
    private Path rawFile;

    private BlobStoreContext blobs;
    private S3Proxy proxy;
    private S3AsyncClient raw;
    private static final String RAW_BUCKET = "raw-bucket";

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        data = new byte[SIZE];
        new Random(42).nextBytes(data);
        codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        registry = new BackendRegistry();
        root = Files.createTempDirectory("storage-bench-");
        rawFile = root.resolve("raw-64mib.bin");
        if (target.equals("local")) {
            for (int i = 0; i < 5; i++) {
                backends.add(new LocalFileBackend("disk-" + i, root.resolve("disk-" + i), BackendStats.UNLIMITED));
            }
        } else {
            blobs = ContextBuilder.newBuilder("transient").credentials(IDENTITY, CREDENTIAL)
                    .build(BlobStoreContext.class);
            proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                    .v4MaxNonChunkedRequestSize(256L << 20).build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            for (int i = 0; i < 5; i++) {
                S3Backend b = new S3Backend(S3Config.builder().id("s3-" + i).bucket("bench-" + i).endpoint(endpoint)
                        .pathStyle(true).credentials(IDENTITY, CREDENTIAL).build());
                b.createBucketIfMissing().join();
                backends.add(b);
            }
            raw = S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY,
                            CREDENTIAL)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            raw.createBucket(b -> b.bucket(RAW_BUCKET)).join();
        }
        backends.forEach(registry::register);
        stored = registry.storeShardSet(codec.encode(data, "bench"));
        rawPut();
        // Check once that every path returns the bytes it was given.
        if (!Arrays.equals(data, get()) || !Arrays.equals(data, getObject()) || !Arrays.equals(data, rawGet())) {
            throw new IllegalStateException("benchmark round trip returned different bytes");
        }
    }

    /** Encode at PERSONAL and store the five shards on five backends. */
    @Benchmark
    public ShardManifest put() {
        ShardManifest m = registry.storeShardSet(codec.encode(data, "bench"));
        synchronized (written) {
            written.add(m);
        }
        return m;
    }

    /** Fetch the five shards in parallel (each verified) and decode. */
    @Benchmark
    public byte[] get() {
        return codec.decode(registry.retrieveShardSet(stored)).orElseThrow();
    }

    /** {@link BackendRegistry#retrieveObject}: fetch only the three data shards (all healthy here) and decode. */
    @Benchmark
    public byte[] getObject() {
        return registry.retrieveObject(stored, codec);
    }

    /** The same bytes written raw: {@code Files.write}, or a bare {@code putObject}. */
    @Benchmark
    public Object rawPut() throws IOException {
        if (raw == null) {
            return Files.write(rawFile, data);
        }
        return raw.putObject(b -> b.bucket(RAW_BUCKET).key("raw-64mib"), AsyncRequestBody.fromBytesUnsafe(data))
                .join();
    }

    /** {@code local}: write then {@code FileChannel.force}, as the backend does for every file. */
    @Benchmark
    public Object rawPutDurable() throws IOException {
        if (raw != null) {
            return rawPut();
        }
        try (FileChannel ch = FileChannel.open(rawFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return rawFile;
    }

    /** The same bytes read raw: {@code Files.readAllBytes}, or a bare {@code getObject}. */
    @Benchmark
    public byte[] rawGet() throws IOException {
        if (raw == null) {
            return Files.readAllBytes(rawFile);
        }
        return raw.getObject(b -> b.bucket(RAW_BUCKET).key("raw-64mib"), AsyncResponseTransformer.toBytes()).join()
                .asByteArrayUnsafe();
    }

    /** Drop what {@link #put()} wrote so disk and S3Proxy's memory do not fill up. */
    @TearDown(Level.Iteration)
    public void dropWritten() {
        synchronized (written) {
            written.forEach(registry::deleteShardSet);
            written.clear();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        dropWritten();
        backends.forEach(StorageBackend::close);
        if (raw != null) {
            raw.close();
            proxy.stop();
            blobs.close();
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
