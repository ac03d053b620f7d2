package io.fidelis.app.visit;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.nba.NextBestAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The next-best-action rules' thresholds ({@code fidelis.nba.*}); the defaults are {@link NextBestAction.Rules}'s.
 *
 * @param callMinClvPercentile    call an at-risk customer whose CLV is at or above this percentile
 * @param winBackMinClvPercentile try to win back a lost customer at or above this percentile
 * @param promoterNps             an NPS answer at or above this is a promoter
 * @param referralMinTenureYears  ask a promoter for a referral after this many years as a customer
 * @param satisfiedCsat           a CSAT at or above this counts as satisfied
 * @param thankMinStage           thank customers at this loyalty stage or above…
 * @param thankAfterDays          …when not contacted for this many days
 * @param maxSuggestions          at most this many suggestions per customer
 */
@ConfigurationProperties("fidelis.nba")
public record NbaSettings(@DefaultValue("80") double callMinClvPercentile,
                          @DefaultValue("50") double winBackMinClvPercentile, @DefaultValue("9") int promoterNps,
                          @DefaultValue("3") double referralMinTenureYears, @DefaultValue("4") double satisfiedCsat,
                          @DefaultValue("EMOTIONAL") LoyaltyStage thankMinStage,
                          @DefaultValue("90") int thankAfterDays, @DefaultValue("3") int maxSuggestions) {
    NextBestAction.Rules rules() {
        return new NextBestAction.Rules(callMinClvPercentile, winBackMinClvPercentile, promoterNps,
                referralMinTenureYears, satisfiedCsat, thankMinStage, thankAfterDays, maxSuggestions);
    }
}
