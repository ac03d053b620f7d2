package io.fidelis.app.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests are worked on at once, and how many may wait for their turn, and for how long. A request over
 * either limit is turned away at once, which costs the server almost nothing; a request that waited its longest is
 * turned away then. So when more arrives than the server can do, it keeps doing what it can at full speed and says
 * "busy" to the rest, instead of letting a queue grow that it can never work off (every request then answered
 * late, after its caller has given up). Waiting requests get their turn in the order they came.
 */
final class AdmissionLimit {
    /** What became of a request asking to be let in. */
    enum Outcome {
        /** It may go on; it must call {@link #exit()} when done. */
        ADMITTED,
        /** Turned away at once: as many requests were already waiting as may wait. */
        QUEUE_FULL,
        /** Turned away after waiting {@code maxWait} without a turn. */
        WAITED_TOO_LONG
    }

    private final Semaphore turns;
    private final int maxActive;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final AtomicInteger waiting = new AtomicInteger();

    AdmissionLimit(int maxActive, int maxWaiting, Duration maxWait) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("at least one request must be let in at a time, not " + maxActive);
        }
        if (maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("the waiting limits cannot be negative: " + maxWaiting + ", " + maxWait);
        }
        this.maxActive = maxActive;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
        this.turns = new Semaphore(maxActive, true);
    }

    /** Lets the calling request in, makes it wait for a turn, or turns it away. */
    Outcome enter() throws InterruptedException {
        // tryAcquire(0, unit), unlike tryAcquire(), does not overtake requests already waiting.
        if (turns.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            return Outcome.ADMITTED;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return Outcome.QUEUE_FULL;
        }
        try {
            return turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS) ? Outcome.ADMITTED : Outcome.WAITED_TOO_LONG;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Ends an admitted request's turn. */
    void exit() {
        turns.release();
    }

    /** Requests being worked on now. */
    int active() {
        return maxActive - turns.availablePermits();
    }

    /** Requests waiting for their turn now. */
    int waiting() {
        return waiting.get();
    }

    /** Requests parked in the queue for a turn (an estimate, as {@link Semaphore#getQueueLength()}). */
    int queued() {
        return turns.getQueueLength();
    }

    int maxActive() {
        return maxActive;
    }

    int maxWaiting() {
        return maxWaiting;
    }
}
