package io.fidelis.app.programme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.programme.EarningRules;
import io.fidelis.core.programme.TierPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the loyalty programme ({@code fidelis.programme.*}).
 *
 * @param pointsPerUnit  points per unit of money spent (net of the line's discounts), rounded down per order
 * @param pointsMonths   months a lot of points stays usable
 * @param valuePerPoint  what a point is worth in money, for the liability
 * @param tiers          tiers from the lowest, each {@code NAME}, {@code NAME:SPEND} or {@code NAME:STAGE:SPEND}
 * @param windowMonths   the rolling window of spend that qualifies for a tier
 * @param graceMonths    months of grace before a downgrade, at the review day
 * @param doublePoints   categories with extra points for a time, each {@code CATEGORY:MULTIPLIER:FROM:TO}
 * @param giftRules      buy-and-get-a-gift rules, each {@code SKU:QUANTITY:GIFT} (a product bought N times in one order)
 * @param referralPoints points a member earns when someone they referred keeps their first purchase
 * @param referralDays   days the first purchase must stand without a return
 * @param referralGift   a gift a member is given when someone they referred keeps their first purchase (none when
 *                       blank); with {@code referralPoints} 0 the reward is the gift alone
 */
@ConfigurationProperties("fidelis.programme")
public record ProgrammeSettings(@DefaultValue("1") BigDecimal pointsPerUnit, @DefaultValue("24") int pointsMonths,
                                @DefaultValue("0.01") BigDecimal valuePerPoint,
                                @DefaultValue({"Member", "Silver:500", "Gold:2000", "Platinum:EMOTIONAL:5000"})
                                List<String> tiers,
                                @DefaultValue("12") int windowMonths, @DefaultValue("3") int graceMonths,
                                @DefaultValue List<String> doublePoints, @DefaultValue List<String> giftRules,
                                @DefaultValue("200") long referralPoints, @DefaultValue("30") int referralDays,
                                @DefaultValue("") String referralGift) {

    public ProgrammeSettings {
        referralGift = referralGift == null ? "" : referralGift.strip();
        if (referralGift.length() > 200) {
            throw new IllegalArgumentException("fidelis.programme.referral-gift: at most 200 characters");
        }
        if (referralPoints < 0) {
            throw new IllegalArgumentException("fidelis.programme.referral-points: 0 or more, got " + referralPoints);
        }
    }

    TierPolicy tierPolicy() {
        List<TierPolicy.Tier> list = new ArrayList<>();
        for (String spec : tiers) {
            String[] p = spec.split(":");
            if (p.length == 1) {
                list.add(TierPolicy.Tier.base(p[0].strip()));
            } else if (p.length == 2) {
                list.add(TierPolicy.Tier.spend(p[0].strip(), new BigDecimal(p[1].strip())));
            } else {
                list.add(new TierPolicy.Tier(p[0].strip(), LoyaltyStage.valueOf(p[1].strip()),
                        new BigDecimal(p[2].strip())));
            }
        }
        return new TierPolicy(TierPolicy.Settings.defaults().withTiers(list).withWindowMonths(windowMonths)
                .withGraceMonths(graceMonths));
    }

    EarningRules earningRules() {
        EarningRules rules = EarningRules.defaults().withPointsPerUnit(pointsPerUnit);
        for (String spec : doublePoints) {
            String[] p = spec.split(":");
            rules = rules.withMultiplier(new EarningRules.CategoryMultiplier("×" + p[1] + " on " + p[0], p[0],
                    new BigDecimal(p[1]), LocalDate.parse(p[2]), LocalDate.parse(p[3])));
        }
        for (String spec : giftRules) {
            String[] p = spec.split(":");
            rules = rules.withGiftRule(new EarningRules.GiftRule("buy " + p[1] + " " + p[0] + ", get " + p[2],
                    EarningRules.Scope.SKU, p[0], new BigDecimal(p[1]), p[2], null, null));
        }
        return rules;
    }
}
