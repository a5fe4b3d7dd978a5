package org.ourochronos.storage.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link MemoryBackend} against the shared contract. */
class MemoryBackendTest extends StorageBackendContract {

    @Override
    protected StorageBackend newBackend(String id, long quota) {
        return new MemoryBackend(id, quota);
    }

    @Test
    void badIdsAndQuotasAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBackend("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBackend(""));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBackend("m", -5));
    }
}
