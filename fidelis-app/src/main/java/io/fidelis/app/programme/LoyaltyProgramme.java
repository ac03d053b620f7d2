package io.fidelis.app.programme;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerLink;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.shared.SecretTokens;
import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.programme.EarningRules;
import io.fidelis.core.programme.PointsLedger;
import io.fidelis.core.programme.ProgrammeLiability;
import io.fidelis.core.programme.TierPolicy;
import io.fidelis.core.stats.Proportions;
import io.fidelis.core.summary.PurchaseFrequency;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The loyal-customer programme (seeds 001, 002, 004: gifts and rewards for loyal customers). Members earn points on
 * their orders (per unit spent, more on categories with double points; a buy-N rule notes its gift), lose them when
 * a lot expires (FIFO by expiry) and when a return reverses what the order earned, redeem them for rewards from a
 * catalogue with stock (partly using a lot, never below zero even when two redemptions race: the member's row is
 * locked), and earn a bonus when someone they referred keeps their first purchase. Tiers follow the loyalty stage and
 * the spend over a rolling window, with a grace period before a downgrade; a manager's override is audited and ends
 * on its date, and is not a floor. Customers see their card through a tokenised link.
 */
@Service
public class LoyaltyProgramme {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{1,39}");
    private final ProgrammeRepository repository;
    private final CustomerManagement customers;
    private final LoyaltyReadings loyalty;
    private final PurchaseRecording purchases;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final ProgrammeSettings settings;
    private final TierPolicy tiers;
    private final EarningRules earning;
    private final String publicUrl;
    private final Clock clock = Clock.systemUTC();

