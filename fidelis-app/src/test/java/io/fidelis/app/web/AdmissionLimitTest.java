package io.fidelis.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The admission limit: up to the limit let in, the rest turned away at once, never more inside than the limit. */
class AdmissionLimitTest {

    @Test
    void letsInUpToTheLimitAndTurnsAwayTheRestUntilOneLeaves() {
        AdmissionLimit limit = new AdmissionLimit(2);
        assertThat(limit.tryEnter()).isTrue();
        assertThat(limit.tryEnter()).isTrue();
        assertThat(limit.inside()).isEqualTo(2);
        assertThat(limit.tryEnter()).isFalse();
        assertThat(limit.tryEnter()).isFalse();
        assertThat(limit.inside()).as("a request turned away is not counted inside").isEqualTo(2);
        limit.exit();
        assertThat(limit.tryEnter()).isTrue();
        limit.exit();
        limit.exit();
        assertThat(limit.inside()).isZero();
    }

    @Test
    void manyThreadsAtOnceNeverGetMoreInsideThanTheLimit() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(3);
        AtomicInteger most = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                all.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (limit.tryEnter()) {
                            admitted.incrementAndGet();
                            most.accumulateAndGet(limit.inside(), Math::max);
                            limit.exit();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 3);
        assertThat(admitted.get()).isPositive();
        assertThat(limit.inside()).as("every admitted request left").isZero();
    }

    @Test
    void refusesALimitThatLetsNothingIn() {
        assertThatThrownBy(() -> new AdmissionLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
