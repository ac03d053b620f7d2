package io.fidelis.app.loyalty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.fidelis.app.importing.CsvImported;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * In the running server, rescores every customer in the background after an import has committed, and every night
 * ({@code fidelis.loyalty.schedule}, a cron expression, default 02:30): one run at a time; imports that arrive during
 * a run are covered by one more run.
 */
@Component
@ConditionalOnWebApplication
@org.springframework.scheduling.annotation.EnableScheduling
class ScoringAfterImports {
    private static final Logger log = LoggerFactory.getLogger(ScoringAfterImports.class);
    private final LoyaltyScoring scoring;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fidelis-loyalty-scoring");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final io.fidelis.app.shared.CoalescingWork rescoring;
    /** The most customers rescored together (one transaction; a full run waits for it). */
    private static final int RESCORING_BATCH = 256;

    ScoringAfterImports(LoyaltyScoring scoring) {
        this.scoring = scoring;
        this.rescoring = io.fidelis.app.shared.CoalescingWork.batched("rescoring", RESCORING_BATCH,
                scoring::scoreSome);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CsvImported imported) {
        request("an import");
    }

    /**
     * A purchase recorded one at a time (API): rescore that customer with the last population models, right after
     * the purchase commits, in a thread of its own (a customer buying twice meanwhile is rescored once; customers
     * who bought while others were being rescored are rescored together).
     */
    @TransactionalEventListener
    void on(io.fidelis.app.purchase.PurchaseRecorded recorded) {
        rescoring.submit(recorded.customerId());
    }

    @org.springframework.scheduling.annotation.Scheduled(cron = "${fidelis.loyalty.schedule:0 30 2 * * *}")
    void nightly() {
        request("the nightly schedule");
    }

    private void request(String reason) {
        if (pending.compareAndSet(false, true)) {
            runner.submit(() -> {
                pending.set(false);
                try {
                    ScoringRun run = scoring.scoreAll();
                    log.info("Scored {} customers in {} s after {}", run.customers(),
                            String.format("%.1f", run.seconds()), reason);
                } catch (RuntimeException e) {
                    log.warn("Scoring after {} failed: {}", reason, e.toString());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        rescoring.close();
        runner.shutdownNow();
    }
}