    LoyaltyProgramme(ProgrammeRepository repository, CustomerManagement customers, LoyaltyReadings loyalty,
                     PurchaseRecording purchases, CurrentStaff current, ApplicationEventPublisher events,
                     ProgrammeSettings settings,
                     @Value("${fidelis.surveys.public-url:http://localhost:8080}") String publicUrl) {
        this.repository = repository;
        this.customers = customers;
        this.loyalty = loyalty;
        this.purchases = purchases;
        this.current = current;
        this.events = events;
        this.settings = settings;
        this.tiers = settings.tierPolicy();
        this.earning = settings.earningRules();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The customer's card link, shown once: only its hash is kept. */
    public String cardLink(String token) {
        return publicUrl + "/card/" + token;
    }

    /** Enrols a customer the caller may see; their card's token (shown once). */
    @Transactional
    public String enrol(String externalId) {
        CustomerRecord c = customers.find(externalId);
        if (repository.member(c.id()).isPresent()) {
            throw new BusinessRuleException("member", externalId + " is a member already");
        }
        String token = SecretTokens.create();
        repository.insertMember(c.id(), today(), SecretTokens.hash(token));
        events.publishEvent(new AuditableChange(current.actor(), "programme-member", externalId, "enrol", null,
                AuditableChange.json("joinedOn", today().toString())));
        accrue(repository.member(c.id()).orElseThrow(), today(), Map.of());
        return token;
    }

    /** A new card link for a member (the old one stops working). */
    @Transactional
    public String newCard(String externalId) {
        CustomerRecord c = customers.find(externalId);
        repository.member(c.id()).orElseThrow(() -> new BusinessRuleException("member", externalId
                + " is not a member"));
        String token = SecretTokens.create();
        repository.card(c.id(), SecretTokens.hash(token));
        events.publishEvent(new AuditableChange(current.actor(), "programme-member", externalId, "new card", null,
                null));
        return token;
    }

    /** A member as staff or the member see them. */
    public record MemberView(CustomerRecord customer, LocalDate joinedOn, TierPolicy.TierDecision tier,
                             BigDecimal spend, long balance, List<PointsLedger.Lot> lots,
                             List<PointsLedger.Lot> expiringSoon, List<PointsLedger.Entry> entries,
                             List<Reward> rewards, List<String> tierRules, List<GiftEntitlement> gifts,
                             long version) {

        /** The gifts still to be handed over. */
        public List<GiftEntitlement> pendingGifts() {
            return gifts.stream().filter(g -> g.status() == GiftEntitlement.Status.PENDING).toList();
        }
    }

    /** A reward of the catalogue. */
    public record Reward(String code, String nameEn, String nameZh, long points, int stock, boolean active) {
    }

    /** The member, if the customer (whom the caller may see) is one. */
    @Transactional
    public Optional<MemberView> member(String externalId) {
        CustomerRecord c = customers.find(externalId);
        return repository.member(c.id()).map(m -> view(c, m));
    }

    /** The member a card token belongs to (the customer's own page, no login). */
    @Transactional
    public Optional<MemberView> byCard(String token) {
        if (token == null || !SecretTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return repository.memberByCard(SecretTokens.hash(token)).flatMap(id -> repository.member(id).map(m ->
                view(customers.recordForSystem(id).orElseThrow(), m)));
    }

    private MemberView view(CustomerRecord c, ProgrammeRepository.Member m) {
        LocalDate today = today();
        TierPolicy.TierDecision decision = decide(c.id(), m, today);
        PointsLedger ledger = ledger(c.id());
        List<PointsLedger.Entry> entries = new ArrayList<>(ledger.entries());
        Collections.reverse(entries);
        return new MemberView(c, m.joinedOn(), decision, spend(c.id(), today), ledger.balance(today),
                ledger.lots(today), ledger.expiring(today, Period.ofMonths(3)), entries, rewards(), tierRules(),
                repository.gifts(c.id()), repository.member(c.id()).orElseThrow().version());
    }

    /** The tiers' names, lowest first. */
    public List<String> tierNames() {
        return tiers.settings().tiers().stream().map(TierPolicy.Tier::name).toList();
    }

    /** The tier rules as the customer reads them. */
    public List<String> tierRules() {
        List<String> out = new ArrayList<>();
        for (TierPolicy.Tier t : tiers.settings().tiers()) {
            String when = t.minimumStage() == null && t.minimumSpend() == null ? "every member"
                    : (t.minimumSpend() == null ? "" : "spend of " + t.minimumSpend().toPlainString() + " or more over "
                    + settings.windowMonths() + " months") + (t.minimumStage() != null && t.minimumSpend() != null
                    ? " and " : "") + (t.minimumStage() == null ? "" : "loyalty stage " + t.minimumStage().name()
                    .toLowerCase(java.util.Locale.ROOT) + " or higher");
            out.add(t.name() + ": " + when);
        }
        out.add("Upgrades are immediate; a downgrade waits for the review day after " + settings.graceMonths()
                + " months of grace.");
        out.add("Points last " + settings.pointsMonths() + " months; the oldest are used first.");
        return out;
    }

    /** Decides the member's tier today and keeps the decision. */
    private TierPolicy.TierDecision decide(long customerId, ProgrammeRepository.Member m, LocalDate today) {
        TierPolicy.ManualOverride override = m.overrideTier() == null ? null : new TierPolicy.ManualOverride(
                m.overrideTier(), m.overrideBy(), m.overrideUntil(), m.overrideNote());
        TierPolicy.TierStatus previous = m.earnedTier() == null ? null : new TierPolicy.TierStatus(m.earnedTier(),
                m.tierSince(), m.lastQualified(), override);
        LoyaltyReadings.Brief brief = loyalty.briefsOf(List.of(customerId)).get(customerId);
        LoyaltyStage stage = brief == null ? LoyaltyStage.NEW : brief.loyaltyStage();
        TierPolicy.TierDecision d = tiers.decide(previous, stage, spend(customerId, today), today);
        TierPolicy.TierStatus s = d.status();
        TierPolicy.ManualOverride o = s.override();
        if (previous == null || !s.earnedTier().equals(previous.earnedTier()) || !s.since().equals(previous.since())
                || !s.lastQualified().equals(previous.lastQualified())) {
            repository.earnedTier(customerId, s.earnedTier(), s.since(), s.lastQualified());
        }
        if (previous != null && previous.override() != null && o == null) {
            // The override ended: cleared only if it is still the one this decision saw.
            repository.clearOverride(customerId, previous.override().until());
        }
        return d;
    }

    private BigDecimal spend(long customerId, LocalDate today) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PurchaseRecording.OrderLine l : purchases.orderLinesSince(customerId, today.minusMonths(
                settings.windowMonths()))) {
            sum = sum.add(l.amount());
        }
        return sum.max(BigDecimal.ZERO);
    }

