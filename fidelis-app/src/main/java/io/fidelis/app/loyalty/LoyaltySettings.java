package io.fidelis.app.loyalty;

import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of loyalty scoring ({@code fidelis.loyalty.*}); the README documents each default.
 *
 * @param atRiskPAlive         P(alive) below this is at risk
 * @param lostPAlive           P(alive) below this is lost
 * @param lostIntervalMultiple silent for more than this many of the customer's usual intervals is lost
 * @param rateDropRatio        a recent purchase rate below this share of the long-run rate is at risk
 * @param sustainableMonths    months of emotional loyalty before the sustainable stage
 * @param crossCategoryMinimum categories bought for the sustainable stage
 * @param horizonWeeks         weeks ahead for expected purchases
 * @param clvMonths            months of the CLV horizon
 * @param discountRate         annual discount rate of CLV
 * @param marginRatio          margin as a share of spend in CLV (1: spend)
 * @param lateDeliveriesAtRisk late deliveries in the last 90 days that put a customer at risk
 */
@ConfigurationProperties("fidelis.loyalty")
public record LoyaltySettings(@DefaultValue("0.5") double atRiskPAlive, @DefaultValue("0.1") double lostPAlive,
                              @DefaultValue("3") double lostIntervalMultiple, @DefaultValue("0.5") double rateDropRatio,
                              @DefaultValue("12") int sustainableMonths, @DefaultValue("2") int crossCategoryMinimum,
                              @DefaultValue("52") double horizonWeeks, @DefaultValue("12") int clvMonths,
                              @DefaultValue("0.10") double discountRate, @DefaultValue("1.0") double marginRatio,
                              @DefaultValue("2") int lateDeliveriesAtRisk) {

    LoyaltyStagePolicy.Settings policy() {
        return new LoyaltyStagePolicy.Settings(atRiskPAlive, lostPAlive, lostIntervalMultiple, rateDropRatio,
                sustainableMonths, crossCategoryMinimum, 0.5, 0.25, 0.25, lateDeliveriesAtRisk);
    }
}
