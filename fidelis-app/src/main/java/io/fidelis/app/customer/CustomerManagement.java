package io.fidelis.app.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering, changing, finding and searching customers. Every read and write applies the caller's scope: an
 * account manager sees and changes only the customers assigned to them (others answer 404, as if absent).
 * Every change is audited with the old and new values.
 */
@Service
public class CustomerManagement {
    private final Customers customers;
    private final StaffDirectory staff;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final CustomerSettings settings;

    CustomerManagement(Customers customers, StaffDirectory staff, CurrentStaff current,
                       ApplicationEventPublisher events, JsonMapper json, CustomerSettings settings) {
        this.settings = settings;
        this.customers = customers;
        this.staff = staff;
        this.current = current;
        this.events = events;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public CustomerRecord register(RegisterCustomer command) {
        if (customers.idOf(command.externalId()).isPresent()) {
            throw new ConflictException("a customer with id '" + command.externalId() + "' already exists");
        }
        if (command.referredBy() != null && command.referredBy().equals(command.externalId())) {
            throw new BusinessRuleException("referredBy", "a customer cannot refer themselves");
        }
        Long referrer = referrerId(command.referredBy());
        Long manager = managerId(command.accountManager());
        Optional<Long> scope = current.accountManagerScope();
        if (scope.isPresent()) {
            if (manager != null && !manager.equals(scope.get())) {
                throw new BusinessRuleException("accountManager", "an account manager can only register customers"
                        + " assigned to themselves");
            }
            manager = scope.get();
        }
        Customer customer = Customer.register(command.externalId(), command.details(), referrer, manager,
                command.marketingConsent(), sourceOr(command.consentSource()), Instant.now(clock));
        long id = customers.insert(customer);
        CustomerRecord saved = customers.recordOf(command.externalId()).orElseThrow();
        events.publishEvent(new AuditableChange(current.actor(), "customer", command.externalId(), "create", null,
                json.writeValueAsString(saved)));
        events.publishEvent(new CustomerRegistered(id, command.externalId()));
        return saved;
    }

    @Transactional
    public CustomerRecord change(String externalId, ChangeCustomer command) {
        Customer customer = visible(customers.byExternalId(externalId), externalId);
        if (command.expectedVersion() != null && command.expectedVersion() != customer.version()) {
            throw new ConflictException("customer '" + externalId + "' was changed by someone else (version "
                    + customer.version() + ", expected " + command.expectedVersion() + "); reload and try again");
        }
        CustomerRecord before = customers.recordOf(externalId).orElseThrow();
        Long referrer = referrerId(command.referredBy());
        if (referrer != null && customers.referralChainReaches(referrer, customer.id())) {
            throw new BusinessRuleException("referredBy", "'" + command.referredBy() + "' was (directly or"
                    + " indirectly) referred by '" + externalId + "': referrals cannot form a cycle");
        }
        Long manager = managerId(command.accountManager());
        Optional<Long> scope = current.accountManagerScope();
        if (scope.isPresent() && (manager == null || !manager.equals(scope.get()))) {
            throw new BusinessRuleException("accountManager", "an account manager cannot hand a customer to"
                    + " someone else; ask a manager");
        }
        customer.change(command.details(), referrer, manager, command.marketingConsent(),
                sourceOr(command.consentSource()), Instant.now(clock));
        if (!customers.update(customer)) {
            throw new ConflictException("customer '" + externalId + "' was changed by someone else; reload and"
                    + " try again");
        }
        CustomerRecord after = customers.recordOf(externalId).orElseThrow();
        events.publishEvent(new AuditableChange(current.actor(), "customer", externalId, "update",
                json.writeValueAsString(before), json.writeValueAsString(after)));
        return after;
    }

    /**
     * Records a customer's e-mail marketing consent (system use: the consent capability, after it checked the caller
     * or the customer's confirmation); audited as a change of the customer by {@code actor}.
     */
    @Transactional
    public CustomerRecord recordEmailConsent(long customerId, boolean given, String source, String actor) {
        CustomerRecord before = customers.recordOf(customerId).orElseThrow(() -> new NotFoundException(
                "no customer " + customerId));
        Customer customer = customers.byExternalId(before.externalId()).orElseThrow();
        customer.consent(given, source, Instant.now(clock));
        if (!customers.update(customer)) {
            throw new ConflictException("customer '" + before.externalId() + "' was changed by someone else; reload"
                    + " and try again");
        }
        CustomerRecord after = customers.recordOf(customerId).orElseThrow();
        events.publishEvent(new AuditableChange(actor, "customer", before.externalId(), "consent",
                AuditableChange.json("channel", "EMAIL", "given", before.marketingConsent(), "source",
                        before.consentSource()),
                AuditableChange.json("channel", "EMAIL", "given", after.marketingConsent(), "source",
                        after.consentSource())));
        return after;
    }

    @Transactional(readOnly = true)
    public CustomerRecord find(String externalId) {
        CustomerRecord r = customers.recordOf(externalId)
                .orElseThrow(() -> new NotFoundException("no customer with id '" + externalId + "'"));
        Optional<Long> scope = current.accountManagerScope();
        if (scope.isPresent()) {
            StaffMember me = staff.byId(scope.get()).orElseThrow();
            if (!me.username().equals(r.accountManager())) {
                throw new NotFoundException("no customer with id '" + externalId + "'");
            }
        }
        return r;
    }

    /**
     * A customer by internal id for work the system does on its own (a survey answered through a public link, a
     * scheduled invitation); not scoped, so not for pages that show it to staff.
     */
    @Transactional(readOnly = true)
    public Optional<CustomerRecord> recordForSystem(long id) {
        return customers.recordOf(id);
    }

    /** Many customers by internal id, for the system's own work (as {@link #recordForSystem}); not scoped. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, CustomerRecord> recordsForSystem(java.util.Collection<Long> ids) {
        return customers.recordsOf(ids);
    }

    /**
     * The internal ids of the customers the caller may see, or empty when the caller sees every customer (wider
     * roles); for capabilities that scope their own rows by customer.
     */
    @Transactional(readOnly = true)
    public Optional<java.util.Set<Long>> visibleIds() {
        if (current.accountManagerScope().isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        customers.each(new CustomerFilter(null, null, null, null, null), current.accountManagerScope(),
                Instant.now(clock), r -> ids.add(r.id()));
        return Optional.of(ids);
    }

    /** A customer's internal id by e-mail address, any case (system use: the public referral page). */
    @Transactional(readOnly = true)
    public Optional<Long> idForEmail(String email) {
        return customers.idOfEmail(email);
    }

    /** Every customer's referrer and acquisition day, for the referral tree (system use: aggregates). */
    @Transactional(readOnly = true)
    public void eachLink(java.util.function.Consumer<CustomerLink> sink) {
        customers.eachLink(sink);
    }

    /** The internal ids of the customers assigned to a staff member (their book), for their day's work. */
    @Transactional(readOnly = true)
    public java.util.Set<Long> idsManagedBy(long staffId) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        customers.each(new CustomerFilter(null, null, null, null, null), Optional.of(staffId), Instant.now(clock),
                r -> ids.add(r.id()));
        return ids;
    }

    /** A customer's internal id by external id, for loads the system makes on its own (the demo); not scoped. */
    @Transactional(readOnly = true)
    public Optional<Long> idForSystem(String externalId) {
        return customers.idOf(externalId);
    }

    /** The internal id of a customer the caller may see, for other capabilities. */
    @Transactional(readOnly = true)
    public long idOf(String externalId) {
        return find(externalId).id();
    }

    @Transactional(readOnly = true)
    public CustomerPage search(CustomerQuery query) {
        return customers.search(query, current.accountManagerScope());
    }

    /** One page of the customers list (keyset pagination), within the caller's scope. */
    @Transactional(readOnly = true)
    public CustomerSlice browse(CustomerFilter filter, CustomerFilter.Sort sort, CustomerSlice.Cursor after, int size) {
        int n = size <= 0 ? 50 : Math.min(size, CustomerQuery.MAX_SIZE);
        return customers.browse(filter, sort, after, n, current.accountManagerScope(), Instant.now(clock));
    }

    /** Streams every customer matching the filter within the caller's scope, for an export. */
    @Transactional(readOnly = true)
    public void export(CustomerFilter filter, java.util.function.Consumer<CustomerRecord> sink) {
        customers.each(filter, current.accountManagerScope(), Instant.now(clock), sink);
    }

    /**
     * Every customer's traits, for population analytics run by the system (scoring); not scoped, so not for pages.
     */
    @Transactional(readOnly = true)
    public void eachTraits(java.util.function.Consumer<CustomerTraits> sink) {
        customers.eachTraits(sink);
    }

    /** One customer's traits, for rescoring them (system use, not scoped). */
    @Transactional(readOnly = true)
    public java.util.Optional<CustomerTraits> traitsOf(long customerId) {
        return customers.traitsOf(customerId);
    }

    /** Some customers' traits by id, for rescoring them together (system use, not scoped). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, CustomerTraits> traitsOf(java.util.Collection<Long> customerIds) {
        return customers.traitsOf(customerIds);
    }

    /** How many customers the caller may see. */
    @Transactional(readOnly = true)
    public long count() {
        return customers.count(current.accountManagerScope());
    }

    /** The configured activity windows. */
    public CustomerSettings settings() {
        return settings;
    }

    /** The activity filter with the configured windows. */
    public CustomerFilter.Activity activity(CustomerFilter.Kind kind) {
        return kind == null ? null : new CustomerFilter.Activity(kind, settings.activeDays(), settings.lostDays());
    }

    /** The segments and regions in use (within the caller's scope), for filter choices. */
    @Transactional(readOnly = true)
    public java.util.Map<String, java.util.List<String>> filterChoices() {
        Optional<Long> scope = current.accountManagerScope();
        Instant now = Instant.now(clock);
        CachedChoices cached = choices.get(scope);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.choices();
        }
        java.util.Map<String, java.util.List<String>> fresh = java.util.Map.of("segment",
                customers.distinct("segment", scope), "region", customers.distinct("region", scope));
        if (choices.size() > 1000) {
            choices.clear();
        }
        choices.put(scope, new CachedChoices(fresh, now.plus(CHOICES_TTL)));
        return fresh;
    }

