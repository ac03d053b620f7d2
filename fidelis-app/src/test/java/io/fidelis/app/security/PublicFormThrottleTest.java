package io.fidelis.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The public forms' rate limit: per address, per minute. */
class PublicFormThrottleTest {
    @Test
    void anAddressOverItsLimitIsRefusedWhileOthersAreNot() {
        PublicFormThrottle throttle = new PublicFormThrottle(3);
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isTrue();
        assertThat(throttle.allow("10.0.0.1")).isFalse();
        assertThat(throttle.allow("10.0.0.2")).isTrue();
    }
}
