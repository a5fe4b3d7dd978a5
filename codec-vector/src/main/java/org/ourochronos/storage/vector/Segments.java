package org.ourochronos.storage.vector;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.function.LongToIntFunction;

/**
 * How the vector kernels reach a call's memory segments. The generated segment loops are fast only when C2 knows
 * every access is off-heap: a load through a {@code MemorySegment} whose class it cannot see may hit a heap array
 * or native memory, so C2 fences it and reloads the segment's bounds, session and read-only flag on every access
 * (10+4 at 64 KiB on Zen 5: 17–27 GB/s, against 50 on arrays). The loops therefore cast each segment to
 * {@link #NATIVE}, a constant class (the VBMI loops also slice it, see the generator), and the kernels sort each
 * call into one of three paths:
 * <ul>
 *   <li>every segment native: the segment loops, aligned to the first output's 64-byte lines
 *       ({@link #alignmentHead});</li>
 *   <li>every segment a writable view of a {@code byte[]}, inputs at one offset and outputs at one offset: the
 *       array loops on the backing arrays ({@link #heapArrays});</li>
 *   <li>anything else (a mix, read-only heap inputs, views of {@code long[]}): copied through heap arrays chunk by
 *       chunk ({@link #staged}), correct and slower; it allocates its scratch arrays.</li>
 * </ul>
 */
final class Segments {

    /** The JDK's class of native segments ({@code MemorySegment.NULL} is one); mapped segments are a subclass. */
    static final Class<? extends MemorySegment> NATIVE = MemorySegment.NULL.getClass();

    /** Positions per chunk of the staged path: its scratch arrays stay in L2. */
    static final int STAGE_CHUNK = 16 * 1024;

    private Segments() {
    }

    /**
     * Matures the JIT profile of {@link MemorySegment#asSlice(long, long)} before the VBMI segment loops are compiled.
     * Those loops slice every segment on entry and count on C2 inlining the slice, so that it never escapes and the
     * bounds checks fold. A loop that only sees long calls is compiled after about a hundred invocations, when the
     * JDK's {@code asSlice} bridge method has no call-site counts yet: C2 then refuses to inline it ("low call site
     * frequency" in {@code -XX:+LogCompilation}), the slices escape and every access keeps its checks. Measured
     * 2026-11-25 on Zen 5, aligned direct buffers at 64 KiB, one JVM per run: 3+2 46 GB/s unprimed against
     * 109-124 primed, 17+3 29 against 65-73; 1,000 slices were too few, 3,000 enough. Runs once, on first use of
     * the segment loops; 20,000 slices take a few milliseconds.
     */
    static final class SliceProfile {

        static final int SLICES = 20_000;

        static {
            // Slices as the loops take them: of a direct buffer's segment (no arena: a confined arena's allocate
            // and close run the JDK's session checks with an owner thread) and of positive length (an empty slice
            // takes the other branch of the bounds check that every vector access inlines). Both profiles are
            // shared with our loops: the arena cost 10+4 at 4 KiB 9 %, empty slices 5+4 at 64 KiB up to 7 %.
            MemorySegment segment = NATIVE.cast(MemorySegment.ofBuffer(ByteBuffer.allocateDirect(128)));
            long total = 0;
            for (int i = 0; i < SLICES; i++) {
                total += segment.asSlice(i & 63, 64).byteSize();
            }
            if (total != 64L * SLICES) {
                throw new AssertionError("slices of " + total + " bytes in all");
            }
        }

        private SliceProfile() {
        }

        /** Initialises this class (the priming above), once. */
        static void ensure() {
        }
    }

