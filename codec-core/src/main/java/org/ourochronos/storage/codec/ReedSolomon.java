package org.ourochronos.storage.codec;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;
import org.ourochronos.storage.galois.PreparedMatrix;

/**
 * A systematic Reed-Solomon coder over GF(2^8): k data shards, m parity shards, any k of the n = k + m shards
 * rebuild the rest.
 *
 * <p>Encoding multiplies the data shards by the parity block of a {@link CodingMatrix} (m × k). Decoding picks k
 * present shards, inverts the k × k block of the encoding matrix formed by their rows, and multiplies by the rows
 * of the missing shards: {@code D = E[missing] · E[present]^-1}. Because the matrix is MDS, any k present rows are
 * invertible. The decode matrices are cached per erasure pattern (least recently used first out).
 *
 * <p>The public methods are those of Backblaze's JavaReedSolomon, so its users switch by changing one import; with
 * the default {@link CodingMatrix#VANDERMONDE} matrix the bytes are identical too. The hot loop runs in a
 * {@link GaloisKernel}, by default the one {@link GaloisKernels#selected()} for this CPU.
 *
 * <pre>{@code
 * ReedSolomon rs = ReedSolomon.create(4, 2);
 * byte[][] shards = new byte[6][shardSize];            // fill shards[0..3] with data
 * rs.encodeParity(shards, 0, shardSize);
 * boolean[] present = {true, false, true, true, false, true};
 * rs.decodeMissing(shards, present, 0, shardSize);     // shards 1 and 4 are rebuilt in place
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; reuse them. Every method validates its arguments before it writes a
 * byte of the caller's buffers and reports problems with an {@link ErasureCodingException} subclass.
 */
public final class ReedSolomon {

    /** Decode matrices kept per coder. */
    private static final int DECODE_CACHE_SIZE = 256;

    private static final int VERIFY_CHUNK = 64 * 1024;

    private final int dataShardCount;
    private final int parityShardCount;
    private final int totalShardCount;
    private final CodingMatrix codingMatrix;
    private final GaloisKernel kernel;
    private final byte[][] encoding;
    private final PreparedMatrix parityRows;
    /** One 1 × k matrix per parity row for the tempBuffer check, prepared on first use. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<PreparedMatrix> singleParityRows;
    private final Map<DecodeKey, PreparedMatrix> decodeCache;
    /**
     * The last decode plan with its pattern as bit masks (codes of at most 64 shards), so that a caller who keeps
     * losing the same shards skips the cache's key objects, hashing and lock. Decode with 4 KiB shards paid about
     * 160 ns per call for them, a sixth of the call.
     */
    private volatile LastPlan lastPlan;

