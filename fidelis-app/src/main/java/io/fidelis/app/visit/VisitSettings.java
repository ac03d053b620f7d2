package io.fidelis.app.visit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of account managers' work ({@code fidelis.visits.*}).
 *
 * @param coverageDays      a customer contacted within this many days counts as covered
 * @param atRiskQuietDays   an at-risk valuable customer becomes a task when not contacted for this many days
 * @param valuableQuantile  "valuable": a 12-month CLV at or above this quantile of all customers (0.8: the top 20 %)
 * @param referralQuietDays a promoter is suggested for a referral ask when not contacted for this many days
 */
@ConfigurationProperties("fidelis.visits")
public record VisitSettings(@DefaultValue("90") int coverageDays, @DefaultValue("14") int atRiskQuietDays,
                            @DefaultValue("0.8") double valuableQuantile,
                            @DefaultValue("90") int referralQuietDays) {
}
