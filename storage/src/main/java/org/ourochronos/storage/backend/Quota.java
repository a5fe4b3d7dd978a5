package org.ourochronos.storage.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte accounting that can never exceed its limit, also under concurrent writers: space is reserved with a
 * compare-and-set loop BEFORE anything is written and released if the write fails, so there is no
 * check-then-write window.
 */
final class Quota {

    private final String backendId;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit bytes, or {@link BackendStats#UNLIMITED} */
    Quota(String backendId, long limit) {
        if (limit < 0 && limit != BackendStats.UNLIMITED) {
            throw new IllegalArgumentException("backend '" + backendId + "': quota must be >= 0 or "
                    + "BackendStats.UNLIMITED, got " + limit);
        }
        this.backendId = backendId;
        this.limit = limit;
    }

    /**
     * Reserves {@code bytes}.
     *
     * @throws QuotaExceededException if that would take usage past the limit; nothing is reserved then
     */
    void reserve(String location, long bytes) {
        while (true) {
            long cur = used.get();
            long next = cur + bytes;
            if (limit != BackendStats.UNLIMITED && next > limit) {
                throw new QuotaExceededException(backendId, location, "storing " + bytes + " bytes would use "
                        + next + " of the " + limit + "-byte quota (" + cur + " in use)");
            }
            if (used.compareAndSet(cur, next)) {
                return;
            }
        }
    }

    /** Gives back {@code bytes} reserved earlier (or found in use when the backend was opened). */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Adds bytes found on open, unconditionally (an existing store may already be over a lowered quota). */
    void account(long bytes) {
        used.addAndGet(bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    long available() {
        return limit == BackendStats.UNLIMITED ? BackendStats.UNLIMITED : Math.max(0, limit - used.get());
    }
}
