package io.fidelis.app.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import io.fidelis.app.shared.BusinessRuleException;
import org.junit.jupiter.api.Test;

class CustomerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-02-01T00:00:00Z");
    private final CustomerDetails details = new CustomerDetails("Ann", "ann@example.com", null, "North", "Consumer",
            null, "store", ZoneId.of("Asia/Shanghai"));

    private Customer stored() {
        return new Customer(7L, "A1", details, null, null, new MarketingConsent(true, T0, "import:c.csv"), T0, T0, 0);
    }

    @Test
    void consentKeepsItsDateAndSourceUntilItChanges() {
        Customer c = stored();
        c.change(details, null, null, true, "api:admin", T1);
        assertThat(c.consent()).isEqualTo(new MarketingConsent(true, T0, "import:c.csv"));
        c.change(details, null, null, false, "api:admin", T1);
        assertThat(c.consent()).isEqualTo(new MarketingConsent(false, T1, "api:admin"));
        assertThat(c.updatedAt()).isEqualTo(T1);
    }

    @Test
    void aCustomerCannotReferThemselves() {
        Customer c = stored();
        assertThatThrownBy(() -> c.change(details, 7L, null, true, null, T1))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("refer themselves");
    }

    @Test
    void registrationDatesTheConsent() {
        Customer c = Customer.register("B2", details, 7L, 3L, false, "web", T1);
        assertThat(c.consent()).isEqualTo(new MarketingConsent(false, T1, "web"));
        assertThat(c.referredById()).isEqualTo(7L);
        assertThat(c.accountManagerId()).isEqualTo(3L);
        assertThat(c.details().timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aCustomerWithoutZoneLivesInUtc() {
        assertThat(new CustomerDetails(null, null, null, null, null, null, null, null).timeZone())
                .isEqualTo(ZoneId.of("UTC"));
    }
}
