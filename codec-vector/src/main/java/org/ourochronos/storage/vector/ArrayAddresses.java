package org.ourochronos.storage.vector;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Where a byte array's elements lie in memory right now, for choosing a loop order only (never for access).
 *
 * <p>Java has no API for an array's address. A critical downcall may pass a heap segment to native code as a plain
 * pointer ({@link Linker.Option#critical(boolean) critical(true)}), and the C library's {@code memmove} returns its
 * destination: {@code memmove(a, a, 0)} copies nothing and hands back where {@code a} starts. The collector may move
 * the array right after, so an address is a hint: a stale one only costs speed, as a wrong guess of the walking
 * direction would.
 *
 * <p>Linking a downcall is a restricted operation. The lookup is offered only when this module has native access
 * ({@code --enable-native-access=org.ourochronos.storage.vector}, or {@code ALL-UNNAMED} on the class path), so that
 * it never prints the JDK's warning; otherwise {@link #unavailableReason()} says why and callers keep their
 * address-free order.
 */
final class ArrayAddresses {

    /** Turns the lookup off ({@code -Dourstorage.arrayAddresses=false}) for A/B runs and tests; not an API. */
    static final boolean ENABLED = !"false".equals(System.getProperty("ourstorage.arrayAddresses"));

    private static final MethodHandle MEMMOVE;
    private static final Optional<String> UNAVAILABLE;

    static {
        MethodHandle handle = null;
        String why = null;
        if (!ENABLED) {
            why = "turned off by -Dourstorage.arrayAddresses=false";
        } else if (!ArrayAddresses.class.getModule().isNativeAccessEnabled()) {
            why = "native access is not enabled for this module (--enable-native-access=" + moduleName() + ")";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                handle = linker.defaultLookup().find("memmove")
                        .map(memmove -> linker.downcallHandle(memmove,
                                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                                        ValueLayout.JAVA_LONG),
                                Linker.Option.critical(true)))
                        .orElse(null);
                if (handle == null) {
                    why = "the C library has no memmove";
                }
            } catch (RuntimeException | LinkageError e) {
                why = "cannot link memmove: " + e;
            }
        }
        MEMMOVE = handle;
        UNAVAILABLE = Optional.ofNullable(why);
    }

    private ArrayAddresses() {
    }

    /** What {@code --enable-native-access} needs to name for this class. */
    static String moduleName() {
        Module m = ArrayAddresses.class.getModule();
        return m.isNamed() ? m.getName() : "ALL-UNNAMED";
    }

    /** Empty when {@link #of} works; otherwise why not. */
    static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    static boolean available() {
        return MEMMOVE != null;
    }

    /** The address of {@code array[0]} at this moment; only when {@link #available()}. */
    static long of(byte[] array) {
        MemorySegment segment = MemorySegment.ofArray(array);
        try {
            return ((MemorySegment) MEMMOVE.invokeExact(segment, segment, 0L)).address();
        } catch (Throwable e) {
            throw new IllegalStateException("memmove(a, a, 0) failed", e);
        }
    }
}
