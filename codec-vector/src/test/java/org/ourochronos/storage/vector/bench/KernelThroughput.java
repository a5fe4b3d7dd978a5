package org.ourochronos.storage.vector.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;
import org.ourochronos.storage.galois.PreparedMatrix;

/**
 * Quick single-thread throughput harness for tuning the kernels by hand; not a test, not the project's figures
 * (those come from codec-jmh). Multiplies k data shards by an m × k matrix of random non-zero coefficients (the
 * speed does not depend on their values) and prints GB/s of data (k × shard size per call), best of three rounds
 * after a warm-up round. Kernels are looked up among all candidates, usable or not.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *      -cp codec-core/target/classes:codec-vector/target/classes:codec-vector/target/test-classes \
 *      org.ourochronos.storage.vector.bench.KernelThroughput \
 *      [kernels=scalar,vector-nibble-512,vector-vbmi-512] [shapes=10+4,5+4] [sizes=65536,1048576] [seconds=2]
 *      [memory=array|segment]
 * </pre>
 */
public final class KernelThroughput {

    private KernelThroughput() {
    }

    /** Runs the harness; arguments as {@code key=value}, see the class comment. */
    public static void main(String[] args) {
        String kernels = arg(args, "kernels", "all");
        String shapes = arg(args, "shapes", "10+4,5+4");
        String sizes = arg(args, "sizes", "4096,65536,1048576");
        double seconds = Double.parseDouble(arg(args, "seconds", "2"));
        boolean segment = arg(args, "memory", "array").equals("segment");
        System.out.println(GaloisKernels.describe());
        List<GaloisKernel> all = GaloisKernels.selection().candidates();
        for (GaloisKernel kernel : all) {
            if (!kernels.equals("all") && !Arrays.asList(kernels.split(",")).contains(kernel.name())) {
                continue;
            }
            for (String shape : shapes.split(",")) {
                int k = Integer.parseInt(shape.split("\\+")[0]);
                int m = Integer.parseInt(shape.split("\\+")[1]);
                for (String size : sizes.split(",")) {
                    run(kernel, k, m, Integer.parseInt(size), seconds, segment);
                }
            }
        }
    }

    private static void run(GaloisKernel kernel, int k, int m, int size, double seconds, boolean segment) {
        Random random = new Random(42);
        byte[][] matrix = new byte[m][k];
        for (byte[] row : matrix) {
            for (int c = 0; c < k; c++) {
                row[c] = (byte) (1 + random.nextInt(255));
            }
        }
        PreparedMatrix prepared = kernel.prepare(matrix);
        byte[][] in = new byte[k][size];
        byte[][] out = new byte[m][size];
        for (byte[] shard : in) {
            random.nextBytes(shard);
        }
        Arena arena = Arena.ofAuto();
        MemorySegment[] inSeg = new MemorySegment[k];
        MemorySegment[] outSeg = new MemorySegment[m];
        for (int i = 0; i < k; i++) {
            inSeg[i] = arena.allocate(size, 64).copyFrom(MemorySegment.ofArray(in[i]));
        }
        for (int i = 0; i < m; i++) {
            outSeg[i] = arena.allocate(size, 64);
        }
        // Warm-up, then the measured interval; repeat calls so that each timing covers at least ~1 ms.
        long bytesPerCall = (long) k * size;
        int callsPerCheck = (int) Math.max(1, 2_000_000 / bytesPerCall);
        double best = 0;
        for (int round = 0; round < 4; round++) {
            long calls = 0;
            long start = System.nanoTime();
            long deadline = start + (long) (seconds / 4 * 1e9);
            long now;
            do {
                for (int i = 0; i < callsPerCheck; i++) {
                    if (segment) {
                        kernel.multiply(prepared, inSeg, outSeg, size);
                    } else {
                        kernel.multiply(prepared, in, 0, out, 0, size);
                    }
                }
                calls += callsPerCheck;
                now = System.nanoTime();
            } while (now < deadline);
            double gbps = calls * bytesPerCall / ((now - start) / 1e9) / 1e9;
            if (round > 0) {
                best = Math.max(best, gbps);
            }
        }
        System.out.printf("%-18s %2d+%-2d %8d B %-7s %7.2f GB/s%n", kernel.name(), k, m, size,
                segment ? "segment" : "array", best);
    }

    private static String arg(String[] args, String key, String fallback) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return a.substring(key.length() + 1);
            }
        }
        return fallback;
    }
}