    private PointsLedger ledger(long customerId) {
        return PointsLedger.of(repository.entries(customerId).stream().map(ProgrammeRepository.Stored::entry)
                .toList());
    }

    /** Redeems a reward for a member the caller may see: their points, one of its stock. */
    @Transactional
    public void redeem(String externalId, String rewardCode) {
        CustomerRecord c = customers.find(externalId);
        repository.lock(c.id()).orElseThrow(() -> new BusinessRuleException("member", externalId
                + " is not a member"));
        ProgrammeRepository.Reward reward = repository.rewards().stream().filter(r -> r.code().equals(rewardCode)
                && r.active()).findFirst().orElseThrow(() -> new BusinessRuleException("reward", "no reward "
                + rewardCode + " in the catalogue"));
        LocalDate today = today();
        PointsLedger ledger = ledger(c.id());
        long balance = ledger.balance(today);
        if (balance < reward.points()) {
            throw new BusinessRuleException("points", "not enough points: the balance is " + balance + ", "
                    + reward.nameEn() + " needs " + reward.points());
        }
        if (!repository.takeOne(reward.code())) {
            throw new BusinessRuleException("reward", reward.nameEn() + " is out of stock");
        }
        PointsLedger after = ledger.redeem(today, reward.points(), "reward " + reward.code() + ": "
                + reward.nameEn());
        PointsLedger.Entry entry = after.entries().get(after.entries().size() - 1);
        repository.insert(c.id(), entry, null, Instant.now(clock), current.actor());
        repository.touch(c.id());
        events.publishEvent(new AuditableChange(current.actor(), "programme-member", externalId, "redeem", null,
                AuditableChange.json("reward", reward.code(), "points", reward.points(), "balance",
                        balance - reward.points())));
    }

    /** Staff hand a pending gift to a member the caller may see; audited. */
    @Transactional
    public GiftEntitlement handOverGift(String externalId, long giftId, String note) {
        CustomerRecord c = customers.find(externalId);
        repository.lock(c.id()).orElseThrow(() -> new BusinessRuleException("member", externalId
                + " is not a member"));
        GiftEntitlement g = repository.gift(giftId).filter(x -> x.customerId() == c.id()).orElseThrow(() ->
                new NotFoundException("no gift " + giftId + " for " + externalId));
        GiftEntitlement after = g.handOver(current.actor(), Instant.now(clock), note);
        if (!repository.update(after)) {
            throw new io.fidelis.app.shared.ConflictException("the gift was changed by someone else; reload");
        }
        repository.touch(c.id());
        events.publishEvent(new AuditableChange(current.actor(), "programme-member", externalId, "hand over gift",
                AuditableChange.json("gift", g.id(), "status", g.status().name()), AuditableChange.json("gift",
                g.id(), "status", after.status().name(), "what", after.quantity() + " × " + after.gift(), "note",
                after.note() == null ? "" : after.note())));
        return after;
    }

    /** A manager sets a tier until a date; audited; it ends on its date and never holds a member below their tier. */
    @Transactional
    public void overrideTier(String externalId, String tier, LocalDate until, String note) {
        CustomerRecord c = customers.find(externalId);
        ProgrammeRepository.Member m = repository.lock(c.id()).orElseThrow(() -> new BusinessRuleException("member",
                externalId + " is not a member"));
        if (tiers.settings().tiers().stream().noneMatch(t -> t.name().equals(tier))) {
            throw new BusinessRuleException("tier", "no tier " + tier);
        }
        if (until == null || !until.isAfter(today())) {
            throw new BusinessRuleException("until", "an override needs an end date after today");
        }
        if (note == null || note.isBlank() || note.length() > 500) {
            throw new BusinessRuleException("note", "say why (at most 500 characters)");
        }
        TierPolicy.TierDecision before = decide(c.id(), m, today());
        ProgrammeRepository.Member now = repository.member(c.id()).orElseThrow();
        repository.tier(c.id(), now.earnedTier(), now.tierSince(), now.lastQualified(), tier, current.actor(), until,
                note.strip());
        events.publishEvent(new AuditableChange(current.actor(), "programme-member", externalId, "override tier",
                AuditableChange.json("tier", before.tier()), AuditableChange.json("tier", tier, "until",
                        until.toString(), "note", note.strip())));
    }

    // Accrual.

