package io.fidelis.app.winback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of win-back ({@code fidelis.winback.*}).
 *
 * @param contactDays  days the account manager has to contact a customer who became lost
 * @param winBackDays  a purchase within this many days of the case opening wins the customer back
 */
@ConfigurationProperties("fidelis.winback")
public record WinBackSettings(@DefaultValue("7") int contactDays, @DefaultValue("90") int winBackDays) {
}
