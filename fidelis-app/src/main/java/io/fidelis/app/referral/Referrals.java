package io.fidelis.app.referral;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fidelis.app.customer.CustomerDetails;
import io.fidelis.app.customer.CustomerLink;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.RegisterCustomer;
import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.core.referral.ReferralForest;
import io.fidelis.core.referral.ReferralMultiplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals (seed 001: "a satisfied old customer usually brings four new ones"). Each customer has a referral code
 * and link; a new customer joins through the link (or is linked at import or through the API), and the referral
 * tree is kept without cycles or self-referral (the customer capability refuses those). Per customer: the direct
 * referrals, the whole downstream chain, and its revenue, margin and CLV, direct and indirect apart. Business-wide:
 * the referral multiplier (new customers brought per customer) by loyalty stage and NPS group with exact Poisson
 * intervals, so the owner can test "one brings four" on their own data, and the share of each month's new customers
 * who came by referral.
 */
@Service
public class Referrals {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ReferralRepository repository;
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final LoyaltyReadings loyalty;
    private final List<CustomerSignals> signals;
    private final io.fidelis.app.staff.StaffDirectory staff;
    private final String publicUrl;
    private final Clock clock = Clock.systemUTC();

    private final io.fidelis.app.consent.CustomerConsents consents;

    Referrals(ReferralRepository repository, CustomerManagement customers, PurchaseRecording purchases,
              LoyaltyReadings loyalty, List<CustomerSignals> signals, io.fidelis.app.staff.StaffDirectory staff,
              @Value("${fidelis.surveys.public-url:http://localhost:8080}") String publicUrl,
              io.fidelis.app.consent.CustomerConsents consents) {
        this.consents = consents;
        this.repository = repository;
        this.customers = customers;
        this.purchases = purchases;
        this.loyalty = loyalty;
        this.signals = signals;
        this.staff = staff;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A customer's referral code, made on first use (the caller may see the customer). */
    @Transactional
    public String codeOf(String externalId) {
        return codeFor(customers.find(externalId).id());
    }

    String codeFor(long customerId) {
        Optional<String> code = repository.codeOf(customerId);
        if (code.isPresent()) {
            return code.get();
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            if (repository.insert(customerId, b.toString(), Instant.now(clock))) {
                return b.toString();
            }
            Optional<String> mine = repository.codeOf(customerId);
            if (mine.isPresent()) {
                return mine.get();
            }
        }
        throw new IllegalStateException("no free referral code after 10 attempts");
    }

    /** The referral link of a code. */
    public String link(String code) {
        return publicUrl + "/join/" + code;
    }

    /** Whether a code belongs to a customer (for the public join page). */
    @Transactional(readOnly = true)
    public boolean known(String code) {
        return code != null && code.length() <= 16 && repository.customerOf(code).isPresent();
    }

    /** Someone joining through a referral link. */
    public record Join(String name, String email, String phone, boolean marketingConsent, String language) {
        public Join(String name, String email, String phone, boolean marketingConsent) {
            this(name, email, phone, marketingConsent, "en");
        }
    }

    /**
     * Registers a new customer referred by the code's owner (acquired today through "referral", with the referrer's
     * account manager). When the e-mail address is a customer's already, nothing is created and the answer is the
     * same, so the page does not tell strangers who is a customer. Whether a customer was created.
     */
    @Transactional
    public boolean join(String code, Join join) {
        long referrerId = repository.customerOf(code == null ? "" : code)
                .orElseThrow(() -> new NotFoundException("no referral code " + code));
        String name = join.name() == null ? "" : join.name().strip();
        String email = join.email() == null ? "" : join.email().strip().toLowerCase(java.util.Locale.ROOT);
        if (name.isEmpty() || name.length() > 200) {
            throw new BusinessRuleException("name", "your name, please (at most 200 characters)");
        }
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 200) {
            throw new BusinessRuleException("email", "a valid e-mail address, please");
        }
        if (customers.idForEmail(email).isPresent()) {
            return false;
        }
        CustomerRecord referrer = customers.recordForSystem(referrerId).orElseThrow();
        String externalId;
        do {
            StringBuilder b = new StringBuilder("WEB-");
            for (int i = 0; i < 8; i++) {
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            externalId = b.toString();
        } while (customers.idForSystem(externalId).isPresent());
        String phone = join.phone() == null || join.phone().isBlank() ? null : join.phone().strip();
        if (phone != null && phone.length() > 50) {
            throw new BusinessRuleException("phone", "a phone number of at most 50 characters, please");
        }
        // Anyone may type any address here: ticking "send me news" asks the address's owner to confirm (double
        // opt-in), and the consent counts only from their confirmation.
        CustomerRecord joined = customers.register(new RegisterCustomer(externalId, new CustomerDetails(name, email,
                phone, null, null, LocalDate.now(clock), "referral", null), referrer.externalId(),
                activeManager(referrer.accountManager()), false, "referral link"));
        if (join.marketingConsent()) {
            consents.requestEmailConfirmationForSystem(joined.id(), join.language(), "referral link");
        }
        return true;
    }

    /** The referrer's account manager if they still are one (enabled), else none. */
    private String activeManager(String username) {
        return username == null ? null : staff.accounts().stream().filter(a -> a.enabled()
                && a.username().equals(username) && a.member().role() == io.fidelis.app.staff.Role.ACCOUNT_MANAGER)
                .findFirst().map(a -> username).orElse(null);
    }

    // Analytics.

    /** A customer's chain: their referees and everyone they brought, with values direct and indirect apart. */
    public record ChainFigures(int direct, int chain, double revenueDirect, double revenueIndirect,
                               double marginDirect, double marginIndirect, double clvDirect, double clvIndirect) {
    }

    /** A referee in the tree view: who, and how large their own chain is. */
    public record Referee(String externalId, String name, int direct, int chain) {
    }

    /** One customer in the tree: their figures, the path up to the first referrer, and a page of referees. */
    public record Tree(CustomerRecord customer, String code, String link, ChainFigures figures,
                       List<Referee> pathToRoot, List<Referee> referees, int refereeTotal, int offset) {
    }

    public record TopReferrer(String externalId, String name, ChainFigures figures) {
    }

    public record Overview(int customers, int referred, ReferralMultiplier.Group overall,
                           List<ReferralMultiplier.Group> byStage, List<ReferralMultiplier.Group> byNps,
                           List<ReferralMultiplier.MonthShare> months, List<TopReferrer> top) {
    }

    /** What the analytics are built from: the forest and each customer's values, in the forest's order. */
    private record Population(ReferralForest forest, double[] revenue, double[] margin, double[] clv,
                              ReferralForest.ChainValues revenueChain, ReferralForest.ChainValues marginChain,
                              ReferralForest.ChainValues clvChain, YearMonth[] months) {
        ChainFigures figures(long id) {
            return new ChainFigures(forest.directReferrals(id), forest.chainSize(id), revenueChain.direct(id),
                    revenueChain.indirect(id), marginChain.direct(id), marginChain.indirect(id), clvChain.direct(id),
                    clvChain.indirect(id));
        }
    }

    private Population population() {
        List<CustomerLink> links = new ArrayList<>();
        customers.eachLink(links::add);
        long[] ids = new long[links.size()];
        long[] referrers = new long[links.size()];
        YearMonth[] months = new YearMonth[links.size()];
        for (int i = 0; i < ids.length; i++) {
            CustomerLink l = links.get(i);
            ids[i] = l.id();
            referrers[i] = l.referrerId() == null ? ReferralForest.NONE : l.referrerId();
            months[i] = YearMonth.from(l.acquiredOn());
        }
        ReferralForest forest = ReferralForest.of(ids, referrers);
        Map<Long, double[]> money = purchases.revenueAndMarginByCustomer();
        Map<Long, Double> clvs = loyalty.clvs();
        double[] revenue = new double[ids.length];
        double[] margin = new double[ids.length];
        double[] clv = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            double[] m = money.get(ids[i]);
            revenue[i] = m == null ? 0 : m[0];
            margin[i] = m == null ? 0 : m[1];
            Double c = clvs.get(ids[i]);
            clv[i] = c == null || !Double.isFinite(c) ? 0 : c;
        }
        return new Population(forest, revenue, margin, clv, forest.chainValues(revenue), forest.chainValues(margin),
                forest.chainValues(clv), months);
    }