    /**
     * Listing the segments and regions in use reads the whole customer table, so the choices are kept for a minute
     * per scope: a new segment appears in the filter within a minute.
     */
    private record CachedChoices(java.util.Map<String, java.util.List<String>> choices, Instant until) {
    }

    private static final java.time.Duration CHOICES_TTL = java.time.Duration.ofMinutes(1);
    private final java.util.Map<Optional<Long>, CachedChoices> choices = new java.util.concurrent.ConcurrentHashMap<>();

    private Customer visible(Optional<Customer> customer, String externalId) {
        Customer c = customer.orElseThrow(() -> new NotFoundException("no customer with id '" + externalId + "'"));
        Optional<Long> scope = current.accountManagerScope();
        if (scope.isPresent() && !scope.get().equals(c.accountManagerId())) {
            throw new NotFoundException("no customer with id '" + externalId + "'");
        }
        return c;
    }

    private Long referrerId(String referredBy) {
        if (referredBy == null || referredBy.isBlank()) {
            return null;
        }
        return customers.idOf(referredBy).orElseThrow(() -> new BusinessRuleException("referredBy",
                "unknown customer '" + referredBy + "'"));
    }

    private Long managerId(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        StaffMember m = staff.byUsername(username).orElseThrow(() -> new BusinessRuleException("accountManager",
                "unknown staff user '" + username + "'"));
        if (m.role() != Role.ACCOUNT_MANAGER && m.role() != Role.MANAGER && m.role() != Role.ADMIN) {
            throw new BusinessRuleException("accountManager", "'" + username + "' is not an account manager");
        }
        return m.id();
    }

    private String sourceOr(String source) {
        String s = source == null || source.isBlank() ? "api:" + current.actor() : source;
        return s.length() > 100 ? s.substring(0, 100) : s; // consent_source is varchar(100)
    }
}
