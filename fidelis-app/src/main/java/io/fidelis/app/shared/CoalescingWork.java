package io.fidelis.app.shared;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * <p>
 * {@link #batched} work takes the customers waiting together, up to a maximum: one after another while changes are
 * few, and more at a time as they come faster than the work is done, so that the work's fixed cost (a transaction,
 * a query of each kind) is shared when it matters, without making anyone wait on purpose.
 */
public final class CoalescingWork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoalescingWork.class);
    private final String name;
    private final Consumer<List<Long>> work;
    private final int batch;
    private final Set<Long> waiting = new LinkedHashSet<>();
    private boolean draining;
    private volatile boolean closed;
    /** Customers in the work now. */
    private int working;
    private final ExecutorService thread;

    /**
     * @param name what the work is, for the thread's name and the log ("rescoring")
     * @param work the work for one customer id
     */
    public CoalescingWork(String name, LongConsumer work) {
        this(name, 1, ids -> work.accept(ids.get(0)));
    }

    /**
     * Work for the customers waiting together, at most {@code batch} at a time. When it fails for a batch, it is
     * done again for each customer of the batch alone, so that one customer's failure does not stop the others'
     * (not when the database could not be reached at all: each alone would fail the same way).
     *
     * @param name  what the work is, for the thread's name and the log ("rescoring")
     * @param batch the most customers at a time
     * @param work  the work for some customer ids (distinct, in the order they arrived)
     */
    public static CoalescingWork batched(String name, int batch, Consumer<List<Long>> work) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        return new CoalescingWork(name, batch, work);
    }

    private CoalescingWork(String name, int batch, Consumer<List<Long>> work) {
        this.name = name;
        this.batch = batch;
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
            List<Long> ids = new ArrayList<>();
            synchronized (waiting) {
                working = 0;
                if (closed) {
                    // Shutting down: what is left is covered by the nightly full runs.
                    waiting.clear();
                    draining = false;
                    return;
                }
                Iterator<Long> next = waiting.iterator();
                while (next.hasNext() && ids.size() < batch) {
                    ids.add(next.next());
                    next.remove();
                }
                if (ids.isEmpty()) {
                    draining = false;
                    return;
                }
                working = ids.size();
            }
            try {
                work.accept(List.copyOf(ids));
            } catch (RuntimeException e) {
                if (ids.size() == 1) {
                    log.warn("{} of customer {} failed: {}", name, ids.get(0), e.toString());
                } else if (!aboutTheCustomers(e)) {
                    log.warn("{} of {} customers failed: {}", name, ids.size(), e.toString());
                } else {
                    log.warn("{} of {} customers together failed ({}); each alone now", name, ids.size(), e.toString());
                    for (long id : ids) {
                        try {
                            work.accept(List.of(id));
                        } catch (RuntimeException again) {
                            log.warn("{} of customer {} failed: {}", name, id, again.toString());
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether a failure may be about the customers (a ledger that does not replay, a row changed meanwhile), so that
     * doing each alone may get the others' work done; not when the database could not be reached at all.
     */
    private static boolean aboutTheCustomers(RuntimeException e) {
        return !(e instanceof org.springframework.transaction.CannotCreateTransactionException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException);
    }

    /** Customers waiting or in the work now (a gauge, and for tests). */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size() + (draining ? Math.max(working, 1) : 0);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
