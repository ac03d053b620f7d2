package io.fidelis.app.winback;

import io.fidelis.app.loyalty.LoyaltyStageChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Opens a lost-customer case when a scoring run finds a customer newly lost: their overlay moved to LOST from
 * another (a customer's first scoring does not count, or importing years of history would open a case for every
 * customer who left long ago). Settles won-back cases every morning and after purchases recorded through the API.
 */
@Component
class OpeningLostCases {
    private static final Logger log = LoggerFactory.getLogger(OpeningLostCases.class);
    private final LostCases cases;
    /** The most customers settled together. */
    private static final int BATCH = 256;
    /** A purchase may win a lost customer back: settled after it commits, in a thread of its own. */
    private final io.fidelis.app.shared.CoalescingWork settling;

    OpeningLostCases(LostCases cases) {
        this.cases = cases;
        this.settling = io.fidelis.app.shared.CoalescingWork.batched("win-back", BATCH, cases::settle);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(LoyaltyStageChanged changed) {
        if ("LOST".equals(changed.toOverlay()) && changed.fromOverlay() != null
                && !"LOST".equals(changed.fromOverlay())) {
            try {
                cases.openFor(changed.customerId());
            } catch (RuntimeException e) {
                log.warn("No lost-customer case for customer {}: {}", changed.customerId(), e.toString());
            }
        }
    }

    @TransactionalEventListener
    void on(io.fidelis.app.purchase.PurchaseRecorded recorded) {
        settling.submit(recorded.customerId());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        settling.close();
    }

    @Scheduled(cron = "${fidelis.winback.schedule:0 30 6 * * *}")
    void daily() {
        cases.settle();
    }
}
