package org.ourochronos.storage.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32C;

import org.ourochronos.storage.integrity.HashAlgorithm;

/**
 * The self-describing binary form of a {@link StorageShard}, version 1 — what backends store, so that a shard file
 * found alone says which set it belongs to, where it goes and how to check it. Layout (big-endian), documented in
 * {@code docs/formats.md}:
 *
 * <pre>
 *  offset  size  field
 *  0       4     magic "OSSH" (0x4F 0x53 0x53 0x48)
 *  4       1     format version (1)
 *  5       1     set id length L (1..255)
 *  6       L     set id, UTF-8
 *  6+L     2     shard index (0..n−1)
 *          2     k, data shards
 *          2     n, total shards (≤ 256)
 *          1     coding matrix (1 = Vandermonde, 2 = Cauchy)
 *          8     original object size in bytes
 *          1     hash algorithm id (1 = SHA-256, 2 = SHA3-256, 3 = BLAKE2b-256)
 *          1     digest length D
 *          D     original object checksum
 *          D     Merkle root of the set
 *          D     shard checksum (RFC 6962 leaf hash of the payload)
 *          4     payload length P (must equal ⌈size / k⌉)
 *          4     CRC-32C of every header byte above
 *          P     payload
 * </pre>
 *
 * The header CRC catches damage to the fields the payload checksum does not cover (a flipped index would otherwise
 * put a good shard in the wrong slot). Reading never returns a partially parsed shard: any inconsistency throws
 * {@link ShardFormatException}. The payload checksum itself is checked by {@link StorageShard#isValid()} (and by
 * decode and repair), so a damaged payload is still readable, and reportable, as a corrupt shard.
 *
 * <pre>{@code
 * byte[] file = ShardFormat.toBytes(shard);
 * StorageShard back = ShardFormat.fromBytes(file);
 * }</pre>
 */
public final class ShardFormat {

    /** "OSSH". */
    public static final int MAGIC = 0x4F535348;

    /** The version written by this class. */
    public static final int VERSION = 1;

    private ShardFormat() {
    }

