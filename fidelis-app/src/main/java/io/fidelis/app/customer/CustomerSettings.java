package io.fidelis.app.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the customer capability ({@code fidelis.customers.*}).
 *
 * @param activeDays a customer who bought within this many days is active (default 90)
 * @param lostDays a customer who has not bought for this many days is counted as lost (default 365)
 */
@ConfigurationProperties("fidelis.customers")
public record CustomerSettings(@DefaultValue("90") int activeDays, @DefaultValue("365") int lostDays) {
    public CustomerSettings {
        if (activeDays <= 0 || lostDays <= activeDays) {
            throw new IllegalArgumentException("fidelis.customers: need 0 < active-days < lost-days, got "
                    + activeDays + " and " + lostDays);
        }
    }
}
