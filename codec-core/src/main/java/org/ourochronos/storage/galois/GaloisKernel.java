package org.ourochronos.storage.galois;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The one hot-path SPI: multiplies a slice of shards by a matrix over GF(2^8).
 *
 * <p>For a matrix {@code M} of {@code R} rows and {@code C} columns, one call computes, for every output row r,
 * <pre>
 *   out[r][o .. o+len) = Σ_c M[r][c] · in[c][i .. i+len)      (Σ is XOR, · is the field product)
 * </pre>
 * which is the shape of ISA-L's {@code ec_encode_data}. Receiving the whole matrix lets a kernel keep several
 * output accumulators in registers and load every input byte once. Outputs are overwritten, not accumulated.
 *
 * <p>A kernel turns a matrix into its own table layout once, with {@link #prepare(byte[][])}; callers cache the
 * {@link PreparedMatrix} and pass it to the {@code multiply} methods, which must not allocate on {@code byte[]}
 * calls and allocate at most a few small arrays per call otherwise (views of the buffers or segments; scratch
 * chunks only for unusual mixes of memory kinds). Implementations are stateless and thread-safe; a {@link PreparedMatrix} is immutable and may be shared between threads.
 *
 * <p>Kernels come from {@link GaloisKernelProvider}s found with {@link java.util.ServiceLoader};
 * {@link GaloisKernels} chooses one at start-up. Callers of the {@code multiply} methods (the Reed-Solomon coder)
 * have already validated shapes and bounds; kernels check only what is cheap.
 *
 * <pre>{@code
 * GaloisKernel kernel = GaloisKernels.selected();
 * PreparedMatrix parity = kernel.prepare(parityRows);          // m × k
 * kernel.multiply(parity, dataShards, 0, parityShards, 0, shardLength);
 * }</pre>
 */
public interface GaloisKernel {

    /** A short, stable identifier such as {@code "scalar"} or {@code "vector-vbmi-512"}. */
    String name();

    /** The family the selection property names: {@code "scalar"} or {@code "vector"}. */
    String family();

    /** Width in bits of the SIMD registers the kernel uses, 0 for scalar code. */
    int vectorBitWidth();

    /** Preference among usable kernels: the highest wins the automatic selection. Scalar is 0. */
    int priority();

    /**
     * Why this kernel cannot run on this CPU and JVM, or empty when it can. Must be cheap after the first call
     * and must not throw.
     */
    Optional<String> unavailableReason();

    /** Whether the kernel runs correctly and fast on this CPU and JVM. */
    default boolean isUsable() {
        return unavailableReason().isEmpty();
    }

    /**
     * Facts about how this kernel runs here that a user may act on, such as a JVM flag that would make some inputs
     * faster; logged with the selection and listed by {@link GaloisKernels#describe()}. None by default.
     */
    default List<String> notes() {
        return List.of();
    }

    /**
     * Builds this kernel's tables for {@code matrix} ({@code rows × columns}, every row the same length, at least
     * one row and one column). The matrix is copied; later changes to it have no effect.
     */
    PreparedMatrix prepare(byte[][] matrix);

    /**
     * Multiplies byte-array shards. {@code inputs.length} must equal the prepared matrix's columns and
     * {@code outputs.length} its rows; every input is read at {@code [inputOffset, inputOffset + length)} and
     * every output written at {@code [outputOffset, outputOffset + length)}. Output slices must not overlap any
     * input slice or each other: kernels may read an input after writing an output, and may write an output
     * position more than once (the vector kernels recompute a few positions to align their pass).
     */
    void multiply(PreparedMatrix matrix, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
                  int length);

    /**
     * Multiplies memory segments (heap or native): the same contract as the {@code byte[]} form, with each
     * segment read or written from offset 0 for {@code length} bytes.
     */
    void multiply(PreparedMatrix matrix, MemorySegment[] inputs, MemorySegment[] outputs, long length);

    /**
     * Multiplies byte buffers (heap or direct, in any mix): each buffer is used from its position for
     * {@code length} bytes; positions and limits are left unchanged.
     */
    default void multiply(PreparedMatrix matrix, ByteBuffer[] inputs, ByteBuffer[] outputs, int length) {
        MemorySegment[] in = new MemorySegment[inputs.length];
        MemorySegment[] out = new MemorySegment[outputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = MemorySegment.ofBuffer(inputs[i]);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = MemorySegment.ofBuffer(outputs[i]);
        }
        multiply(matrix, in, out, length);
    }
}
