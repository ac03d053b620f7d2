package io.fidelis.app.suggestion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of suggestions and the improvement backlog ({@code fidelis.suggestions.*}).
 *
 * @param windowDays       recurrence and complaints count over this many days before today (prioritisation)
 * @param followUpDays     the account manager's follow-up task after a delivery is due this many days later
 * @param effectDays       the effect of a delivered item compares this many days before and after delivery (or as
 *                         many as have passed since, when fewer)
 * @param effectMinimum    fewer customers than this in either group and the effect is shown as too few to read
 * @param groupingThreshold the least similarity for a new suggestion to be proposed for an existing item (see
 *                         {@code SuggestionGrouping}; lower groups more, at the risk of joining different needs)
 */
@ConfigurationProperties("fidelis.suggestions")
public record SuggestionSettings(@DefaultValue("365") int windowDays, @DefaultValue("7") int followUpDays,
                                 @DefaultValue("90") int effectDays, @DefaultValue("20") int effectMinimum,
                                 @DefaultValue("0.35") double groupingThreshold) {
}
