package io.fidelis.app.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fidelis.app.customer.CustomerLink;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.shared.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's loyalty programme: a catalogue of rewards, about two in five consenting customers enrolled a year and a
 * half before the end (so their later orders earned points), their points accrued, and some rewards redeemed.
 */
@Service
public class LoadingDemoProgramme {
    private final ProgrammeRepository repository;
    private final LoyaltyProgramme programme;
    private final CustomerManagement customers;
    private final JdbcClient jdbc;

    LoadingDemoProgramme(ProgrammeRepository repository, LoyaltyProgramme programme, CustomerManagement customers,
                         JdbcClient jdbc) {
        this.repository = repository;
        this.programme = programme;
        this.customers = customers;
        this.jdbc = jdbc;
    }

    /** Members enrolled and rewards redeemed; (0, 0) when the programme had members already. */
    public record Loaded(int members, int redemptions) {
    }

    @Transactional
    public Loaded load(LocalDate end, long seed) {
        if (jdbc.sql("select count(*) from programme_member").query(Long.class).single() > 0) {
            return new Loaded(0, 0);
        }
        if (repository.rewards().isEmpty()) {
            repository.insertReward(new ProgrammeRepository.Reward("MUG", "Tea mug", "茶杯", 300, 200, true));
            repository.insertReward(new ProgrammeRepository.Reward("TASTING", "Tasting session for two",
                    "双人品茶会", 800, 40, true));
            repository.insertReward(new ProgrammeRepository.Reward("TEA-SET", "Porcelain tea set", "瓷茶具", 2500, 15,
                    true));
            repository.insertReward(new ProgrammeRepository.Reward("GIFT-BOX", "New Year gift box", "新年礼盒", 1200,
                    0, true));
        }
        SplittableRandom random = new SplittableRandom(seed * 53 + 1);
        List<Long> ids = new ArrayList<>();
        customers.eachLink((CustomerLink l) -> ids.add(l.id()));
        int members = 0;
        for (Long id : ids) {
            CustomerRecord c = customers.recordForSystem(id).orElseThrow();
            if (c.marketingConsent() && random.nextDouble() < 0.4) {
                repository.insertMember(id, end.minusDays(540), SecretTokens.hash(SecretTokens.create()));
                members++;
            }
        }
        programme.accrueAll();
        int redemptions = 0;
        for (ProgrammeRepository.Member m : repository.members()) {
            if (random.nextDouble() < 0.3) {
                CustomerRecord c = customers.recordForSystem(m.customerId()).orElseThrow();
                long balance = programme.member(c.externalId()).orElseThrow().balance();
                List<ProgrammeRepository.Reward> dearestFirst = new ArrayList<>(repository.rewards());
                java.util.Collections.reverse(dearestFirst);
                for (ProgrammeRepository.Reward reward : dearestFirst) {
                    if (reward.stock() > 0 && reward.points() <= balance) {
                        programme.redeem(c.externalId(), reward.code());
                        redemptions++;
                        break;
                    }
                }
            }
        }
        return new Loaded(members, redemptions);
    }
}