    /** Credits every member's new orders, reverses returns, grants referral bonuses and expires due lots. */
    @Transactional
    public int accrueAll() {
        Map<Long, List<CustomerLink>> referees = new HashMap<>();
        customers.eachLink((CustomerLink l) -> {
            if (l.referrerId() != null) {
                referees.computeIfAbsent(l.referrerId(), k -> new ArrayList<>()).add(l);
            }
        });
        int n = 0;
        LocalDate today = today();
        for (ProgrammeRepository.Member m : repository.members()) {
            try {
                n += accrue(m, today, referees);
            } catch (IllegalArgumentException e) {
                // One member's ledger that does not replay must not stop everyone else's accrual.
                org.slf4j.LoggerFactory.getLogger(LoyaltyProgramme.class).warn("Points of customer {} not accrued: {}",
                        m.customerId(), e.getMessage());
            }
        }
        return n;
    }

    /**
     * Credits some customers' new orders (after their purchases through the API), in a transaction of its own: those
     * of them who are members, in the order of their ids, as {@link #accrueAll()} locks them.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public int accrueInOwnTransaction(java.util.Collection<Long> customerIds) {
        LocalDate today = today();
        int n = 0;
        for (ProgrammeRepository.Member m : repository.members(customerIds)) {
            try {
                n += accrue(m, today, Map.of());
            } catch (IllegalArgumentException e) {
                // As in accrueAll: one member's ledger that does not replay must not stop the others' accrual.
                org.slf4j.LoggerFactory.getLogger(LoyaltyProgramme.class).warn("Points of customer {} not accrued: {}",
                        m.customerId(), e.getMessage());
            }
        }
        return n;
    }

    private int accrue(ProgrammeRepository.Member m, LocalDate today, Map<Long, List<CustomerLink>> referees) {
        long id = m.customerId();
        // The member's row is locked, so accruals, expiries and redemptions of one member never interleave.
        repository.lock(id);
        Set<String> done = new HashSet<>();
        repository.entries(id).forEach(s -> done.add(kind(s.entry()) + ":" + s.source()));
        PointsLedger ledger = ledger(id);
        Map<String, List<PurchaseRecording.OrderLine>> orders = new LinkedHashMap<>();
        for (PurchaseRecording.OrderLine l : purchases.orderLinesSince(id, m.joinedOn())) {
            orders.computeIfAbsent(l.orderId(), k -> new ArrayList<>()).add(l);
        }
        Instant now = Instant.now(clock);
        int written = 0;
        Map<String, GiftEntitlement> gifts = new HashMap<>();
        repository.gifts(id).forEach(g -> gifts.put(g.source() + "\n" + g.rule(), g));
        Map<String, List<EarningRules.Line>> returnedOf = new HashMap<>();
        for (Map.Entry<String, List<PurchaseRecording.OrderLine>> o : orders.entrySet()) {
            PurchaseRecording.OrderLine first = o.getValue().get(0);
            LocalDate day = LocalDate.ofInstant(first.at(), ZoneOffset.UTC);
            List<EarningRules.Line> lines = new ArrayList<>();
            for (PurchaseRecording.OrderLine l : o.getValue()) {
                if (l.quantity().signum() != 0) {
                    lines.add(new EarningRules.Line(l.sku() == null ? "?" : l.sku(), l.category(), l.quantity().abs(),
                            l.amount().abs()));
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            EarningRules.Earning e = earning.earn(day, lines);
            if ("ORDER".equals(first.kind())) {
                if (!done.contains("EARN:" + o.getKey()) && e.points() > 0) {
                    String giftWords = e.gifts().isEmpty() ? "" : "; gift: " + String.join(", ", e.gifts().stream()
                            .map(g -> g.count() + " × " + g.gift()).toList());
                    ledger = ledger.earn("O:" + o.getKey(), e.points(), today, today.plusMonths(
                            settings.pointsMonths()), "order " + o.getKey() + " of " + day + giftWords, o.getKey());
                    repository.insert(id, last(ledger), o.getKey(), now, "system");
                    written++;
                }
                for (EarningRules.GiftEntitlement g : e.gifts()) {
                    if (!gifts.containsKey(o.getKey() + "\n" + g.rule())) {
                        GiftEntitlement earned = GiftEntitlement.earned(id, o.getKey(), g.rule(), g.gift(), g.count(),
                                "order " + o.getKey() + " of " + day + ": " + g.reason(), now);
                        repository.insert(earned);
                        gifts.put(o.getKey() + "\n" + g.rule(), earned);
                        written++;
                    }
                }
            } else if ("RETURN".equals(first.kind()) && first.originalOrderId() != null) {
                returnedOf.computeIfAbsent(first.originalOrderId(), k -> new ArrayList<>()).addAll(lines);
                // At most what the order earned and earlier returns have not asked back (nothing for an order from
                // before joining); a return's lines can be worth more when a double-points window ended between them.
                long ask = Math.min(e.points(), ledger.unreversed(today, first.originalOrderId()));
                if (!done.contains("REVERSE:" + o.getKey()) && ask > 0) {
                    ledger = ledger.reverse(today, first.originalOrderId(), ask, "return " + o.getKey()
                            + " of order " + first.originalOrderId() + (ask < e.points() ? " (" + e.points()
                            + " points at today's rules, capped at the " + ask + " the order still holds)" : ""));
                    repository.insert(id, last(ledger), o.getKey(), now, "system");
                    written++;
                }
            }
        }
        written += reduceGiftsForReturns(id, orders, returnedOf, gifts, now);
        for (CustomerLink link : referees.getOrDefault(id, List.of())) {
            if (link.acquiredOn().isBefore(m.joinedOn())) {
                continue; // referrals made before joining earn nothing
            }
            long referee = link.id();
            String source = "referral:" + referee;
            boolean pointsDue = !done.contains("EARN:" + source) && settings.referralPoints() > 0;
            boolean giftDue = !settings.referralGift().isBlank() && !gifts.containsKey(source + "\nreferral");
            if ((pointsDue || giftDue) && keptFirstPurchase(referee, today)) {
                String who = "referral: customer " + customers.recordForSystem(referee).map(
                        CustomerRecord::externalId).orElse("?") + " kept their first purchase";
                if (pointsDue) {
                    ledger = ledger.earn("R:" + referee, settings.referralPoints(), today,
                            today.plusMonths(settings.pointsMonths()), who, null);
                    repository.insert(id, last(ledger), source, now, "system");
                    written++;
                }
                if (giftDue) {
                    GiftEntitlement earned = GiftEntitlement.earned(id, source, "referral",
                            settings.referralGift().strip(), 1, who, now);
                    repository.insert(earned);
                    gifts.put(source + "\nreferral", earned);
                    written++;
                }
            }
        }
        for (PointsLedger.Expire x : ledger.expireDue(today)) {
            ledger = ledger.append(x);
            repository.insert(id, x, "expire:" + x.lotId(), now, "system");
            written++;
        }
        if (written > 0) {
            repository.touch(id);
        }
        return written;
    }

    /**
     * A return takes its order's lines away: each pending gift of a returned order is reduced to what the lines kept
     * still earn under the same rule (cancelled at 0); gifts handed over stay as they are.
     */
    private int reduceGiftsForReturns(long id, Map<String, List<PurchaseRecording.OrderLine>> orders,
                                      Map<String, List<EarningRules.Line>> returnedOf,
                                      Map<String, GiftEntitlement> gifts, Instant now) {
        int written = 0;
        for (Map.Entry<String, List<EarningRules.Line>> r : returnedOf.entrySet()) {
            List<PurchaseRecording.OrderLine> original = orders.get(r.getKey());
            if (original == null) {
                continue; // bought before joining: it earned no gift
            }
            Map<String, BigDecimal> kept = new LinkedHashMap<>();
            Map<String, String[]> skuCategory = new HashMap<>();
            for (PurchaseRecording.OrderLine l : original) {
                String sku = l.sku() == null ? "?" : l.sku();
                kept.merge(sku, l.quantity(), BigDecimal::add);
                skuCategory.putIfAbsent(sku, new String[] {l.category()});
            }
            for (EarningRules.Line l : r.getValue()) {
                kept.merge(l.sku(), l.quantity().negate(), BigDecimal::add);
            }
            List<EarningRules.Line> left = new ArrayList<>();
            kept.forEach((sku, q) -> {
                if (q.signum() > 0 && skuCategory.containsKey(sku)) {
                    left.add(new EarningRules.Line(sku, skuCategory.get(sku)[0], q, BigDecimal.ZERO));
                }
            });
            LocalDate day = LocalDate.ofInstant(original.get(0).at(), ZoneOffset.UTC);
            Map<String, Integer> stillEarned = new HashMap<>();
            if (!left.isEmpty()) {
                earning.earn(day, left).gifts().forEach(g -> stillEarned.put(g.rule(), g.count()));
            }
            for (GiftEntitlement g : gifts.values()) {
                if (!g.source().equals(r.getKey()) || g.status() != GiftEntitlement.Status.PENDING) {
                    continue;
                }
                GiftEntitlement stored = g.id() == 0 ? repository.gifts(id).stream().filter(x -> x.source().equals(
                        g.source()) && x.rule().equals(g.rule())).findFirst().orElseThrow() : g;
                GiftEntitlement after = stored.reduceTo(stillEarned.getOrDefault(g.rule(), 0), "order "
                        + r.getKey() + " partly or wholly returned", now);
                if (after != stored && repository.update(after)) {
                    gifts.put(g.source() + "\n" + g.rule(), after);
                    written++;
                }
            }
        }
        return written;
    }

