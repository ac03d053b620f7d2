package io.fidelis.app.shared;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work per customer done after a change commits, in a thread of its own: rescoring a customer, crediting their
 * points, settling their win-back case after a purchase. The request that made the change neither waits for it nor
 * holds its database connection while the work takes another (which, with every request thread doing so at once,
 * would empty the connection pool and stall the server). A customer waiting twice is done once: the queue holds
 * each customer at most once, so it never grows past the number of customers however fast changes arrive. A
 * failure is logged and does not stop the work for others; the nightly full runs cover anything missed.
 */
public final class CoalescingWork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoalescingWork.class);
    private final String name;
    private final LongConsumer work;
    private final Set<Long> waiting = new LinkedHashSet<>();
    private boolean draining;
    private final ExecutorService thread;

    /**
     * @param name what the work is, for the thread's name and the log ("rescoring")
     * @param work the work for one customer id
     */
    public CoalescingWork(String name, LongConsumer work) {
        this.name = name;
        this.work = work;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fidelis-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the work for a customer, unless it is already waiting. */
    public void submit(long customerId) {
        synchronized (waiting) {
            waiting.add(customerId);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            thread.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (waiting) {
                draining = false;
            }
            log.warn("{} of customer {} not done: shutting down", name, customerId);
        }
    }

    private void drain() {
        while (true) {
            long id;
            synchronized (waiting) {
                Iterator<Long> next = waiting.iterator();
                if (!next.hasNext()) {
                    draining = false;
                    return;
                }
                id = next.next();
                next.remove();
            }
            try {
                work.accept(id);
            } catch (RuntimeException e) {
                log.warn("{} of customer {} failed: {}", name, id, e.toString());
            }
        }
    }

    /** Customers waiting now (a gauge, and for tests). */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size() + (draining ? 1 : 0);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
