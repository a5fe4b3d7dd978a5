package org.ourochronos.storage.backend;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server for the tests: S3Proxy on 127.0.0.1 (a free port), authentication on (AWS signature v2 or
 * v4 with a fixed identity and credential), backed by jclouds' in-memory "transient" blob store.
 *
 * <pre>{@code
 * try (S3ProxyServer server = S3ProxyServer.start()) {
 *     S3Backend s3 = new S3Backend(server.config("s3-1", "bucket-1").build());
 * }
 * }</pre>
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "test-identity";
    static final String CREDENTIAL = "test-credential-0123456789";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer shared;

    private final BlobStoreContext context;
    private S3Proxy proxy;
    private int port;

    private S3ProxyServer(int port) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials(IDENTITY, CREDENTIAL)
                .build(BlobStoreContext.class);
        launch(port);
    }

    /** A new server on a free port. */
    static S3ProxyServer start() throws Exception {
        return new S3ProxyServer(0);
    }

    /** One server for the whole test JVM, started on first use and never stopped (daemon threads). */
    static synchronized S3ProxyServer shared() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private void launch(int requestedPort) throws Exception {
        BlobStore store = context.getBlobStore();
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + requestedPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .v4MaxNonChunkedRequestSize(256L << 20)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        port = proxy.getPort();
    }

    /** Stops answering (the stored objects stay in memory). */
    void stop() throws Exception {
        proxy.stop();
    }

    /** Starts again on the same port with the same objects. */
    void restart() throws Exception {
        launch(port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A fresh unique bucket name. */
    static String newBucket() {
        return "bucket-" + BUCKETS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Config for this server with the right credentials, one attempt per request and short timeouts. */
    S3Config.Builder config(String id, String bucket) {
        return S3Config.builder().id(id).bucket(bucket).endpoint(endpoint()).region("us-east-1").pathStyle(true)
                .credentials(IDENTITY, CREDENTIAL).maxAttempts(1).connectTimeout(Duration.ofSeconds(2))
                .apiCallTimeout(Duration.ofSeconds(30));
    }

    /** A backend on a new bucket that exists. */
    S3Backend newBackend(String id) {
        S3Backend b = new S3Backend(config(id, newBucket()).build());
        b.createBucketIfMissing().join();
        return b;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
