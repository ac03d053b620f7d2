package io.fidelis.app.referral;

import java.util.Set;

import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Referrals entry: owner, managers, account managers (their own customers' chains) and analysts. */
@Configuration
class ReferralNavigation {
    @Bean
    NavigationItem referralsNavigationEntry() {
        return new NavigationItem(24, "nav.referrals", "/referrals", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER",
                "ANALYST"));
    }
}
