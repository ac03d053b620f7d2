package io.fidelis.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // Reference: Python 3.11, hmac.new(b'whsec_test', b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    static final String REFERENCE = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        assertThat(WebhookSignature.hmac("whsec_test", 1700000000L, "{\"a\":1}")).isEqualTo(REFERENCE);
        assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}"))
                .isEqualTo("t=1700000000,v1=" + REFERENCE);
    }

    @Test
    void verificationRejectsAnotherBodySecretOrAnOldTimestamp() {
        String header = "t=1700000000,v1=" + REFERENCE;
        assertThat(WebhookSignature.verify(header, "whsec_test", "{\"a\":1}", 1700000100L, 300)).isTrue();
        assertThat(WebhookSignature.verify(header, "whsec_test", "{\"a\":2}", 1700000100L, 300)).isFalse();
        assertThat(WebhookSignature.verify(header, "whsec_other", "{\"a\":1}", 1700000100L, 300)).isFalse();
        assertThat(WebhookSignature.verify(header, "whsec_test", "{\"a\":1}", 1700000400L, 300)).as("replayed late")
                .isFalse();
        assertThat(WebhookSignature.verify("t=x,v1=" + REFERENCE, "whsec_test", "{\"a\":1}", 1700000000L, 300))
                .isFalse();
        assertThat(WebhookSignature.verify(null, "whsec_test", "{\"a\":1}", 1700000000L, 300)).isFalse();
    }
}
