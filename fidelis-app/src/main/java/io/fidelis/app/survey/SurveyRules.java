package io.fidelis.app.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.loyalty.LoyaltyScoring;
import io.fidelis.app.purchase.PurchaseRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The automatic parts of surveys, in the server: each day, invite the customers who bought N days earlier to the
 * open surveys that ask for it (consent and the contact cap apply as for any invitation); and rescore a customer
 * after they answer, so the loyalty stage takes in what they said. (Inviting after a complaint is closed comes with
 * the complaint capability.)
 */
@Component
@ConditionalOnWebApplication
class SurveyRules {
    private static final Logger log = LoggerFactory.getLogger(SurveyRules.class);
    private final SurveyRepository repository;
    private final SurveyManagement management;
    private final PurchaseRecording purchases;
    private final CustomerManagement customers;
    private final Clock clock = Clock.systemUTC();
    /**
     * The invitation after a resolved complaint runs here: not in the request that resolved it, and in a transaction
     * of its own.
     */
    private final java.util.concurrent.ExecutorService inviting = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fidelis-survey-inviting");
                t.setDaemon(true);
                return t;
            });
    /** The most customers rescored together after their answers. */
    private static final int RESCORING_BATCH = 256;
    /**
     * Rescoring after answers: not in the customer's request (a full scoring run may hold it up). A customer who
     * answers twice meanwhile is rescored once, and customers who answered while others were being rescored are
     * rescored together, in one transaction (a survey sent to many people is answered by many at once).
     */
    private final io.fidelis.app.shared.CoalescingWork rescoring;

    SurveyRules(SurveyRepository repository, SurveyManagement management, PurchaseRecording purchases,
                CustomerManagement customers, LoyaltyScoring scoring) {
        this.repository = repository;
        this.management = management;
        this.purchases = purchases;
        this.customers = customers;
        this.rescoring = io.fidelis.app.shared.CoalescingWork.batched("survey-rescoring", RESCORING_BATCH,
                scoring::scoreSome);
    }

    @Scheduled(cron = "${fidelis.surveys.schedule:0 0 9 * * *}")
    void daily() {
        invitePurchasers(Instant.now(clock));
    }

    /** Invites, for each survey with a purchase rule, the customers who bought on the day N days before {@code now}. */
    int invitePurchasers(Instant now) {
        int invited = 0;
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        for (Survey s : repository.withPurchaseRule()) {
            Instant from = today.minus(Duration.ofDays(s.afterPurchaseDays()));
            for (long id : purchases.buyersBetween(from, from.plus(Duration.ofDays(1)))) {
                var customer = customers.recordForSystem(id);
                if (customer.isPresent()) {
                    try {
                        invited += management.inviteForSystem(s.id(), customer.get(), "after-purchase").invited();
                    } catch (RuntimeException e) {
                        log.warn("Inviting customer {} to survey {} failed: {}", id, s.id(), e.toString());
                    }
                }
            }
        }
        return invited;
    }

    @TransactionalEventListener
    void on(SurveyAnswered answered) {
        if (answered.customerId() != null) {
            rescoring.submit(answered.customerId());
        }
    }

    /** A complaint resolved: the customer is invited to the open complaint-resolution survey, if there is one. */
    @TransactionalEventListener
    void on(io.fidelis.app.complaint.ComplaintStatusChanged changed) {
        if (changed.to() == io.fidelis.app.complaint.ComplaintStatus.RESOLVED) {
            // In a thread of its own: after the complaint's commit, in a transaction of its own.
            inviting.submit(() -> {
                try {
                    management.inviteAfterComplaint(changed.customerId(), changed.reference(),
                            changed.language());
                } catch (RuntimeException e) {
                    log.warn("Inviting customer {} after complaint {} failed: {}", changed.customerId(),
                            changed.reference(), e.toString());
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        inviting.shutdown();
        rescoring.close();
    }
}