    /** The referee's first order is at least referral-days old and nothing of it was returned. */
    private boolean keptFirstPurchase(long referee, LocalDate today) {
        List<PurchaseRecording.OrderLine> lines = purchases.orderLinesSince(referee, LocalDate.of(1970, 1, 1));
        Optional<PurchaseRecording.OrderLine> first = lines.stream().filter(l -> "ORDER".equals(l.kind())).findFirst();
        if (first.isEmpty() || LocalDate.ofInstant(first.get().at(), ZoneOffset.UTC).plusDays(settings.referralDays())
                .isAfter(today)) {
            return false;
        }
        String order = first.get().orderId();
        return lines.stream().noneMatch(l -> "RETURN".equals(l.kind()) && order.equals(l.originalOrderId()));
    }

    private static PointsLedger.Entry last(PointsLedger ledger) {
        return ledger.entries().get(ledger.entries().size() - 1);
    }

    private static String kind(PointsLedger.Entry e) {
        return e instanceof PointsLedger.Earn ? "EARN" : e instanceof PointsLedger.Redeem ? "REDEEM"
                : e instanceof PointsLedger.Expire ? "EXPIRE" : "REVERSE";
    }

    // The catalogue.

    @Transactional(readOnly = true)
    public List<Reward> rewards() {
        return repository.rewards().stream().map(r -> new Reward(r.code(), r.nameEn(), r.nameZh(), r.points(),
                r.stock(), r.active())).toList();
    }

