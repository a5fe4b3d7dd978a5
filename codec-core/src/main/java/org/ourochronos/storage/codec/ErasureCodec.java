package org.ourochronos.storage.codec;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.IntStream;

import org.ourochronos.storage.galois.GaloisKernel;
import org.ourochronos.storage.galois.GaloisKernels;
import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.Hasher;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * The high-level codec: turns bytes into a verified {@link ShardSet} and back, and repairs damaged sets.
 *
 * <p>{@link #encode(byte[], String)} cuts the object into k equal data shards (the last one zero-padded), computes
 * m parity shards with {@link ReedSolomon}, hashes every shard (the RFC 6962 leaf hash, which is both the shard's
 * checksum and its Merkle leaf) and the whole object, and records the Merkle root over the n shards.
 * {@link #decode(ShardSet)} drops shards that fail their checksum, rebuilds the data from any k good ones and
 * returns it only if it hashes to the recorded checksum. {@link #repair(ShardSet)} regenerates exactly the missing
 * or corrupted shards.
 *
 * <pre>{@code
 * ErasureCodec codec = new ErasureCodec(RedundancyLevel.PERSONAL);          // 3 of 5
 * ShardSet set = codec.encode(bytes, "belief-42");
 * RecoveryResult r = codec.decode(set.withoutShard(0).withoutShard(4));     // any 3 of 5 suffice
 * byte[] original = r.orElseThrow();
 * }</pre>
 *
 * <p>Options come from {@link #builder()}: level (or k and n), {@link CodingMatrix}, {@link HashAlgorithm} and
 * kernel. A codec decodes and repairs sets of any shape, not only its own: sets describe themselves. Thread-safe.
 */
public final class ErasureCodec {

    /** Objects at least this large hash their shards in parallel (common fork-join pool). */
    static final int PARALLEL_HASH_THRESHOLD = 256 * 1024;

    /** Alternative k-subsets tried when rebuilt data fails its checksum (possible only with forged shards). */
    private static final int MAX_SUBSET_ATTEMPTS = 64;

    private final RedundancyLevel level;
    private final CodingMatrix codingMatrix;
    private final HashAlgorithm hashAlgorithm;
    private final GaloisKernel kernel;
    private final ReedSolomon coder;
    private final ConcurrentMap<Shape, ReedSolomon> coders = new ConcurrentHashMap<>();

    private record Shape(int k, int n, CodingMatrix matrix) {
    }

    /** A codec for {@code level} with the defaults: Vandermonde matrix, SHA-256, the selected kernel. */
    public ErasureCodec(RedundancyLevel level) {
        this(builder().level(level));
    }

    /** A codec for k data shards out of n, with the defaults. */
    public ErasureCodec(int dataShards, int totalShards) {
        this(builder().shards(dataShards, totalShards));
    }

    private ErasureCodec(Builder b) {
        this.level = Objects.requireNonNull(b.level, "level");
        this.codingMatrix = b.codingMatrix;
        this.hashAlgorithm = b.hashAlgorithm;
        this.kernel = b.kernel == null ? GaloisKernels.selected() : b.kernel;
        this.coder = coderFor(level.dataShards(), level.totalShards(), codingMatrix);
    }

    /** Options for a codec. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link ErasureCodec}; every option has a default except the level. */
    public static final class Builder {
        private RedundancyLevel level = RedundancyLevel.PERSONAL;
        private CodingMatrix codingMatrix = CodingMatrix.VANDERMONDE;
        private HashAlgorithm hashAlgorithm = HashAlgorithm.SHA_256;
        private GaloisKernel kernel;

        private Builder() {
        }

        /** k of n from a named or custom level (default {@link RedundancyLevel#PERSONAL}). */
        public Builder level(RedundancyLevel level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /** k data shards out of n. */
        public Builder shards(int dataShards, int totalShards) {
            this.level = RedundancyLevel.custom(dataShards, totalShards);
            return this;
        }

        /** The parity matrix (default {@link CodingMatrix#VANDERMONDE}). */
        public Builder codingMatrix(CodingMatrix matrix) {
            this.codingMatrix = Objects.requireNonNull(matrix, "codingMatrix");
            return this;
        }

        /** The hash for checksums and the Merkle tree (default SHA-256). */
        public Builder hashAlgorithm(HashAlgorithm algorithm) {
            this.hashAlgorithm = Objects.requireNonNull(algorithm, "hashAlgorithm");
            return this;
        }

        /** The GF(2^8) kernel (default {@link GaloisKernels#selected()}). */
        public Builder kernel(GaloisKernel kernel) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            return this;
        }

        public ErasureCodec build() {
            return new ErasureCodec(this);
        }
    }

    public RedundancyLevel level() {
        return level;
    }

    public CodingMatrix codingMatrix() {
        return codingMatrix;
    }

    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The low-level coder for this codec's level. */
    public ReedSolomon reedSolomon() {
        return coder;
    }

    private ReedSolomon coderFor(int k, int n, CodingMatrix matrix) {
        return coders.computeIfAbsent(new Shape(k, n, matrix),
                s -> ReedSolomon.create(s.k(), s.n() - s.k(), s.matrix(), kernel));
    }

    // ---------------------------------------------------------------------------------------------------- encode

    /** Encodes {@code data} with no belief id or content type. */
    public ShardSet encode(byte[] data) {
        return encode(data, null, null);
    }

    /** Encodes {@code data}, tagging the set with {@code beliefId} (any string, or null). */
    public ShardSet encode(byte[] data, String beliefId) {
        return encode(data, beliefId, null);
    }

    /**
     * Encodes {@code data} into a new shard set with a random id.
     *
     * @param data        the object; not modified, not retained
     * @param beliefId    an application id stored with the set, or null
     * @param contentType the object's media type, or null
     * @throws ShardSizeException if the object is too large for shards of at most 2^31 − 1 bytes
     */
    public ShardSet encode(byte[] data, String beliefId, String contentType) {
        Objects.requireNonNull(data, "data");
        return encode(data.length, (shard, from, len) -> System.arraycopy(data, from, shard, 0, len), beliefId,
                contentType);
    }

    /** Encodes the bytes from the buffer's position to its limit (position unchanged); heap or direct. */
    public ShardSet encode(ByteBuffer data, String beliefId) {
        Objects.requireNonNull(data, "data");
        ByteBuffer view = data.duplicate();
        int base = view.position();
        return encode(view.remaining(), (shard, from, len) -> view.get(base + from, shard, 0, len), beliefId, null);
    }

    private interface Source {
        void copy(byte[] shard, int from, int length);
    }

    private ShardSet encode(long size, Source source, String beliefId, String contentType) {
        int k = level.dataShards();
        int n = level.totalShards();
        long shardSizeLong = StorageShard.shardSize(size, k);
        if (shardSizeLong > Integer.MAX_VALUE - 16) {
            throw new ShardSizeException("object of " + size + " bytes makes shards of " + shardSizeLong
                    + " bytes; the limit is 2^31 − 17 per shard: use more data shards or split the object");
        }
        int shardSize = (int) shardSizeLong;
        byte[][] shards = new byte[n][shardSize];
        for (int i = 0; i < k; i++) {
            long from = (long) i * shardSize;
            int len = (int) Math.max(0, Math.min(shardSize, size - from));
            if (len > 0) {
                source.copy(shards[i], (int) from, len);
            }
        }
        coder.encodeParity(shards, 0, shardSize);

        boolean parallel = size >= PARALLEL_HASH_THRESHOLD;
        CompletableFuture<byte[]> original = parallel
                ? CompletableFuture.supplyAsync(() -> hashOriginal(shards, k, size))
                : CompletableFuture.completedFuture(hashOriginal(shards, k, size));
        byte[][] leaves = leafHashes(hashAlgorithm, shards, parallel);
        List<byte[]> leafList = Arrays.asList(leaves);
        byte[] root = MerkleTree.fromLeafHashes(leafList, hashAlgorithm).root();

        ShardSetMetadata metadata = new ShardSetMetadata(UUID.randomUUID().toString(), k, n, codingMatrix, size,
                hashAlgorithm, original.join(), root, leafList, contentType, Instant.now(), null, beliefId);
        List<StorageShard> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new StorageShard(metadata.setId(), i, k, n, codingMatrix, size, hashAlgorithm,
                    metadata.originalChecksumRef(), root, leaves[i], shards[i]));
        }
        return ShardSet.of(metadata, list);
    }

    /** The hash of the original object, read back from the data shards (they hold it in order, then padding). */
    private byte[] hashOriginal(byte[][] shards, int k, long size) {
        Hasher h = hashAlgorithm.newHasher();
        long left = size;
        for (int i = 0; i < k && left > 0; i++) {
            int len = (int) Math.min(shards[i].length, left);
            h.update(shards[i], 0, len);
            left -= len;
        }
        return h.digest();
    }

    static byte[][] leafHashes(HashAlgorithm algorithm, byte[][] payloads, boolean parallel) {
        byte[][] out = new byte[payloads.length][];
        IntStream range = IntStream.range(0, payloads.length);
        (parallel ? range.parallel() : range).forEach(i -> out[i] = MerkleTree.hashLeaf(algorithm, payloads[i]));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- decode

    /**
     * Rebuilds the original object from any k good shards of {@code set}. Shards whose payload fails its checksum
     * are excluded and reported. Never throws for missing or corrupted data: the result says what happened.
     */
    public RecoveryResult decode(ShardSet set) {
        Objects.requireNonNull(set, "set");
        long start = System.nanoTime();
        ShardSetMetadata m = set.metadata();
        StorageShard[] slots = new StorageShard[m.totalShards()];
        for (StorageShard s : set.availableShards()) {
            slots[s.index()] = s;
        }
        return decode(m.dataShards(), m.totalShards(), m.codingMatrix(), m.checksumAlgorithm(), m.originalSize(),
                m.originalChecksumRef(), slots, start);
    }

    /**
     * Rebuilds the original object from loose shards (for example read back from storage), which identify their set
     * themselves.
     *
     * @throws InvalidShardsException if the collection is empty, holds null, shards of different sets or with
     *                                conflicting shape, or two shards with the same index
     */
    public RecoveryResult decode(Collection<StorageShard> shards) {
        Objects.requireNonNull(shards, "shards");
        long start = System.nanoTime();
        if (shards.isEmpty()) {
            throw new InvalidShardsException("no shards to decode");
        }
        StorageShard first = null;
        StorageShard[] slots = null;
        for (StorageShard s : shards) {
            if (s == null) {
                throw new InvalidShardsException("shard collection contains null");
            }
            if (first == null) {
                first = s;
                slots = new StorageShard[s.totalShards()];
            } else if (!first.sameSetAs(s)) {
                throw new InvalidShardsException("shard " + s.shardId() + " (" + s.dataShards() + "-of-"
                        + s.totalShards() + ") does not belong to the same set as " + first.shardId() + " ("
                        + first.dataShards() + "-of-" + first.totalShards() + ")");
            }
            if (slots[s.index()] != null) {
                throw new InvalidShardsException("two shards with index " + s.index() + " of set " + s.setId());
            }
            slots[s.index()] = s;
        }
        return decode(first.dataShards(), first.totalShards(), first.codingMatrix(), first.checksumAlgorithm(),
                first.originalSize(), first.originalChecksum(), slots, start);
    }

    private RecoveryResult decode(int k, int n, CodingMatrix matrix, HashAlgorithm algorithm, long size,
                                  byte[] originalChecksum, StorageShard[] slots, long start) {
        Verification v = verify(slots, size >= PARALLEL_HASH_THRESHOLD);
        if (v.good.size() < k) {
            return new RecoveryResult(false, null, List.of(), v.available, k, since(start),
                    "only " + v.good.size() + " of " + v.available + " available shards are intact; " + k
                            + " are needed" + (v.corrupted.isEmpty() ? "" : " (corrupted: " + v.corrupted + ")"),
                    v.corrupted, List.of());
        }
        ReedSolomon rs = coderFor(k, n, matrix);
        int shardSize = Math.toIntExact(StorageShard.shardSize(size, k));
        byte[] scratch = new byte[shardSize];
        int attempts = 0;
        for (int[] subset : subsets(v.good, k)) {
            if (attempts++ == MAX_SUBSET_ATTEMPTS) {
                break;
            }
            byte[][] work = new byte[n][];
            boolean[] present = new boolean[n];
            List<Integer> rebuilt = new ArrayList<>();
            for (int index : subset) {
                work[index] = slots[index].payload();
                present[index] = true;
            }
            for (int i = 0; i < n; i++) {
                if (work[i] == null) {
                    if (i < k) {
                        work[i] = new byte[shardSize];
                        rebuilt.add(i);
                    } else {
                        work[i] = scratch; // parity slots are not written by reconstructData
                    }
                }
            }
            rs.reconstructData(work, present, 0, shardSize);
            byte[] out = new byte[Math.toIntExact(size)];
            for (int i = 0, pos = 0; i < k && pos < out.length; i++) {
                int len = Math.min(shardSize, out.length - pos);
                System.arraycopy(work[i], 0, out, pos, len);
                pos += len;
            }
            if (MessageDigest.isEqual(originalChecksum, algorithm.hash(out))) {
                return new RecoveryResult(true, out, Arrays.stream(subset).boxed().toList(), v.available, k,
                        since(start), null, v.corrupted, rebuilt);
            }
        }
        return new RecoveryResult(false, null, List.of(), v.available, k, since(start),
                "rebuilt data does not match the original checksum with any tried set of " + k
                        + " shards (shards may have been forged with matching checksums)", v.corrupted, List.of());
    }

    /**
     * k-subsets of {@code good} in lexicographic order, starting with the first k (data shards first); lazily, since
     * only the first is normally needed.
     */
    private static Iterable<int[]> subsets(List<Integer> good, int k) {
        return () -> new java.util.Iterator<>() {
            private int[] pick = IntStream.range(0, k).toArray();

            @Override
            public boolean hasNext() {
                return pick != null;
            }

            @Override
            public int[] next() {
                int[] current = Arrays.stream(pick).map(good::get).toArray();
                int i = k - 1;
                while (i >= 0 && pick[i] == good.size() - k + i) {
                    i--;
                }
                if (i < 0) {
                    pick = null;
                } else {
                    pick[i]++;
                    for (int j = i + 1; j < k; j++) {
                        pick[j] = pick[j - 1] + 1;
                    }
                }
                return current;
            }
        };
    }

    private record Verification(int available, List<Integer> good, List<Integer> corrupted) {
    }

    /** Re-hashes every present shard (in parallel for large ones). */
    private static Verification verify(StorageShard[] slots, boolean parallel) {
        boolean[] valid = new boolean[slots.length];
        IntStream range = IntStream.range(0, slots.length);
        (parallel ? range.parallel() : range).forEach(i -> valid[i] = slots[i] != null && slots[i].isValid());
        List<Integer> good = new ArrayList<>();
        List<Integer> corrupted = new ArrayList<>();
        int available = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                available++;
                (valid[i] ? good : corrupted).add(i);
            }
        }
        return new Verification(available, good, corrupted);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    // ---------------------------------------------------------------------------------------------------- repair

    /**
     * Regenerates every missing or corrupted shard of {@code set}; good shards are kept as they are (same objects,
     * same bytes, same ids). Each regenerated shard is checked against the checksum recorded for its slot.
     *
     * @throws InsufficientShardsException if fewer than k shards are intact
     * @throws CorruptedDataException      if a regenerated shard does not match its recorded checksum
     */
    public RepairResult repair(ShardSet set) {
        Objects.requireNonNull(set, "set");
        ShardSetMetadata m = set.metadata();
        int k = m.dataShards();
        int n = m.totalShards();
        StorageShard[] slots = new StorageShard[n];
        for (StorageShard s : set.availableShards()) {
            slots[s.index()] = s;
        }
        Verification v = verify(slots, m.originalSize() >= PARALLEL_HASH_THRESHOLD);
        List<Integer> regenerate = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!v.good.contains(i)) {
                regenerate.add(i);
            }
        }
        if (regenerate.isEmpty()) {
            return new RepairResult(set, List.of(), List.of());
        }
        if (v.good.size() < k) {
            throw new InsufficientShardsException(v.good.size(), k, "set " + m.setId() + ": corrupted "
                    + v.corrupted + ", missing " + set.missingIndices());
        }
        int shardSize = m.shardSize();
        byte[][] work = new byte[n][];
        boolean[] present = new boolean[n];
        for (int i : v.good) {
            work[i] = slots[i].payload();
            present[i] = true;
        }
        for (int i : regenerate) {
            work[i] = new byte[shardSize];
        }
        coderFor(k, n, m.codingMatrix()).decodeMissing(work, present, 0, shardSize);
        ShardSet repaired = set;
        for (int i : regenerate) {
            byte[] leaf = MerkleTree.hashLeaf(m.checksumAlgorithm(), work[i]);
            if (!MessageDigest.isEqual(leaf, m.shardChecksumRef(i))) {
                throw new CorruptedDataException("regenerated shard " + i + " of set " + m.setId()
                        + " does not match its recorded checksum: the intact shards disagree with the set");
            }
            repaired = repaired.withShard(new StorageShard(m.setId(), i, k, n, m.codingMatrix(), m.originalSize(),
                    m.checksumAlgorithm(), m.originalChecksumRef(), m.merkleRootRef(), leaf, work[i]));
        }
        return new RepairResult(repaired, regenerate, v.corrupted);
    }
}
