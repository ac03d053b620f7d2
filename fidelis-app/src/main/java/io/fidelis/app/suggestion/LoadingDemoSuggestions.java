package io.fidelis.app.suggestion;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's suggestions, so the board is not empty: seed 003's furniture story retold for the demo's shop (gift
 * boxes too big for the customers' shelves, delivered as flat-packed boxes two and a half months before the last
 * day, the customers told), and needs at every stage of the backlog, with customers who bought in the category
 * asking in English or Chinese; plus a few new suggestions waiting to be grouped. The same seed gives the same
 * suggestions; loading again changes nothing.
 */
@Service
public class LoadingDemoSuggestions {
    private static final String DEMO = "demo";
    private final SuggestionRepository repository;
    private final PurchaseRecording purchases;
    private final CustomerManagement customers;
    private final JdbcClient jdbc;

    LoadingDemoSuggestions(SuggestionRepository repository, PurchaseRecording purchases, CustomerManagement customers,
                           JdbcClient jdbc) {
        this.repository = repository;
        this.purchases = purchases;
        this.customers = customers;
        this.jdbc = jdbc;
    }

    /** A need: its category, what customers say in each language, the item, where it stands, how many ask. */
    private record Need(String category, String[] english, String[] chinese, String title, ImprovementStatus status,
                        String why, int askers) {
    }

    private static final List<Need> NEEDS = List.of(
            new Need("Gifts", new String[] {"The gift boxes are too big for our shop's shelves",
                "Gift boxes do not fit through the stock-room door when stacked; could they fold flat?",
                "Too big: the gift box needs half a shelf"},
                new String[] {"礼盒太大，店里的货架放不下", "礼盒叠起来进不了仓库的门，能不能做成可折叠的？"},
                "Flat-packed gift boxes that fit a standard shelf", ImprovementStatus.DELIVERED, null, 14),
            new Need("Tea", new String[] {"Please offer smaller tins of tea for travelling",
                "A travel-size tin would be handy"}, new String[] {"希望有小罐装的茶，出差方便带", "想要旅行装的小茶罐"},
                "Travel-size tea tins", ImprovementStatus.PLANNED, null, 11),
            new Need("Kitchenware", new String[] {"The teapot lid falls off when pouring",
                "Lid of the teapot is loose"}, new String[] {"茶壶倒茶时盖子会掉", "茶壶盖子太松"},
                "A teapot lid that stays on", ImprovementStatus.UNDER_REVIEW, null, 9),
            new Need("Coffee", new String[] {"Decaf coffee beans would be welcome", "Please stock decaf beans"},
                new String[] {"希望有低咖啡因的咖啡豆"}, "Decaf coffee beans", ImprovementStatus.NEW, null, 6),
            new Need("Snacks", new String[] {"Less sugar in the biscuits, please"}, new String[] {"饼干能不能少放点糖"},
                "Less sugar in the biscuits", ImprovementStatus.DECLINED,
                "The recipe is the supplier's; we will offer a sugar-free line instead", 5));

    private static final String[][] WAITING = {
        {"Home textiles", "The table runners could be longer", "桌旗可以再长一些"},
        {"Stationery", "Notebooks with squared paper, please", "希望有方格纸的笔记本"},
        {"Tea", "Smaller tins of jasmine tea for the office", "办公室想要小罐的茉莉花茶"},
        {"Personal care", "A refill pack for the hand cream", "护手霜希望有补充装"}};

    /** Suggestions and items written; (0, 0) when the demo's were there already. */
    public record Loaded(int suggestions, int items) {
    }

    @Transactional
    public Loaded load(LocalDate end, long seed) {
        if (jdbc.sql("select count(*) from suggestion where created_by = ?").param(DEMO).query(Long.class).single()
                > 0) {
            return new Loaded(0, 0);
        }
        SplittableRandom random = new SplittableRandom(seed * 173 + 11);
        Instant now = end.atTime(17, 0).toInstant(ZoneOffset.UTC);
        int suggestions = 0;
        int items = 0;
        for (Need need : NEEDS) {
            List<Long> buyers = buyers(need.category(), now);
            if (buyers.isEmpty()) {
                continue;
            }
            Instant delivered = now.minus(Duration.ofDays(75));
            Instant latest = need.status() == ImprovementStatus.DELIVERED ? delivered : now;
            ImprovementItem item = ImprovementItem.open(need.title(), null, DEMO, latest.minus(Duration.ofDays(200)));
            long itemId = repository.insert(item);
            items++;
            List<Long> askers = pick(buyers, need.askers(), random);
            Map<Long, CustomerRecord> people = customers.recordsForSystem(askers);
            for (Long c : askers) {
                boolean zh = random.nextDouble() < 0.6;
                String[] texts = zh ? need.chinese() : need.english();
                Instant at = latest.minus(Duration.ofHours(1 + random.nextInt(24 * 180)));
                Suggestion s = Suggestion.receive(c, source(random), null, texts[random.nextInt(texts.length)], null,
                        need.category(), zh ? "zh-CN" : "en", at, DEMO);
                s.groupInto(itemId);
                repository.insert(s);
                suggestions++;
                if (need.status() == ImprovementStatus.DELIVERED) {
                    CustomerRecord r = people.get(c);
                    String outcome = r == null || !r.marketingConsent() ? "NO_CONSENT"
                            : r.email() == null || r.email().isBlank() ? "NO_ADDRESS" : "SENT";
                    repository.insertNotice(new SuggestionRepository.Notice(itemId, c, outcome, zh ? "zh-CN" : "en",
                            null, delivered));
                }
            }
            jdbc.sql("update improvement_item set status = ?, decline_reason = ?, delivered_at = ?, delivery_note = ?,"
                            + " updated_at = ? where id = ?")
                    .params(need.status().name(), need.why(), need.status() == ImprovementStatus.DELIVERED
                                    ? delivered.atOffset(ZoneOffset.UTC) : null,
                            need.status() == ImprovementStatus.DELIVERED ? "Our gift boxes now come flat-packed and"
                                    + " fold up in a minute. 礼盒现在可以折叠平放，一分钟就能折好。" : null,
                            latest.atOffset(ZoneOffset.UTC), itemId)
                    .update();
        }
        for (String[] w : WAITING) {
            List<Long> buyers = buyers(w[0], now);
            for (Long c : pick(buyers, 2, random)) {
                boolean zh = random.nextDouble() < 0.6;
                repository.insert(Suggestion.receive(c, source(random), null, zh ? w[2] : w[1], null, w[0],
                        zh ? "zh-CN" : "en", now.minus(Duration.ofHours(1 + random.nextInt(24 * 20))), DEMO));
                suggestions++;
            }
        }
        return new Loaded(suggestions, items);
    }

    private List<Long> buyers(String category, Instant now) {
        List<Long> out = new ArrayList<>(purchases.buyersOf(Set.of(), Set.of(category),
                now.minus(Duration.ofDays(365)), now));
        out.sort(Long::compare);
        return out;
    }

    private static List<Long> pick(List<Long> from, int n, SplittableRandom random) {
        List<Long> pool = new ArrayList<>(from);
        List<Long> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    private static SuggestionSource source(SplittableRandom random) {
        double u = random.nextDouble();
        return u < 0.4 ? SuggestionSource.PUBLIC : u < 0.7 ? SuggestionSource.VISIT : u < 0.9
                ? SuggestionSource.SURVEY : SuggestionSource.STAFF;
    }
}