    /** Serializes {@code shard}. */
    public static byte[] toBytes(StorageShard shard) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerSize(shard) + shard.size());
        try {
            write(shard, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Number of bytes {@link #toBytes(StorageShard)} produces. */
    public static long serializedSize(StorageShard shard) {
        return headerSize(shard) + (long) shard.size();
    }

    private static int headerSize(StorageShard shard) {
        return 4 + 1 + 1 + shard.setId().getBytes(StandardCharsets.UTF_8).length + 2 + 2 + 2 + 1 + 8 + 1 + 1
                + 3 * shard.checksumAlgorithm().digestLength() + 4 + 4;
    }

    /** Writes {@code shard} to {@code out} (not closed, not flushed beyond what DataOutputStream does). */
    public static void write(StorageShard shard, OutputStream out) throws IOException {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(out, "out");
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream(128);
        DataOutputStream h = new DataOutputStream(headerBytes);
        byte[] id = shard.setId().getBytes(StandardCharsets.UTF_8);
        h.writeInt(MAGIC);
        h.writeByte(VERSION);
        h.writeByte(id.length);
        h.write(id);
        h.writeShort(shard.index());
        h.writeShort(shard.dataShards());
        h.writeShort(shard.totalShards());
        h.writeByte(matrixId(shard.codingMatrix()));
        h.writeLong(shard.originalSize());
        h.writeByte(shard.checksumAlgorithm().wireId());
        h.writeByte(shard.checksumAlgorithm().digestLength());
        h.write(shard.originalChecksum());
        h.write(shard.merkleRoot());
        h.write(shard.checksumRef());
        h.writeInt(shard.size());
        h.flush();
        byte[] header = headerBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(header);
        DataOutputStream d = new DataOutputStream(out);
        d.write(header);
        d.writeInt((int) crc.getValue());
        d.write(shard.payload());
        d.flush();
    }

    /**
     * Parses exactly one shard occupying all of {@code bytes}.
     *
     * @throws ShardFormatException if the bytes are not exactly one valid serialized shard
     */
    public static StorageShard fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
        StorageShard shard;
        try {
            shard = read(in);
        } catch (IOException e) {
            throw new ShardFormatException("unreadable shard: " + e.getMessage(), e);
        }
        if (in.available() > 0) {
            throw new ShardFormatException(in.available() + " unexpected bytes after the shard payload");
        }
        return shard;
    }

    /**
     * Reads one shard from {@code in}, consuming exactly its bytes.
     *
     * @throws ShardFormatException if the stream ends early or the header is invalid
     * @throws IOException          if reading fails
     */
    public static StorageShard read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        CRC32C crc = new CRC32C();
        DataInputStream d = new DataInputStream(new java.util.zip.CheckedInputStream(in, crc));
        try {
            int magic = d.readInt();
            if (magic != MAGIC) {
                throw new ShardFormatException(String.format("not a shard: magic 0x%08x, expected 0x%08x", magic,
                        MAGIC));
            }
            int version = d.readUnsignedByte();
            if (version != VERSION) {
                throw new ShardFormatException("unsupported shard format version " + version + " (this library reads "
                        + VERSION + ")");
            }
            int idLength = d.readUnsignedByte();
            if (idLength == 0) {
                throw new ShardFormatException("empty set id");
            }
            byte[] id = d.readNBytes(idLength);
            if (id.length != idLength) {
                throw new EOFException();
            }
            String setId = decodeUtf8(id);
            int index = d.readUnsignedShort();
            int k = d.readUnsignedShort();
            int n = d.readUnsignedShort();
            CodingMatrix matrix = matrixFromId(d.readUnsignedByte());
            long size = d.readLong();
            HashAlgorithm algorithm;
            try {
                algorithm = HashAlgorithm.fromWireId(d.readUnsignedByte());
            } catch (IllegalArgumentException e) {
                throw new ShardFormatException(e.getMessage(), e);
            }
            int digestLength = d.readUnsignedByte();
            if (digestLength != algorithm.digestLength()) {
                throw new ShardFormatException("digest length " + digestLength + " does not match "
                        + algorithm.canonicalName());
            }
            byte[] original = readFully(d, digestLength);
            byte[] root = readFully(d, digestLength);
            byte[] checksum = readFully(d, digestLength);
            int payloadLength = d.readInt();
            long expectedCrc = crc.getValue();
            int storedCrc = new DataInputStream(in).readInt();
            if ((int) expectedCrc != storedCrc) {
                throw new ShardFormatException("shard header is damaged (CRC-32C mismatch)");
            }
            if (k < 1 || n <= k || n > CodingMatrix.MAX_TOTAL_SHARDS || index >= n) {
                throw new ShardFormatException("invalid shape: index " + index + ", k " + k + ", n " + n);
            }
            if (size < 0 || payloadLength < 0 || payloadLength != StorageShard.shardSize(size, k)) {
                throw new ShardFormatException("payload length " + payloadLength + " does not fit an object of "
                        + size + " bytes in " + k + " data shards");
            }
            byte[] payload = in.readNBytes(payloadLength);
            if (payload.length != payloadLength) {
                throw new ShardFormatException("truncated shard: payload has " + payload.length + " of "
                        + payloadLength + " bytes");
            }
            return new StorageShard(setId, index, k, n, matrix, size, algorithm, original, root, checksum, payload);
        } catch (EOFException e) {
            throw new ShardFormatException("truncated shard header", e);
        } catch (ErasureCodingException e) {
            if (e instanceof ShardFormatException) {
                throw e;
            }
            throw new ShardFormatException("invalid shard: " + e.getMessage(), e);
        }
    }

    private static byte[] readFully(DataInputStream d, int length) throws IOException {
        byte[] b = new byte[length];
        d.readFully(b);
        return b;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ShardFormatException("set id is not valid UTF-8", e);
        }
    }

    static int matrixId(CodingMatrix m) {
        return switch (m) {
            case VANDERMONDE -> 1;
            case CAUCHY -> 2;
        };
    }

    static CodingMatrix matrixFromId(int id) {
        return switch (id) {
            case 1 -> CodingMatrix.VANDERMONDE;
            case 2 -> CodingMatrix.CAUCHY;
            default -> throw new ShardFormatException("unknown coding matrix id " + id);
        };
    }
}
