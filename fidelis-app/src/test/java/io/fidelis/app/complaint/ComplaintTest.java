package io.fidelis.app.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.fidelis.app.shared.BusinessRuleException;
import org.junit.jupiter.api.Test;

/** The complaint's state machine: every move from every state, legal or refused with a clear message. */
class ComplaintTest {
    static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    static Complaint received() {
        return Complaint.receive("CP-TEST0001", 1, null, "DELIVERY", Severity.HIGH, "STAFF", "Late",
                "The parcel came a week late", "Logistics", "hash", "en", T, "agent");
    }

    /** A complaint brought to a state by legal moves. */
    static Complaint in(ComplaintStatus s) {
        Complaint c = received();
        switch (s) {
            case RECEIVED -> { }
            case ACKNOWLEDGED -> c.acknowledge("a", T);
            case INVESTIGATING -> {
                c.acknowledge("a", T);
                c.investigate("a", T);
            }
            case RESOLUTION_PROPOSED -> {
                c.acknowledge("a", T);
                c.investigate("a", T);
                c.proposeResolution("A refund of the delivery fee", "Courier delay", "a", T);
            }
            case RESOLVED -> {
                c.acknowledge("a", T);
                c.investigate("a", T);
                c.proposeResolution("A refund of the delivery fee", "Courier delay", "a", T);
                c.accept("customer", T);
            }
            case REOPENED -> {
                c.acknowledge("a", T);
                c.investigate("a", T);
                c.proposeResolution("A voucher", "Courier delay", "a", T);
                c.reopen("I want the fee back", "customer", T);
            }
            case CLOSED -> {
                c.acknowledge("a", T);
                c.investigate("a", T);
                c.proposeResolution("A refund", "Courier delay", "a", T);
                c.accept("customer", T);
                c.close("a", T);
            }
            case WITHDRAWN -> c.withdraw("Solved it myself", "customer", T);
        }
        assertThat(c.status()).isEqualTo(s);
        return c;
    }

    static final Map<String, Consumer<Complaint>> MOVES = new LinkedHashMap<>();

    static {
        MOVES.put("acknowledge", c -> c.acknowledge("a", T));
        MOVES.put("investigate", c -> c.investigate("a", T));
        MOVES.put("propose", c -> c.proposeResolution("A refund", "Courier delay", "a", T));
        MOVES.put("accept", c -> c.accept("customer", T));
        MOVES.put("reopen", c -> c.reopen("Not enough", "customer", T));
        MOVES.put("close", c -> c.close("a", T));
        MOVES.put("withdraw", c -> c.withdraw(null, "customer", T));
    }

    /** From each state, the moves that are allowed (all others are refused). */
    static final Map<ComplaintStatus, Set<String>> LEGAL = Map.of(
            ComplaintStatus.RECEIVED, Set.of("acknowledge", "withdraw"),
            ComplaintStatus.ACKNOWLEDGED, Set.of("investigate", "withdraw"),
            ComplaintStatus.INVESTIGATING, Set.of("propose", "withdraw"),
            ComplaintStatus.RESOLUTION_PROPOSED, Set.of("accept", "reopen", "withdraw"),
            ComplaintStatus.RESOLVED, Set.of("close", "reopen", "withdraw"),
            ComplaintStatus.REOPENED, Set.of("investigate", "propose", "withdraw"),
            ComplaintStatus.CLOSED, Set.of(),
            ComplaintStatus.WITHDRAWN, Set.of());

    @Test
    void everyMoveFromEveryStateIsAllowedOrRefusedWithAClearMessage() {
        for (ComplaintStatus from : EnumSet.allOf(ComplaintStatus.class)) {
            for (var move : MOVES.entrySet()) {
                Complaint c = in(from);
                if (LEGAL.get(from).contains(move.getKey())) {
                    assertThatCode(() -> move.getValue().accept(c)).as(from + " " + move.getKey())
                            .doesNotThrowAnyException();
                } else {
                    assertThatThrownBy(() -> move.getValue().accept(c)).as(from + " " + move.getKey())
                            .isInstanceOf(BusinessRuleException.class).hasMessageContaining("cannot become")
                            .hasMessageContaining(from.name().toLowerCase().replace('_', ' '));
                    assertThat(c.status()).isEqualTo(from);
                }
            }
        }
    }

    @Test
    void aProposalNeedsItsRootCauseAndPausesTheClocksUntilTheCustomerAnswers() {
        Complaint c = in(ComplaintStatus.INVESTIGATING);
        assertThatThrownBy(() -> c.proposeResolution("A refund", " ", "a", T)).hasMessageContaining("root cause");
        c.proposeResolution("A refund", "Courier delay", "a", T.plusSeconds(60));
        assertThat(c.waitingSince()).isEqualTo(T.plusSeconds(60));
        c.accept("customer", T.plusSeconds(120));
        assertThat(c.waitingSince()).isNull();
        assertThat(c.resolvedAt()).isEqualTo(T.plusSeconds(120));
        assertThat(c.rootCause()).isEqualTo("Courier delay");
    }

    @Test
    void waitingForTheCustomerEndsWhenTheyWriteAndNotesAreInternalOrMessages() {
        Complaint c = in(ComplaintStatus.INVESTIGATING);
        c.drainHistory();
        c.waitForCustomer("a", T);
        assertThat(c.waitingSince()).isEqualTo(T);
        c.customerWrote("Here is the photo", T.plusSeconds(3600));
        assertThat(c.waitingSince()).isNull();
        c.note("Called the courier", true, "a", T);
        c.note("We are on it", false, "a", T);
        assertThat(c.drainHistory()).extracting(Complaint.History::kind, Complaint.History::internal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WAITING", true),
                        org.assertj.core.groups.Tuple.tuple("RESUMED", true),
                        org.assertj.core.groups.Tuple.tuple("MESSAGE_IN", false),
                        org.assertj.core.groups.Tuple.tuple("NOTE", true),
                        org.assertj.core.groups.Tuple.tuple("MESSAGE_OUT", false));
        assertThatThrownBy(() -> in(ComplaintStatus.RECEIVED).waitForCustomer("a", T))
                .hasMessageContaining("only a complaint being handled");
        assertThatThrownBy(() -> in(ComplaintStatus.CLOSED).customerWrote("Hello?", T))
                .hasMessageContaining("write a new one");
    }

    @Test
    void theWaitsForTheCustomerAreThePausesOfTheClocks() {
        Complaint c = in(ComplaintStatus.INVESTIGATING);
        c.drainHistory();
        c.waitForCustomer("a", T.plusSeconds(100));
        c.customerWrote("photo", T.plusSeconds(400));
        c.proposeResolution("A refund", "Courier delay", "a", T.plusSeconds(1000));
        var pauses = Complaint.pauses(c.drainHistory());
        assertThat(pauses).containsExactly(new io.fidelis.core.sla.Pause(T.plusSeconds(100), T.plusSeconds(400)),
                io.fidelis.core.sla.Pause.open(T.plusSeconds(1000)));
    }

    @Test
    void aComplaintNeedsASubjectAndADescription() {
        assertThatThrownBy(() -> Complaint.receive("CP-X", 1, null, "OTHER", null, "FORM", " ", "x", null, "h",
                "en", T, "c")).hasMessageContaining("subject");
        assertThatThrownBy(() -> Complaint.receive("CP-X", 1, null, "OTHER", null, "FORM", "Late", "x".repeat(8001),
                null, "h", "en", T, "c")).hasMessageContaining("8,000");
        assertThat(received().drainHistory()).extracting(Complaint.History::to)
                .containsExactly(ComplaintStatus.RECEIVED);
    }
}
