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

    ProgrammeRules(LoyaltyProgramme programme) {
        this.programme = programme;
        this.accruing = new io.fidelis.app.shared.CoalescingWork("points", programme::accrueInOwnTransaction);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        accruing.close();
    }

    @Scheduled(cron = "${fidelis.programme.schedule:0 15 3 * * *}")
    void daily() {
        log.info("Loyalty programme: {} ledger entries written", programme.accrueAll());
    }

    /** After the purchase commits, in a thread of its own (a customer buying twice meanwhile is credited once). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(io.fidelis.app.purchase.PurchaseRecorded recorded) {
        accruing.submit(recorded.customerId());
    }
}
