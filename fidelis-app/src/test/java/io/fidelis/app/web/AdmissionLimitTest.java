package io.fidelis.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.fidelis.app.web.AdmissionLimit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admission limit with real threads: turns, a bounded wait in arrival order, and turning away. */
class AdmissionLimitTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void admitsUpToTheLimitThenQueuesThenTurnsAwayAtOnce() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(2, 1, Duration.ofMinutes(1));
        assertThat(limit.enter()).isEqualTo(Outcome.ADMITTED);
        assertThat(limit.enter()).isEqualTo(Outcome.ADMITTED);
        assertThat(limit.active()).isEqualTo(2);

        Future<Outcome> waiter = threads.submit(limit::enter);
        awaitTrue(() -> limit.waiting() == 1);
        // The waiting place is taken: the next request is turned away without waiting (the waiter's minute).
        assertThat(limit.enter()).isEqualTo(Outcome.QUEUE_FULL);
        assertThat(waiter).isNotDone();

        limit.exit();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ADMITTED);
        assertThat(limit.waiting()).isZero();
        assertThat(limit.active()).isEqualTo(2);
        limit.exit();
        limit.exit();
        assertThat(limit.active()).isZero();
        assertThat(limit.enter()).as("free again").isEqualTo(Outcome.ADMITTED);
    }

    @Test
    void aRequestThatWaitedItsLongestIsTurnedAwayAndFreesItsPlace() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(1, 1, Duration.ofMillis(50));
        assertThat(limit.enter()).isEqualTo(Outcome.ADMITTED);
        assertThat(limit.enter()).isEqualTo(Outcome.WAITED_TOO_LONG);
        assertThat(limit.waiting()).isZero();
        assertThat(limit.active()).isEqualTo(1);
        assertThat(limit.enter()).as("the waiting place is free again").isEqualTo(Outcome.WAITED_TOO_LONG);
    }

    @Test
    void withNoWaitingPlacesABusyServerTurnsAwayAtOnce() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(1, 0, Duration.ofMinutes(1));
        assertThat(limit.enter()).isEqualTo(Outcome.ADMITTED);
        assertThat(limit.enter()).isEqualTo(Outcome.QUEUE_FULL);
    }

    @Test
    void waitingRequestsGetTheirTurnsInTheOrderTheyCame() throws Exception {
        AdmissionLimit limit = new AdmissionLimit(1, 5, Duration.ofMinutes(1));
        assertThat(limit.enter()).isEqualTo(Outcome.ADMITTED);
        Future<Outcome> first = threads.submit(limit::enter);
        awaitTrue(() -> limit.queued() == 1);
        Future<Outcome> second = threads.submit(limit::enter);
        awaitTrue(() -> limit.queued() == 2);

        limit.exit();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ADMITTED);
        assertThat(second).isNotDone();
        // A newcomer does not take the turn of the one still waiting.
        Future<Outcome> third = threads.submit(limit::enter);
        awaitTrue(() -> limit.queued() == 2);
        limit.exit();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ADMITTED);
        assertThat(third).isNotDone();
        limit.exit();
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ADMITTED);
    }

    @Test
    void refusesLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> new AdmissionLimit(0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new AdmissionLimit(1, -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new AdmissionLimit(1, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }
}
