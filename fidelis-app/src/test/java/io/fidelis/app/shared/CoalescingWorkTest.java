package io.fidelis.app.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CoalescingWorkTest {

    @Test
    void aCustomerQueuedManyTimesWhileWaitingIsDoneOnceAndEveryOtherCustomerInTurn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> done = new CopyOnWriteArrayList<>();
        try (CoalescingWork work = new CoalescingWork("test", id -> {
            if (id == 1) {
                started.countDown();
                await(release);
            }
            done.add(id);
        })) {
            work.submit(1);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // While customer 1 is being worked on, 2 and 3 arrive many times over.
            for (int i = 0; i < 1000; i++) {
                work.submit(2);
                work.submit(3);
            }
            assertThat(work.waiting()).as("customer 1 in work, 2 and 3 waiting once each").isEqualTo(3);
            release.countDown();
            awaitIdle(work);
            assertThat(done).containsExactly(1L, 2L, 3L);
            work.submit(2);
            awaitIdle(work);
            assertThat(done).as("queued again after it was done: done again").containsExactly(1L, 2L, 3L, 2L);
        }
    }

    @Test
    void aFailureForOneCustomerDoesNotStopTheOthers() throws Exception {
        List<Long> done = new CopyOnWriteArrayList<>();
        try (CoalescingWork work = new CoalescingWork("test", id -> {
            if (id == 7) {
                throw new IllegalStateException("the database went away");
            }
            done.add(id);
        })) {
            work.submit(6);
            work.submit(7);
            work.submit(8);
            awaitIdle(work);
            assertThat(done).containsExactly(6L, 8L);
        }
    }

    @Test
    void batchedWorkTakesTheCustomersWhoArrivedMeanwhileTogetherUpToItsMaximum() throws Exception {
        HeldFirst held = new HeldFirst();
        List<List<Long>> batches = new CopyOnWriteArrayList<>();
        try (CoalescingWork work = CoalescingWork.batched("test", 3, ids -> {
            held.holdIfFirst(ids);
            batches.add(ids);
        })) {
            work.submit(1);
            held.awaitHeld();
            for (int i = 0; i < 100; i++) {
                for (long id = 2; id <= 6; id++) {
                    work.submit(id);
                }
            }
            assertThat(work.waiting()).as("customer 1 in work, 2 to 6 waiting once each").isEqualTo(6);
            held.release();
            awaitIdle(work);
            assertThat(batches).containsExactly(List.of(1L), List.of(2L, 3L, 4L), List.of(5L, 6L));
        }
    }

    @Test
    void aBatchThatFailsIsDoneAgainForEachCustomerAlone() throws Exception {
        HeldFirst held = new HeldFirst();
        List<List<Long>> tried = new CopyOnWriteArrayList<>();
        List<Long> done = new CopyOnWriteArrayList<>();
        try (CoalescingWork work = CoalescingWork.batched("test", 10, ids -> {
            held.holdIfFirst(ids);
            tried.add(ids);
            if (ids.contains(7L)) {
                throw new IllegalStateException("customer 7's ledger does not replay");
            }
            done.addAll(ids);
        })) {
            work.submit(1);
            held.awaitHeld();
            work.submit(6);
            work.submit(7);
            work.submit(8);
            held.release();
            awaitIdle(work);
            assertThat(tried).containsExactly(List.of(1L), List.of(6L, 7L, 8L), List.of(6L), List.of(7L), List.of(8L));
            assertThat(done).containsExactly(1L, 6L, 8L);
        }
    }

    @Test
    void aBatchThatCouldNotReachTheDatabaseIsNotDoneAgainForEachCustomer() throws Exception {
        HeldFirst held = new HeldFirst();
        List<List<Long>> tried = new CopyOnWriteArrayList<>();
        try (CoalescingWork work = CoalescingWork.batched("test", 10, ids -> {
            if (held.holdIfFirst(ids)) {
                tried.add(ids);
                return;
            }
            tried.add(ids);
            throw new org.springframework.transaction.CannotCreateTransactionException("no connection");
        })) {
            work.submit(1);
            held.awaitHeld();
            work.submit(6);
            work.submit(7);
            held.release();
            awaitIdle(work);
            // Each alone would fail the same way, one slow failure per customer.
            assertThat(tried).containsExactly(List.of(1L), List.of(6L, 7L));
        }
    }

    /** Holds the work for customer 1 until released, so that others queue meanwhile. */
    private static final class HeldFirst {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /** Whether the batch is customer 1's, after holding it until {@link #release()}. */
        boolean holdIfFirst(List<Long> ids) {
            if (!ids.contains(1L)) {
                return false;
            }
            started.countDown();
            await(release);
            return true;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(started.await(10, TimeUnit.SECONDS)).as("customer 1 in work").isTrue();
        }

        void release() {
            release.countDown();
        }
    }

    private static void awaitIdle(CoalescingWork work) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (work.waiting() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(work.waiting()).as("all work done within 10 s").isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
