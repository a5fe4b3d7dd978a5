package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.junit.jupiter.api.Test;

/**
 * {@link ArrayAddresses} reports where an array's bytes really are, and is offered exactly when this module has
 * native access. The default test run grants it (codec-vector's pom); the run without the vector module does not.
 */
class ArrayAddressesTest {

    @Test
    void offeredExactlyWhenNativeAccessIsEnabled() {
        boolean enabled = ArrayAddresses.class.getModule().isNativeAccessEnabled();
        assertEquals(enabled && ArrayAddresses.ENABLED, ArrayAddresses.available());
        assertEquals(!ArrayAddresses.available(), ArrayAddresses.unavailableReason().isPresent());
        if (!enabled) {
            assertTrue(ArrayAddresses.unavailableReason().orElseThrow().contains("--enable-native-access=ALL-UNNAMED"),
                    ArrayAddresses.unavailableReason().orElseThrow());
        }
    }

    /**
     * The address is where the bytes are: the C library's {@code memchr}, handed the same array, finds a marked byte
     * at that address plus its index. A collection between the two calls may move the array, so a mismatch is
     * retried; three in a row fail.
     */
    @Test
    void addressIsWhereTheBytesLie() throws Throwable {
        if (!ArrayAddresses.class.getModule().isNativeAccessEnabled()) {
            assertFalse(ArrayAddresses.available());
            return;
        }
        assertTrue(ArrayAddresses.available(), () -> ArrayAddresses.unavailableReason().orElse(""));
        Linker linker = Linker.nativeLinker();
        MethodHandle memchr = linker.downcallHandle(linker.defaultLookup().find("memchr").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG),
                Linker.Option.critical(true));
        for (int length : new int[] {1, 100, 4096 + 17, 3 << 20}) {
            byte[] array = new byte[length];
            int marked = length * 3 / 5;
            array[marked] = 0x5A;
            long expected = 0;
            long found = -1;
            for (int attempt = 0; attempt < 3 && found != expected; attempt++) {
                expected = ArrayAddresses.of(array) + marked;
                found = ((MemorySegment) memchr.invokeExact(MemorySegment.ofArray(array), 0x5A, (long) length))
                        .address();
            }
            assertEquals(expected, found, "length " + length);
        }
    }
}