    @Transactional
    public void putReward(Reward r) {
        String code = r.code() == null ? "" : r.code().strip().toUpperCase(java.util.Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new BusinessRuleException("code", "the code must be 2 to 40 capital letters, digits, - or _,"
                    + " starting with a letter, such as TEA-SET");
        }
        if (r.nameEn() == null || r.nameEn().isBlank() || r.nameZh() == null || r.nameZh().isBlank()) {
            throw new BusinessRuleException("name", "the reward needs its English and Chinese names");
        }
        if (r.points() <= 0 || r.stock() < 0) {
            throw new BusinessRuleException("points", "a reward costs at least 1 point and its stock is 0 or more");
        }
        ProgrammeRepository.Reward row = new ProgrammeRepository.Reward(code, r.nameEn().strip(), r.nameZh().strip(),
                r.points(), r.stock(), r.active());
        boolean exists = repository.rewards().stream().anyMatch(x -> x.code().equals(code));
        if (exists) {
            repository.updateReward(row);
        } else {
            repository.insertReward(row);
        }
        events.publishEvent(new AuditableChange(current.actor(), "reward", code, exists ? "change" : "create", null,
                AuditableChange.json("points", r.points(), "stock", r.stock(), "active", r.active())));
    }

    // Analytics.

    /** Members against matched non-members over the half-year after joining, with Wilson intervals. */
    public record Comparison(int members, double memberOrders, Proportions.Share memberRetention, int matched,
                             double matchedOrders, Proportions.Share matchedRetention) {
    }

    public record Overview(int members, Map<String, Long> tiers, ProgrammeLiability.Liability liability,
                           Comparison comparison, List<Reward> rewards, long pendingGifts,
                           List<PendingGift> oldestPendingGifts) {
    }