    /** Whether every segment is native, so that the segment loops may cast to {@link #NATIVE}. */
    static boolean allNative(MemorySegment[] inputs, MemorySegment[] outputs) {
        for (MemorySegment s : inputs) {
            if (!NATIVE.isInstance(s)) {
                return false;
            }
        }
        for (MemorySegment s : outputs) {
            if (!NATIVE.isInstance(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the aligned pass of a native call starts: the first position at which the first output is on a 64-byte
     * boundary, as split stores cost the most (10+4 at 64 KiB, native memory 16 bytes off: 33 GB/s; outputs
     * aligned: 41; all aligned: 48). When all segments share one alignment, every access becomes aligned. The
     * kernels first run positions [0, 64) as one unaligned vector; the aligned pass then rewrites [head, 64) with the
     * same bytes, since every output position is computed from scratch (a kernel's first input group writes without
     * reading). The last positions after the aligned pass are one unaligned vector ending at the call's end,
     * computed the same way. Zero when the call is shorter than a head plus one vector.
     */
    static int alignmentHead(MemorySegment[] outputs, long length) {
        int head = (int) (-outputs[0].address() & 63);
        return length >= head + 64L ? head : 0;
    }

    /** A kernel's segment loops over positions {@code at + [0, n)} of every output row. */
    @FunctionalInterface
    interface NativeRange {
        void multiply(long at, int n);
    }

    /**
     * A native call in the order {@link #alignmentHead} describes, for both kernels: [0, 64) as one vector when the
     * first output is not 64-byte aligned, then whole vectors of {@code vectorBytes} from the head in chunks of
     * {@code chunkFor(span)} positions, then the positions after them as one vector ending at {@code length} (or in
     * scalar code with {@code matrix} when the call is shorter than 64 bytes).
     */
    static void alignedPasses(byte[][] matrix, MemorySegment[] inputs, MemorySegment[] outputs, long length,
                              int vectorBytes, LongToIntFunction chunkFor, NativeRange range) {
        int head = alignmentHead(outputs, length);
        if (head > 0) {
            range.multiply(0, 64); // rewritten alike from `head` on
        }
        long end = head + (length - head) / vectorBytes * vectorBytes;
        int chunk = chunkFor.applyAsInt(end - head);
        for (long at = head; at < end; at += chunk) {
            range.multiply(at, (int) Math.min(chunk, end - at));
        }
        if (end < length && length >= 64) {
            range.multiply(length - 64, 64); // the last positions, recomputed like the head
        } else {
            Matrices.scalarRange(matrix, inputs, outputs, end, length);
        }
    }

    /** Backing arrays of byte[] segments whose inputs share one offset and outputs another. */
    record HeapArrays(byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset) {
    }

    /** The backing arrays, or null when some segment is not a writable view of a byte[] or offsets differ. */
    static HeapArrays heapArrays(MemorySegment[] inputs, MemorySegment[] outputs) {
        byte[][] in = arrays(inputs);
        byte[][] out = in == null ? null : arrays(outputs);
        if (out == null) {
            return null;
        }
        return new HeapArrays(in, (int) inputs[0].address(), out, (int) outputs[0].address());
    }

    /** Arrays behind segments at one common offset (heap segments' addresses are offsets into their arrays). */
    private static byte[][] arrays(MemorySegment[] segments) {
        byte[][] arrays = new byte[segments.length][];
        for (int i = 0; i < segments.length; i++) {
            // heapBase() is empty for native and for read-only segments
            if (!(segments[i].heapBase().orElse(null) instanceof byte[] array)
                    || segments[i].address() != segments[0].address()) {
                return null;
            }
            arrays[i] = array;
        }
        return arrays;
    }

    /** The native-memory form of a kernel's multiply (every segment native, read from offset 0). */
    @FunctionalInterface
    interface NativeMultiply {
        void multiply(MemorySegment[] inputs, MemorySegment[] outputs, long length);
    }

    /** The array form of a kernel's multiply. */
    @FunctionalInterface
    interface ArrayMultiply {
        void multiply(byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset, int length);
    }

    /** A checked segment call, sent down the path that fits its memory (see the class comment). */
    static void multiply(MemorySegment[] inputs, MemorySegment[] outputs, long length, NativeMultiply nativeLoops,
                         ArrayMultiply arrayLoops) {
        if (allNative(inputs, outputs)) {
            nativeLoops.multiply(inputs, outputs, length);
            return;
        }
        HeapArrays heap = heapArrays(inputs, outputs);
        if (heap != null) {
            arrayLoops.multiply(heap.inputs(), heap.inputOffset(), heap.outputs(), heap.outputOffset(), (int) length);
        } else {
            staged(inputs, outputs, length, arrayLoops);
        }
    }

    /** Copies chunks of the inputs into heap arrays, multiplies them there and copies the outputs back. */
    static void staged(MemorySegment[] inputs, MemorySegment[] outputs, long length, ArrayMultiply multiply) {
        int chunk = (int) Math.min(STAGE_CHUNK, length);
        byte[][] in = new byte[inputs.length][chunk];
        byte[][] out = new byte[outputs.length][chunk];
        for (long at = 0; at < length; at += chunk) {
            int n = (int) Math.min(chunk, length - at);
            for (int c = 0; c < in.length; c++) {
                MemorySegment.copy(inputs[c], at, MemorySegment.ofArray(in[c]), 0, n);
            }
            multiply.multiply(in, 0, out, 0, n);
            for (int r = 0; r < out.length; r++) {
                MemorySegment.copy(MemorySegment.ofArray(out[r]), 0, outputs[r], at, n);
            }
        }
    }
}