    private ReedSolomon(int k, int m, CodingMatrix matrix, GaloisKernel kernel) {
        this.dataShardCount = k;
        this.parityShardCount = m;
        this.totalShardCount = k + m;
        this.codingMatrix = matrix;
        this.kernel = kernel;
        this.encoding = matrix.build(k, k + m);
        byte[][] parity = new byte[m][];
        System.arraycopy(encoding, k, parity, 0, m);
        this.parityRows = kernel.prepare(parity);
        this.singleParityRows = new java.util.concurrent.atomic.AtomicReferenceArray<>(m);
        this.decodeCache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DecodeKey, PreparedMatrix> eldest) {
                return size() > DECODE_CACHE_SIZE;
            }
        };
    }

    /**
     * A coder with the {@link CodingMatrix#VANDERMONDE} matrix (Backblaze- and klauspost-compatible) and the
     * selected kernel.
     *
     * @throws InvalidShardCountException unless {@code 1 ≤ k}, {@code 1 ≤ m}, {@code k + m ≤ 256}
     */
    public static ReedSolomon create(int dataShardCount, int parityShardCount) {
        return create(dataShardCount, parityShardCount, CodingMatrix.VANDERMONDE);
    }

    /** A coder with the given matrix and the selected kernel. */
    public static ReedSolomon create(int dataShardCount, int parityShardCount, CodingMatrix matrix) {
        return create(dataShardCount, parityShardCount, matrix, GaloisKernels.selected());
    }

    /** A coder with the given matrix and kernel (tests and benchmarks compare kernels this way). */
    public static ReedSolomon create(int dataShardCount, int parityShardCount, CodingMatrix matrix,
                                     GaloisKernel kernel) {
        checkCounts(dataShardCount, parityShardCount);
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(kernel, "kernel");
        if (!kernel.isUsable()) {
            throw new IllegalArgumentException("kernel " + kernel.name() + " is not usable here: "
                    + kernel.unavailableReason().orElse(""));
        }
        return new ReedSolomon(dataShardCount, parityShardCount, matrix, kernel);
    }

    static void checkCounts(int k, int m) {
        if (k < 1) {
            throw new InvalidShardCountException("data shard count must be at least 1, got " + k);
        }
        if (m < 1) {
            throw new InvalidShardCountException("parity shard count must be at least 1, got " + m);
        }
        if (k + m > CodingMatrix.MAX_TOTAL_SHARDS) {
            throw new InvalidShardCountException("data + parity shards must be at most "
                    + CodingMatrix.MAX_TOTAL_SHARDS + ", got " + k + " + " + m + " = " + (k + m));
        }
    }

    public int getDataShardCount() {
        return dataShardCount;
    }

    public int getParityShardCount() {
        return parityShardCount;
    }

    public int getTotalShardCount() {
        return totalShardCount;
    }

    /** The matrix family this coder uses. */
    public CodingMatrix getCodingMatrix() {
        return codingMatrix;
    }

    /** The kernel doing the field arithmetic. */
    public GaloisKernel getKernel() {
        return kernel;
    }

    /** A copy of the n × k encoding matrix. */
    public byte[][] encodingMatrix() {
        return Matrix.copy(encoding);
    }

    // ---------------------------------------------------------------------------------------------------- encode

    /**
     * Computes the parity shards {@code shards[k .. n)} from the data shards {@code shards[0 .. k)}, over bytes
     * {@code [offset, offset + byteCount)} of each.
     *
     * @throws InvalidShardsException if {@code shards} is null, has the wrong length or holds a null shard
     * @throws ShardSizeException     if shards differ in length or the range is outside them
     */
    public void encodeParity(byte[][] shards, int offset, int byteCount) {
        checkArrays(shards, offset, byteCount);
        if (byteCount == 0) {
            return;
        }
        kernel.multiply(parityRows, slice(shards, 0, dataShardCount), offset,
                slice(shards, dataShardCount, parityShardCount), offset, byteCount);
    }

    /**
     * Computes parity from heap or direct buffers: each buffer from its position to its limit (all the same
     * length); positions and limits are unchanged.
     */
    public void encodeParity(ByteBuffer[] shards) {
        int length = checkBuffers(shards, null);
        if (length == 0) {
            return;
        }
        ByteBuffer[] data = new ByteBuffer[dataShardCount];
        ByteBuffer[] parity = new ByteBuffer[parityShardCount];
        System.arraycopy(shards, 0, data, 0, dataShardCount);
        System.arraycopy(shards, dataShardCount, parity, 0, parityShardCount);
        kernel.multiply(parityRows, data, parity, length);
    }

    /**
     * Whether the parity shards match the data shards over {@code [firstByte, firstByte + byteCount)}. Does not
     * modify {@code shards}.
     */
    public boolean isParityCorrect(byte[][] shards, int firstByte, int byteCount) {
        checkArrays(shards, firstByte, byteCount);
        int chunk = Math.min(byteCount, VERIFY_CHUNK);
        if (chunk == 0) {
            return true;
        }
        return parityMatches(shards, firstByte, byteCount, new byte[parityShardCount][chunk], chunk);
    }

    /**
     * Backblaze's form of {@link #isParityCorrect(byte[][], int, int)} that computes into a caller-supplied scratch
     * buffer of at least {@code byteCount} bytes instead of allocating. One parity row at a time is checked.
     *
     * @throws ShardSizeException if {@code tempBuffer} is shorter than {@code byteCount}
     */
    public boolean isParityCorrect(byte[][] shards, int firstByte, int byteCount, byte[] tempBuffer) {
        checkArrays(shards, firstByte, byteCount);
        if (tempBuffer == null) {
            throw new InvalidShardsException("tempBuffer is null");
        }
        if (tempBuffer.length < byteCount) {
            throw new ShardSizeException("tempBuffer has " + tempBuffer.length + " bytes, byteCount is " + byteCount);
        }
        if (byteCount == 0) {
            return true;
        }
        byte[][] data = slice(shards, 0, dataShardCount);
        byte[][] out = {tempBuffer};
        for (int p = 0; p < parityShardCount; p++) {
            PreparedMatrix row = singleParityRows.get(p);
            if (row == null) {
                row = kernel.prepare(new byte[][] {encoding[dataShardCount + p]});
                singleParityRows.compareAndSet(p, null, row);
            }
            kernel.multiply(row, data, firstByte, out, 0, byteCount);
            if (!java.util.Arrays.equals(tempBuffer, 0, byteCount,
                    shards[dataShardCount + p], firstByte, firstByte + byteCount)) {
                return false;
            }
        }
        return true;
    }

    private boolean parityMatches(byte[][] shards, int firstByte, int byteCount, byte[][] expected, int chunk) {
        byte[][] data = slice(shards, 0, dataShardCount);
        for (int done = 0; done < byteCount; done += chunk) {
            int len = Math.min(chunk, byteCount - done);
            kernel.multiply(parityRows, data, firstByte + done, expected, 0, len);
            for (int p = 0; p < parityShardCount; p++) {
                if (!java.util.Arrays.equals(expected[p], 0, len,
                        shards[dataShardCount + p], firstByte + done, firstByte + done + len)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- decode

    /**
     * Rebuilds every shard whose {@code shardPresent} flag is false (data and parity) from the present ones, over
     * bytes {@code [offset, offset + byteCount)}. All n arrays must exist (missing ones are written into); present
     * shards are only read.
     *
     * @throws InsufficientShardsException if fewer than k shards are present
     */
    public void decodeMissing(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
        checkArrays(shards, offset, byteCount);
        checkPresent(shardPresent);
        Plan plan = plan(shardPresent);
        if (plan == null || byteCount == 0) {
            return;
        }
        kernel.multiply(plan.matrix, pick(shards, plan.used), offset, pick(shards, plan.wanted), offset,
                byteCount);
    }

    /**
     * Rebuilds only the missing <em>data</em> shards (indices below k) from the present ones; missing parity
     * shards are left as they are (klauspost's {@code ReconstructData}). All n arrays must exist. Cheaper than
     * {@link #decodeMissing} when only the original data is wanted.
     *
     * @throws InsufficientShardsException if fewer than k shards are present
     */
    public void reconstructData(byte[][] shards, boolean[] shardPresent, int offset, int byteCount) {
        checkArrays(shards, offset, byteCount);
        checkPresent(shardPresent);
        boolean[] wantedOnlyData = shardPresent.clone();
        for (int i = dataShardCount; i < totalShardCount; i++) {
            wantedOnlyData[i] = true; // parity is never an output here; plan() still reads only present rows
        }
        Plan plan = plan(shardPresent, wantedOnlyData);
        if (plan == null || byteCount == 0) {
            return;
        }
        kernel.multiply(plan.matrix, pick(shards, plan.used), offset, pick(shards, plan.wanted), offset,
                byteCount);
    }

    /**
     * Rebuilds the shards listed in {@code erasedIndices} from all the others (a form convenient for callers that
     * track losses, such as Hadoop).
     *
     * @throws InvalidShardsException if an index is out of range or repeated
     */
    public void decode(byte[][] shards, int[] erasedIndices, int offset, int byteCount) {
        decodeMissing(shards, presentFromErased(erasedIndices), offset, byteCount);
    }

    /**
     * Rebuilds missing shards held in heap or direct buffers, each used from its position to its limit (all the
     * same length); positions and limits are unchanged.
     */
    public void decodeMissing(ByteBuffer[] shards, boolean[] shardPresent) {
        checkPresent(shardPresent);
        int length = checkBuffers(shards, shardPresent);
        Plan plan = plan(shardPresent);
        if (plan == null || length == 0) {
            return;
        }
        ByteBuffer[] in = new ByteBuffer[plan.used.length];
        ByteBuffer[] out = new ByteBuffer[plan.wanted.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = shards[plan.used[i]];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = shards[plan.wanted[i]];
        }
        kernel.multiply(plan.matrix, in, out, length);
    }

    /** Buffer form of {@link #decode(byte[][], int[], int, int)}. */
    public void decode(ByteBuffer[] shards, int[] erasedIndices) {
        decodeMissing(shards, presentFromErased(erasedIndices));
    }

    private record DecodeKey(BitSet used, BitSet wanted) {
    }

    private record Plan(int[] used, int[] wanted, PreparedMatrix matrix) {
    }

    /** A plan (null: nothing to write) and the present / not-wanted patterns it was made for, bit i for shard i. */
    private record LastPlan(long present, long notWanted, Plan plan) {
    }

    private Plan plan(boolean[] present) {
        return plan(present, present);
    }

    /**
     * Which k shards to read (from {@code present}), which to write (those not in {@code notWanted}), and the
     * matrix between them; null when nothing is to be written. Repeats of the last pattern reuse its plan.
     */
    private Plan plan(boolean[] present, boolean[] notWanted) {
        if (totalShardCount > Long.SIZE) {
            return newPlan(present, notWanted);
        }
        long presentBits = bits(present);
        long notWantedBits = notWanted == present ? presentBits : bits(notWanted); // plan(present) passes one array
        LastPlan last = lastPlan;
        if (last != null && last.present == presentBits && last.notWanted == notWantedBits) {
            return last.plan; // the same pattern passed every check of newPlan before
        }
        Plan plan = newPlan(present, notWanted);
        lastPlan = new LastPlan(presentBits, notWantedBits, plan);
        return plan;
    }

    private static long bits(boolean[] flags) {
        long bits = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    private Plan newPlan(boolean[] present, boolean[] notWanted) {
        int count = 0;
        for (boolean p : present) {
            if (p) {
                count++;
            }
        }
        if (count < dataShardCount) {
            throw new InsufficientShardsException(count, dataShardCount);
        }
        int wantedCount = 0;
        for (boolean skip : notWanted) {
            if (!skip) {
                wantedCount++;
            }
        }
        if (wantedCount == 0) {
            return null;
        }
        // Prefer data shards (lowest indices): their rows are unit vectors, so the inverse stays sparse.
        int[] used = new int[dataShardCount];
        int[] wanted = new int[wantedCount];
        BitSet usedBits = new BitSet(totalShardCount);
        BitSet wantedBits = new BitSet(totalShardCount);
        for (int i = 0, u = 0, w = 0; i < totalShardCount; i++) {
            if (!notWanted[i]) {
                wanted[w++] = i;
                wantedBits.set(i);
            }
            if (present[i] && u < dataShardCount) {
                used[u++] = i;
                usedBits.set(i);
            }
        }
        return new Plan(used, wanted, matrixFor(used, usedBits, wanted, wantedBits));
    }

    /** The prepared {@code E[wanted] · E[used]^-1}, both index lists ascending; cached per pattern. */
    private PreparedMatrix matrixFor(int[] used, BitSet usedBits, int[] wanted, BitSet wantedBits) {
        DecodeKey key = new DecodeKey(usedBits, wantedBits);
        PreparedMatrix matrix;
        synchronized (decodeCache) {
            matrix = decodeCache.get(key);
        }
        if (matrix == null) {
            byte[][] inverse = Matrix.invert(Matrix.rows(encoding, used));
            matrix = kernel.prepare(Matrix.multiply(Matrix.rows(encoding, wanted), inverse));
            synchronized (decodeCache) {
                decodeCache.put(key, matrix);
            }
        }
        return matrix;
    }

    // ----------------------------------------------------------------------------------------------- reconstruct

    /**
     * Computes the shards listed in {@code targets} from exactly the k shards listed in {@code sources}, held in
     * separate arrays: {@code inputs[i]} is shard {@code sources[i]}, {@code outputs[j]} receives shard
     * {@code targets[j]}. Nothing else is read or written, so callers that hold only some shards (Hadoop's decoder,
     * a backend repairing one shard) pay only for what they ask. Indices may come in any order; the decode matrix is
     * cached per pattern as for {@link #decodeMissing}.
     *
     * <pre>{@code
     * // 6+3: rebuild shard 2 from shards 0, 1, 3, 4, 5, 6
     * rs.reconstruct(new byte[][] {s0, s1, s3, s4, s5, s6}, new int[] {0, 1, 3, 4, 5, 6},
     *                new byte[][] {s2}, new int[] {2}, 0, length);
     * }</pre>
     *
     * @throws InvalidShardsException if {@code sources} is not k distinct indices, {@code targets} repeats an index
     *                                or names a source, an index is out of range, or an array is null
     * @throws ShardSizeException     if an array is shorter than {@code offset + byteCount}
     */
    public void reconstruct(byte[][] inputs, int[] sources, byte[][] outputs, int[] targets, int offset,
                            int byteCount) {
        int[][] order = checkPattern(inputs, sources, outputs, targets);
        if (offset < 0 || byteCount < 0) {
            throw new ShardSizeException("offset and byteCount must not be negative: " + offset + ", " + byteCount);
        }
        for (byte[][] group : new byte[][][] {inputs, outputs}) {
            for (int i = 0; i < group.length; i++) {
                if (group[i] == null) {
                    throw new InvalidShardsException((group == inputs ? "input " : "output ") + i + " is null");
                }
                if ((long) offset + byteCount > group[i].length) {
                    throw new ShardSizeException((group == inputs ? "input " : "output ") + i + " has "
                            + group[i].length + " bytes, fewer than offset " + offset + " + byteCount " + byteCount);
                }
            }
        }
        if (targets.length == 0 || byteCount == 0) {
            return;
        }
        PreparedMatrix matrix = matrixFor(order[0], bits(order[0]), order[2], bits(order[2]));
        byte[][] in = new byte[inputs.length][];
        byte[][] out = new byte[outputs.length][];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[order[1][i]];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = outputs[order[3][j]];
        }
        kernel.multiply(matrix, in, offset, out, offset, byteCount);
    }

    /**
     * Buffer form of {@link #reconstruct(byte[][], int[], byte[][], int[], int, int)}: every buffer (heap or direct)
     * is used from its position for the same number of remaining bytes; positions are unchanged.
     */
    public void reconstruct(ByteBuffer[] inputs, int[] sources, ByteBuffer[] outputs, int[] targets) {
        int[][] order = checkPattern(inputs, sources, outputs, targets);
        int length = -1;
        for (ByteBuffer[] group : new ByteBuffer[][] {inputs, outputs}) {
            for (int i = 0; i < group.length; i++) {
                ByteBuffer b = group[i];
                String what = (group == inputs ? "input " : "output ") + i;
                if (b == null) {
                    throw new InvalidShardsException(what + " is null");
                }
                if (length < 0) {
                    length = b.remaining();
                } else if (b.remaining() != length) {
                    throw new ShardSizeException(what + " has " + b.remaining() + " bytes remaining, expected "
                            + length);
                }
                if (group == outputs && b.isReadOnly()) {
                    throw new InvalidShardsException(what + " is read-only");
                }
            }
        }
        if (targets.length == 0 || length == 0) {
            return;
        }
        PreparedMatrix matrix = matrixFor(order[0], bits(order[0]), order[2], bits(order[2]));
        ByteBuffer[] in = new ByteBuffer[inputs.length];
        ByteBuffer[] out = new ByteBuffer[outputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[order[1][i]];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = outputs[order[3][j]];
        }
        kernel.multiply(matrix, in, out, length);
    }

    /**
     * The k shards to read when rebuilding {@code erasedIndices} from {@code slots} ({@code null} where a shard is
     * not available): the first k non-null slots not listed as erased, ascending — the choice Hadoop's and Ozone's
     * decoders make, ready to pass to {@link #reconstruct} as {@code sources}.
     *
     * @throws InvalidShardsException      if {@code slots} does not have n entries, or an erased index is out of range
     *                                     or repeated
     * @throws InsufficientShardsException if fewer than k slots are available
     */
    public int[] firstSources(Object[] slots, int[] erasedIndices) {
        if (slots == null || slots.length != totalShardCount) {
            throw new InvalidShardsException("expected " + totalShardCount + " shard slots, got "
                    + (slots == null ? "null" : slots.length));
        }
        boolean[] notErased = presentFromErased(erasedIndices);
        int[] sources = new int[dataShardCount];
        int count = 0;
        for (int i = 0; i < totalShardCount && count < dataShardCount; i++) {
            if (slots[i] != null && notErased[i]) {
                sources[count++] = i;
            }
        }
        if (count < dataShardCount) {
            throw new InsufficientShardsException(count, dataShardCount, "slots that are neither null nor erased");
        }
        return sources;
    }

    /**
     * Validates a reconstruct pattern; returns {sorted sources, their positions in inputs, sorted targets, their
     * positions in outputs}.
     */
    private int[][] checkPattern(Object[] inputs, int[] sources, Object[] outputs, int[] targets) {
        if (inputs == null || sources == null || outputs == null || targets == null) {
            throw new InvalidShardsException("inputs, sources, outputs and targets must not be null");
        }
        if (sources.length != dataShardCount) {
            throw new InvalidShardsException("exactly " + dataShardCount + " source shards are needed, got "
                    + sources.length);
        }
        if (inputs.length != sources.length) {
            throw new InvalidShardsException(inputs.length + " inputs for " + sources.length + " source indices");
        }
        if (outputs.length != targets.length) {
            throw new InvalidShardsException(outputs.length + " outputs for " + targets.length + " target indices");
        }
        BitSet seen = new BitSet(totalShardCount);
        for (int[] list : new int[][] {sources, targets}) {
            for (int index : list) {
                if (index < 0 || index >= totalShardCount) {
                    throw new InvalidShardsException("shard index " + index + " is outside 0.." + (totalShardCount - 1));
                }
                if (seen.get(index)) {
                    throw new InvalidShardsException("shard index " + index + " is listed twice among sources and "
                            + "targets");
                }
                seen.set(index);
            }
        }
        int[] sourceOrder = java.util.stream.IntStream.range(0, sources.length).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> sources[i])).mapToInt(Integer::intValue).toArray();
        int[] targetOrder = java.util.stream.IntStream.range(0, targets.length).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> targets[i])).mapToInt(Integer::intValue).toArray();
        int[] sortedSources = java.util.Arrays.stream(sourceOrder).map(i -> sources[i]).toArray();
        int[] sortedTargets = java.util.Arrays.stream(targetOrder).map(i -> targets[i]).toArray();
        return new int[][] {sortedSources, sourceOrder, sortedTargets, targetOrder};
    }

    private static BitSet bits(int[] indices) {
        BitSet b = new BitSet();
        for (int i : indices) {
            b.set(i);
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------------ validation

    private boolean[] presentFromErased(int[] erasedIndices) {
        if (erasedIndices == null) {
            throw new InvalidShardsException("erasedIndices is null");
        }
        boolean[] present = new boolean[totalShardCount];
        java.util.Arrays.fill(present, true);
        for (int index : erasedIndices) {
            if (index < 0 || index >= totalShardCount) {
                throw new InvalidShardsException("erased index " + index + " is outside 0.." + (totalShardCount - 1));
            }
            if (!present[index]) {
                throw new InvalidShardsException("erased index " + index + " is listed twice");
            }
            present[index] = false;
        }
        return present;
    }

    private void checkPresent(boolean[] shardPresent) {
        if (shardPresent == null) {
            throw new InvalidShardsException("shardPresent is null");
        }
        if (shardPresent.length != totalShardCount) {
            throw new InvalidShardsException("shardPresent has " + shardPresent.length + " flags, expected "
                    + totalShardCount);
        }
    }

    private void checkArrays(byte[][] shards, int offset, int byteCount) {
        if (shards == null) {
            throw new InvalidShardsException("shards is null");
        }
        if (shards.length != totalShardCount) {
            throw new InvalidShardsException("expected " + totalShardCount + " shards (" + dataShardCount
                    + " data + " + parityShardCount + " parity), got " + shards.length);
        }
        if (offset < 0) {
            throw new ShardSizeException("offset is negative: " + offset);
        }
        if (byteCount < 0) {
            throw new ShardSizeException("byteCount is negative: " + byteCount);
        }
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) {
                throw new InvalidShardsException("shard " + i + " is null");
            }
            if (length < 0) {
                length = shards[i].length;
            } else if (shards[i].length != length) {
                throw new ShardSizeException("shards differ in length: shard 0 has " + length + " bytes, shard " + i
                        + " has " + shards[i].length);
            }
        }
        if ((long) offset + byteCount > length) {
            throw new ShardSizeException("offset " + offset + " + byteCount " + byteCount
                    + " is past the shard length " + length);
        }
    }

    /** Checks buffers; returns the common remaining length. Shards not present (to be written) must be writable. */
    private int checkBuffers(ByteBuffer[] shards, boolean[] present) {
        if (shards == null) {
            throw new InvalidShardsException("shards is null");
        }
        if (shards.length != totalShardCount) {
            throw new InvalidShardsException("expected " + totalShardCount + " shards (" + dataShardCount
                    + " data + " + parityShardCount + " parity), got " + shards.length);
        }
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            ByteBuffer b = shards[i];
            if (b == null) {
                throw new InvalidShardsException("shard " + i + " is null");
            }
            if (length < 0) {
                length = b.remaining();
            } else if (b.remaining() != length) {
                throw new ShardSizeException("shards differ in length: shard 0 has " + length
                        + " bytes remaining, shard " + i + " has " + b.remaining());
            }
            boolean written = present == null ? i >= dataShardCount : !present[i];
            if (written && b.isReadOnly()) {
                throw new InvalidShardsException("shard " + i + " must be written but its buffer is read-only");
            }
        }
        return length;
    }

    private static byte[][] slice(byte[][] shards, int from, int count) {
        byte[][] out = new byte[count][];
        System.arraycopy(shards, from, out, 0, count);
        return out;
    }

    private static byte[][] pick(byte[][] shards, int[] indices) {
        byte[][] out = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = shards[indices[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "ReedSolomon[" + dataShardCount + "+" + parityShardCount + ", " + codingMatrix + ", kernel "
                + kernel.name() + "]";
    }
}