    /** The business-wide figures; the top referrers are those the caller may see. */
    @Transactional(readOnly = true)
    public Overview overview(int months, int top) {
        Population p = population();
        ReferralForest f = p.forest();
        ReferralMultiplier.Options options = ReferralMultiplier.Options.defaults();
        Map<Long, String> stages = loyalty.stages();
        Map<Long, String> nps = new HashMap<>();
        signals.forEach(s -> nps.putAll(s.npsGroups()));
        String[] byStage = new String[f.size()];
        String[] byNps = new String[f.size()];
        for (int i = 0; i < f.size(); i++) {
            byStage[i] = stages.get(f.customerId(i));
            byNps[i] = nps.get(f.customerId(i));
        }
        YearMonth from = YearMonth.now(clock).minusMonths(months - 1L);
        List<ReferralMultiplier.MonthShare> shares = ReferralMultiplier.referredShareByMonth(f, p.months(), options)
                .stream().filter(m -> !m.month().isBefore(from)).toList();
        Optional<Set<Long>> visible = customers.visibleIds();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            if (f.directReferralsAt(i) > 0 && (visible.isEmpty() || visible.get().contains(f.customerId(i)))) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt((Integer i) -> -f.chainSizeAt(i))
                .thenComparingInt(i -> -f.directReferralsAt(i)).thenComparingLong(f::customerId));
        List<Long> topIds = order.stream().limit(top).map(f::customerId).toList();
        Map<Long, CustomerRecord> records = customers.recordsForSystem(topIds);
        List<TopReferrer> best = topIds.stream().map(id -> new TopReferrer(records.get(id).externalId(),
                records.get(id).name(), p.figures(id))).toList();
        return new Overview(f.size(), f.referredCount(), f.size() == 0 ? null : ReferralMultiplier.overall(f, options),
                ReferralMultiplier.byGroup(f, byStage, options), ReferralMultiplier.byGroup(f, byNps, options),
                shares, best);
    }

    /** One customer's place in the tree (the caller may see the customer; the referees shown are named). */
    @Transactional
    public Tree tree(String externalId, int offset, int limit) {
        CustomerRecord c = customers.find(externalId);
        Population p = population();
        ReferralForest f = p.forest();
        long[] path = f.pathToRoot(c.id());
        ReferralForest.Children children = f.children(c.id(), Math.max(0, offset), Math.max(1, Math.min(limit, 200)));
        List<Long> named = new ArrayList<>();
        for (long id : path) {
            named.add(id);
        }
        for (long id : children.customerIds()) {
            named.add(id);
        }
        Map<Long, CustomerRecord> records = customers.recordsForSystem(named);
        Optional<Set<Long>> visible = customers.visibleIds();
        List<Referee> up = new ArrayList<>();
        for (int i = 1; i < path.length; i++) {
            up.add(referee(records.get(path[i]), f, visible));
        }
        List<Referee> down = new ArrayList<>();
        for (long id : children.customerIds()) {
            down.add(referee(records.get(id), f, visible));
        }
        String code = codeFor(c.id());
        return new Tree(c, code, link(code), p.figures(c.id()), up, down, children.total(), children.offset());
    }

    /** A referee as the caller may see them: another account manager's customer is shown without id or name. */
    private static Referee referee(CustomerRecord r, ReferralForest f, Optional<Set<Long>> visible) {
        boolean mine = visible.isEmpty() || visible.get().contains(r.id());
        return new Referee(mine ? r.externalId() : null, mine ? r.name() : null, f.directReferrals(r.id()),
                f.chainSize(r.id()));
    }

    /** A customer's figures for the Customer 360 (system use: the page checks the caller may see them). */
    @Transactional
    public Optional<Map<String, Object>> panel(CustomerRecord c) {
        String code = codeFor(c.id());
        return Optional.of(Map.of("code", code, "link", link(code)));
    }
}
