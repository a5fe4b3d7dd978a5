package org.ourochronos.storage.backend;

import java.nio.file.Path;

import org.ourochronos.storage.codec.ErasureCodec;
import org.ourochronos.storage.codec.RedundancyLevel;
import org.ourochronos.storage.codec.ShardSet;
import org.ourochronos.storage.codec.StorageShard;

/**
 * Child-process main for {@link LocalFileBackendTest}: stores shards into a directory forever, printing
 * {@code STORED <location>} after each completed store, until the parent kills it with SIGKILL.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    /** {@code args[0]}: directory; {@code args[1]}: seed. */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[1]);
        ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);
        try (LocalFileBackend backend = new LocalFileBackend("crash", Path.of(args[0]), BackendStats.UNLIMITED)) {
            for (long i = 0; ; i++) {
                ShardSet set = codec.encode(TestShards.random(4_000_000 + (int) (i % 7) * 1_000_000, seed + i),
                        "crash-" + seed + "-" + i);
                for (StorageShard s : set.availableShards()) {
                    String location = backend.store(s).join();
                    System.out.println("STORED " + location);
                    System.out.flush();
                }
            }
        }
    }
}
