package io.fidelis.app.programme;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Accrues points in the server: every morning for every member, and after a purchase recorded through the API. */
@Component
@ConditionalOnWebApplication
class ProgrammeRules {
    private static final Logger log = LoggerFactory.getLogger(ProgrammeRules.class);
    private final LoyaltyProgramme programme;
    private final io.fidelis.app.shared.CoalescingWork accruing;
    /** The most customers credited together (one transaction, holding their members' rows until it commits). */
    private static final int BATCH = 16;

    ProgrammeRules(LoyaltyProgramme programme) {
        this.programme = programme;
        this.accruing = io.fidelis.app.shared.CoalescingWork.batched("points", BATCH,
                programme::accrueInOwnTransaction);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        accruing.close();
    }

    @Scheduled(cron = "${fidelis.programme.schedule:0 15 3 * * *}")
    void daily() {
        log.info("Loyalty programme: {} ledger entries written", programme.accrueAll());
    }

    /**
     * After the purchase commits, in a thread of its own (a customer buying twice meanwhile is credited once; those
     * who bought while others were credited are credited together).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(io.fidelis.app.purchase.PurchaseRecorded recorded) {
        accruing.submit(recorded.customerId());
    }
}
