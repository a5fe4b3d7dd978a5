package org.ourochronos.storage.codec;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.MerkleProof;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * An encoded object: its {@link ShardSetMetadata} and n shard slots, any of which may be empty (a lost or not yet
 * fetched shard).
 *
 * <p>Immutable: {@link #withShard(StorageShard)}, {@link #withoutShard(int)} and {@link #withLastVerified(Instant)}
 * return new sets that share the unchanged shards. A shard can only be put in a set it belongs to (same id, shape,
 * checksums and root, checksum equal to the recorded one for its slot), so a set never mixes shards of different
 * sets; whether a shard's payload still matches its checksum is checked by decode, repair and
 * {@link org.ourochronos.storage.integrity.IntegrityVerifier}.
 *
 * <pre>{@code
 * ShardSet set = codec.encode(data, "belief-42");
 * ShardSet damaged = set.withoutShard(0).withoutShard(3);
 * damaged.canRecover();          // true for 3-of-5
 * damaged.missingIndices();      // [0, 3]
 * }</pre>
 */
public final class ShardSet {

    private final ShardSetMetadata metadata;
    private final StorageShard[] slots;

    private ShardSet(ShardSetMetadata metadata, StorageShard[] slots) {
        this.metadata = metadata;
        this.slots = slots;
    }

    /**
     * A set from its metadata and any shards (in any order; missing ones simply absent).
     *
     * @throws InvalidShardsException if a shard belongs to another set, its checksum differs from the one recorded
     *                                for its index, or two shards share an index
     */
    public static ShardSet of(ShardSetMetadata metadata, Iterable<StorageShard> shards) {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(shards, "shards");
        StorageShard[] slots = new StorageShard[metadata.totalShards()];
        for (StorageShard s : shards) {
            check(metadata, s);
            if (slots[s.index()] != null) {
                throw new InvalidShardsException("two shards with index " + s.index() + " in set " + metadata.setId());
            }
            slots[s.index()] = s;
        }
        return new ShardSet(metadata, slots);
    }

    private static void check(ShardSetMetadata metadata, StorageShard s) {
        Objects.requireNonNull(s, "shard");
        if (!s.belongsTo(metadata)) {
            throw new InvalidShardsException("shard " + s.shardId() + " does not belong to set " + metadata.setId()
                    + " (different set id, shape, checksums or Merkle root)");
        }
        if (!MessageDigest.isEqual(s.checksumRef(), metadata.shardChecksumRef(s.index()))) {
            throw new InvalidShardsException("shard " + s.shardId() + " carries a checksum other than the one "
                    + "recorded for index " + s.index());
        }
    }

    public ShardSetMetadata metadata() {
        return metadata;
    }

    public String setId() {
        return metadata.setId();
    }

    public int dataShards() {
        return metadata.dataShards();
    }

    public int totalShards() {
        return metadata.totalShards();
    }

    public int parityShards() {
        return metadata.parityShards();
    }

    public CodingMatrix codingMatrix() {
        return metadata.codingMatrix();
    }

    public long originalSize() {
        return metadata.originalSize();
    }

    public byte[] originalChecksum() {
        return metadata.originalChecksum();
    }

    public HashAlgorithm checksumAlgorithm() {
        return metadata.checksumAlgorithm();
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(metadata.contentType());
    }

    /** The Merkle root over the n shards, always set by encode (a copy). */
    public byte[] merkleRoot() {
        return metadata.merkleRoot();
    }

    public Instant createdAt() {
        return metadata.createdAt();
    }

    public Optional<Instant> lastVerified() {
        return Optional.ofNullable(metadata.lastVerified());
    }

    public Optional<String> beliefId() {
        return Optional.ofNullable(metadata.beliefId());
    }

    public RedundancyLevel redundancyLevel() {
        return metadata.redundancyLevel();
    }

    /** The shard in slot {@code index}, if present. */
    public Optional<StorageShard> shard(int index) {
        Objects.checkIndex(index, slots.length);
        return Optional.ofNullable(slots[index]);
    }

    /** All n slots in index order; an empty slot is {@code Optional.empty()}. */
    public List<Optional<StorageShard>> slots() {
        List<Optional<StorageShard>> list = new ArrayList<>(slots.length);
        for (StorageShard s : slots) {
            list.add(Optional.ofNullable(s));
        }
        return Collections.unmodifiableList(list);
    }

    /** The shards present, in index order. */
    public List<StorageShard> availableShards() {
        List<StorageShard> list = new ArrayList<>();
        for (StorageShard s : slots) {
            if (s != null) {
                list.add(s);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** Indices of the empty slots, ascending. */
    public List<Integer> missingIndices() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                list.add(i);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** Whether at least k shards are present (their payloads are checked when decoding). */
    public boolean canRecover() {
        return slots.length - missingIndices().size() >= metadata.dataShards();
    }

    /** A proof that shard {@code index} is leaf {@code index} of this set's Merkle tree (needs no shard bytes). */
    public MerkleProof inclusionProof(int index) {
        return MerkleTree.fromLeafHashes(metadata.shardChecksums(), metadata.checksumAlgorithm()).inclusionProof(index);
    }

    /** This set with {@code shard} in its slot (replacing what was there). */
    public ShardSet withShard(StorageShard shard) {
        check(metadata, shard);
        StorageShard[] copy = slots.clone();
        copy[shard.index()] = shard;
        return new ShardSet(metadata, copy);
    }

    /** This set with slot {@code index} empty. */
    public ShardSet withoutShard(int index) {
        Objects.checkIndex(index, slots.length);
        StorageShard[] copy = slots.clone();
        copy[index] = null;
        return new ShardSet(metadata, copy);
    }

    /** This set with its last-verified time set. */
    public ShardSet withLastVerified(Instant when) {
        return new ShardSet(metadata.withLastVerified(when), slots);
    }

    @Override
    public String toString() {
        return "ShardSet[" + metadata.setId() + ", " + metadata.dataShards() + "-of-" + metadata.totalShards() + ", "
                + (slots.length - missingIndices().size()) + " present, " + metadata.originalSize() + " bytes]";
    }
}
