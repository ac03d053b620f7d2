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

    ProgrammeRules(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    @Scheduled(cron = "${fidelis.programme.schedule:0 15 3 * * *}")
    void daily() {
        log.info("Loyalty programme: {} ledger entries written", programme.accrueAll());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(io.fidelis.app.purchase.PurchaseRecorded recorded) {
        try {
            programme.accrueInOwnTransaction(recorded.customerId());
        } catch (RuntimeException e) {
            log.warn("Points for customer {} not accrued: {}", recorded.customerId(), e.toString());
        }
    }
}
