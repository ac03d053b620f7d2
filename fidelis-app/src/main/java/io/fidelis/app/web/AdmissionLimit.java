package io.fidelis.app.web;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests may be in the server at once. A request over the limit is turned away at once, which costs the
 * server almost nothing. So when more arrives than the server can do, it keeps answering what it can and says
 * "busy" to the rest, instead of letting a queue grow that it can never work off (every request then answered
 * late, after its caller has given up).
 * <p>
 * No request waits here for a turn: a first form let 16 in and made the others wait in order, and at 1,000
 * requests a second on two cores it answered a third fewer than no limit at all, likely because each freed turn
 * waited for its next thread to be scheduled (docs/benchmarks.md).
 */
final class AdmissionLimit {
    private final int max;
    private final AtomicInteger inside = new AtomicInteger();

    AdmissionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one request must be let in at a time, not " + max);
        }
        this.max = max;
    }

    /** Lets the calling request in (it must then call {@link #exit()} when done), or says no. */
    boolean tryEnter() {
        for (int now = inside.get(); now < max; now = inside.get()) {
            if (inside.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends an admitted request's stay. */
    void exit() {
        inside.decrementAndGet();
    }

    /** Requests in the server now. */
    int inside() {
        return inside.get();
    }

    int max() {
        return max;
    }
}
