package io.fidelis.app.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The earliest moment an SLA warning can come, which the SLA watch uses to skip complaints too young for one. */
class ComplaintSlaTest {
    private static ComplaintSettings settings(List<String> acknowledge, List<String> resolve, double warnShare) {
        return new ComplaintSettings("UTC", "09:00", "18:00", List.of(), acknowledge, resolve, warnShare,
                "least-loaded", Map.of(), 1, 3);
    }

    @Test
    void theEarliestWarningIsTheShareUsedOfTheShortestTarget() {
        // The defaults: a critical complaint is to be acknowledged within 1 business hour, warned at 80% used.
        ComplaintSla defaults = new ComplaintSla(settings(List.of("LOW=24", "MEDIUM=8", "HIGH=4", "CRITICAL=1"),
                List.of("LOW=120", "MEDIUM=40", "HIGH=16", "CRITICAL=8"), 0.8));
        assertThat(defaults.earliestWarning()).isEqualTo(Duration.ofMinutes(48));
        // The shortest target may be a time to resolve, and any severity.
        ComplaintSla other = new ComplaintSla(settings(List.of("LOW=24", "MEDIUM=8", "HIGH=4", "CRITICAL=6"),
                List.of("LOW=120", "MEDIUM=2", "HIGH=16", "CRITICAL=8"), 0.5));
        assertThat(other.earliestWarning()).isEqualTo(Duration.ofHours(1));
        // Warned from the start: every open complaint is looked at.
        ComplaintSla always = new ComplaintSla(settings(List.of("LOW=24", "MEDIUM=8", "HIGH=4", "CRITICAL=1"),
                List.of("LOW=120", "MEDIUM=40", "HIGH=16", "CRITICAL=8"), 0.0));
        assertThat(always.earliestWarning()).isZero();
    }
}
