package io.fidelis.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The public pages' rate limit: per address, per minute. */
class SubmissionThrottleTest {
    @Test
    void anAddressOverItsLimitIsRefusedWhileOthersAreNot() {
        SubmissionThrottle throttle = new SubmissionThrottle(new SurveySettings("x", "x", 30, 48, 3, List.of(), 4, 8,
                8, 12));
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isFalse();
        assertThat(throttle.allow("10.0.0.2")).isTrue();
    }
}