    /** A gift waiting to be handed over, with whose it is. */
    public record PendingGift(String customerId, String customerName, String gift, int quantity, String reason,
                              Instant since) {
    }

    @Transactional(readOnly = true)
    public Overview overview() {
        LocalDate today = today();
        List<ProgrammeRepository.Member> members = repository.members();
        Map<String, Long> byTier = new LinkedHashMap<>();
        tiers.settings().tiers().forEach(t -> byTier.put(t.name(), 0L));
        for (ProgrammeRepository.Member m : members) {
            String tier = m.overrideTier() != null && m.overrideUntil() != null && m.overrideUntil().isAfter(today)
                    ? m.overrideTier() : m.earnedTier();
            if (tier != null) {
                byTier.merge(tier, 1L, Long::sum);
            }
        }
        List<PointsLedger> ledgers = repository.allEntries().values().stream().map(PointsLedger::of).toList();
        // The oldest pending gifts of the members the caller may see (an account manager: their own customers).
        Optional<Set<Long>> visible = customers.visibleIds();
        List<GiftEntitlement> allWaiting = repository.pendingGifts().stream().filter(g ->
                visible.isEmpty() || visible.get().contains(g.customerId())).toList();
        List<GiftEntitlement> waiting = allWaiting.stream().limit(20).toList();
        Map<Long, CustomerRecord> names = customers.recordsForSystem(waiting.stream().map(
                GiftEntitlement::customerId).toList());
        List<PendingGift> pending = waiting.stream().map(g -> new PendingGift(names.get(g.customerId()).externalId(),
                names.get(g.customerId()).name(), g.gift(), g.quantity(), g.reason(), g.createdAt())).toList();
        return new Overview(members.size(), byTier, ProgrammeLiability.of(ledgers, today, settings.valuePerPoint()),
                compare(members, today), rewards(), allWaiting.size(), pending);
    }

    /**
     * For each member who joined at least 180 days ago: their orders in the 180 days after joining, and whether they
     * bought at all (retention); against up to three non-members per member who bought as often in the year before
     * the member joined (the same frequency class), over the same days.
     */
    private Comparison compare(List<ProgrammeRepository.Member> members, LocalDate today) {
        Map<Long, List<Instant>> orders = purchases.ordersSince(Instant.now(clock).minus(Duration.ofDays(3 * 365L)));
        Set<Long> memberIds = new HashSet<>();
        members.forEach(m -> memberIds.add(m.customerId()));
        List<Long> others = orders.keySet().stream().filter(id -> !memberIds.contains(id)).sorted().toList();
        int n = 0;
        int nRetained = 0;
        long nOrders = 0;
        int k = 0;
        int kRetained = 0;
        long kOrders = 0;
        for (ProgrammeRepository.Member m : members) {
            if (m.joinedOn().plusDays(180).isAfter(today)) {
                continue;
            }
            Instant from = m.joinedOn().atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant to = from.plus(Duration.ofDays(180));
            Instant before = from.minus(Duration.ofDays(365));
            int bucket = PurchaseFrequency.classOf(PurchaseFrequency.count(orders.get(m.customerId()), before,
                    from));
            int after = PurchaseFrequency.count(orders.get(m.customerId()), from, to);
            n++;
            nOrders += after;
            nRetained += after > 0 ? 1 : 0;
            int found = 0;
            int start = others.isEmpty() ? 0 : (int) Math.floorMod(m.customerId() * 2654435761L, others.size());
            for (int i = 0; i < others.size() && found < 3; i++) {
                long other = others.get((start + i) % others.size());
                if (PurchaseFrequency.classOf(PurchaseFrequency.count(orders.get(other), before, from)) == bucket) {
                    int a = PurchaseFrequency.count(orders.get(other), from, to);
                    k++;
                    kOrders += a;
                    kRetained += a > 0 ? 1 : 0;
                    found++;
                }
            }
        }
        return new Comparison(n, n == 0 ? Double.NaN : (double) nOrders / n, n == 0 ? null
                : Proportions.wilson(nRetained, n, 0.95), k, k == 0 ? Double.NaN : (double) kOrders / k,
                k == 0 ? null : Proportions.wilson(kRetained, k, 0.95));
    }
}
