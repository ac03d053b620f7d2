package io.fidelis.app.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.SecretTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marketing consent per channel, each with its date and source, and the e-mail double opt-in. Staff record consent
 * the customer gave elsewhere (a signed form in the shop, a call) with its source; or they ask the customer to
 * confirm by e-mail. The confirmation link carries a random 128-bit token of which only the hash is kept (nothing in
 * it is derived from the address, so it cannot be forged from the address, the mistake of SuiteCRM's early opt-in
 * links); it is bound to the address it was sent to, used once, expires, and is confirmed with a button (a POST with
 * CSRF), so a mail scanner that opens links does not confirm for the customer. Every change is audited.
 */
@Service
public class CustomerConsents {
    private static final int MAX_SOURCE = 200;
    private final JdbcClient jdbc;
    private final CustomerManagement customers;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;
    private final ConsentMail mail;
    private final Duration confirmWithin;
    private final String publicUrl;
    private final Clock clock = Clock.systemUTC();

    CustomerConsents(JdbcClient jdbc, CustomerManagement customers, CurrentStaff current,
                     ApplicationEventPublisher events, ConsentMail mail,
                     @Value("${fidelis.consent.confirm-within:P7D}") Duration confirmWithin,
                     @Value("${fidelis.surveys.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.current = current;
        this.events = events;
        this.mail = mail;
        this.confirmWithin = confirmWithin;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A channel's consent: given or not, since when, from what source, and a confirmation still awaited. */
    public record ChannelConsent(ConsentChannel channel, boolean given, Instant since, String source,
                                 Instant awaitingSince) {
    }

    /** The consent of a customer the caller may see, for every channel. */
    @Transactional(readOnly = true)
    public List<ChannelConsent> of(String externalId) {
        CustomerRecord c = customers.find(externalId);
        List<ChannelConsent> out = new ArrayList<>();
        Instant awaiting = jdbc.sql("select max(requested_at) from consent_request where customer_id = ? and"
                        + " confirmed_at is null and expires_at > ?")
                .params(c.id(), OffsetDateTime.now(clock)).query((rs, n) -> {
                    java.sql.Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                }).optional().orElse(null);
        out.add(new ChannelConsent(ConsentChannel.EMAIL, c.marketingConsent(), c.consentChangedAt(),
                c.consentSource(), c.marketingConsent() ? null : awaiting));
        for (ConsentChannel ch : List.of(ConsentChannel.SMS, ConsentChannel.PHONE, ConsentChannel.POST)) {
            out.add(jdbc.sql("select given, changed_at, source from customer_consent where customer_id = ? and"
                            + " channel = ?").params(c.id(), ch.name())
                    .query((rs, n) -> new ChannelConsent(ch, rs.getBoolean(1), rs.getTimestamp(2).toInstant(),
                            rs.getString(3), null)).optional()
                    .orElse(new ChannelConsent(ch, false, null, null, null)));
        }
        return out;
    }

    /** Whether the customer agreed to contact on the channel (system use: before sending). */
    @Transactional(readOnly = true)
    public boolean allows(long customerId, ConsentChannel channel) {
        if (channel == ConsentChannel.EMAIL) {
            return customers.recordForSystem(customerId).map(CustomerRecord::marketingConsent).orElse(false);
        }
        return jdbc.sql("select given from customer_consent where customer_id = ? and channel = ?")
                .params(customerId, channel.name()).query(Boolean.class).optional().orElse(false);
    }

    /** Staff record consent given or withdrawn on a channel, with its source (how the customer said so). */
    @Transactional
    public void record(String externalId, ConsentChannel channel, boolean given, String source) {
        CustomerRecord c = customers.find(externalId);
        String why = source == null ? "" : source.strip();
        if (why.isEmpty() || why.length() > MAX_SOURCE) {
            throw new BusinessRuleException("source", "say how the customer gave or withdrew consent, such as"
                    + " \"signed form in the shop, 2026-12-01\" (at most " + MAX_SOURCE + " characters)");
        }
        String by = current.actor();
        String stated = why + " (recorded by " + by + ")";
        if (stated.length() > MAX_SOURCE) {
            stated = why;
        }
        if (channel == ConsentChannel.EMAIL) {
            customers.recordEmailConsent(c.id(), given, stated, by);
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Boolean> before = jdbc.sql("select given from customer_consent where customer_id = ? and channel = ?")
                .params(c.id(), channel.name()).query(Boolean.class).optional();
        if (before.isPresent()) {
            jdbc.sql("update customer_consent set given = ?, changed_at = ?, source = ?, version = version + 1 where"
                    + " customer_id = ? and channel = ?").params(given, now, stated, c.id(), channel.name()).update();
        } else {
            jdbc.sql("insert into customer_consent (customer_id, channel, given, changed_at, source, version) values"
                    + " (?, ?, ?, ?, ?, 0)").params(c.id(), channel.name(), given, now, stated).update();
        }
        events.publishEvent(new AuditableChange(by, "customer", externalId, "consent",
                before.map(b -> AuditableChange.json("channel", channel.name(), "given", b)).orElse(null),
                AuditableChange.json("channel", channel.name(), "given", given, "source", stated)));
    }

    /** A confirmation request sent, or (without a mail server) its link to pass on, shown once. */
    public record Requested(String sentTo, boolean mailed, String link) {
    }

    /** Asks the customer to confirm e-mail consent: a link, by e-mail to their address, valid for a week. */
    @Transactional
    public Requested requestEmailConfirmation(String externalId, String language) {
        return request(customers.find(externalId), language, current.actor());
    }

    /**
     * As {@link #requestEmailConfirmation}, asked by the system for a customer who ticked "send me news" where nobody
     * can vouch for the address (the public referral page): the consent counts once the link in the mail is used.
     */
    @Transactional
    public Requested requestEmailConfirmationForSystem(long customerId, String language, String actor) {
        return request(customers.recordForSystem(customerId).orElseThrow(), language, actor);
    }

    private Requested request(CustomerRecord c, String language, String actor) {
        String externalId = c.externalId();
        if (c.email() == null || c.email().isBlank()) {
            throw new BusinessRuleException("email", externalId + " has no e-mail address to confirm");
        }
        if (c.marketingConsent()) {
            throw new BusinessRuleException("consent", externalId + " gave e-mail consent already (" + c.consentSource()
                    + ")");
        }
        String lang = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en";
        String token = SecretTokens.create();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("insert into consent_request (customer_id, token_hash, email, language, requested_at, requested_by,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), SecretTokens.hash(token), c.email(), lang, now, actor,
                        now.plus(confirmWithin)).update();
        events.publishEvent(new AuditableChange(actor, "customer", externalId, "consent requested", null,
                AuditableChange.json("channel", "EMAIL", "expires", now.plus(confirmWithin).toInstant().toString())));
        String link = publicUrl + "/consent/" + token;
        boolean mailed = mail.send(c.email(), c.name(), lang, link, now.plus(confirmWithin).toInstant());
        return new Requested(c.email(), mailed, mailed ? null : link);
    }

    /** A confirmation request as the customer's page shows it. */
    public record Pending(String name, String email, String language) {
    }

    private record Request(long id, long customerId, String email, String language) {
    }

    private Optional<Request> valid(String token) {
        if (token == null || !SecretTokens.wellFormed(token)) {
            return Optional.empty();
        }
        Optional<Request> r = jdbc.sql("select id, customer_id, email, language from consent_request where token_hash"
                        + " = ? and confirmed_at is null and expires_at > ?")
                .params(SecretTokens.hash(token), OffsetDateTime.now(clock))
                .query((rs, n) -> new Request(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .optional();
        // Bound to the address it was sent to: after a change of address it no longer counts.
        return r.filter(x -> customers.recordForSystem(x.customerId()).map(CustomerRecord::email)
                .filter(e -> e.equalsIgnoreCase(x.email())).isPresent());
    }

    /** The request behind a link, if it is still valid (the customer's page, no login). */
    @Transactional(readOnly = true)
    public Optional<Pending> pending(String token) {
        return valid(token).map(r -> new Pending(customers.recordForSystem(r.customerId()).map(CustomerRecord::name)
                .orElse(null), mask(r.email()), r.language()));
    }

    /** The customer confirms: e-mail consent is given, sourced as their double opt-in; the link is used up. */
    @Transactional
    public boolean confirm(String token) {
        Optional<Request> r = valid(token);
        if (r.isEmpty()) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (jdbc.sql("update consent_request set confirmed_at = ? where id = ? and confirmed_at is null")
                .params(now, r.get().id()).update() != 1) {
            return false; // confirmed at the same moment in another request
        }
        customers.recordEmailConsent(r.get().customerId(), true, "double opt-in: confirmed by the customer at "
                + now.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "customer");
        return true;
    }

    /** a…@example.com: enough for the customer to recognise their address, not to read it off the screen. */
    static String mask(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "…" + email.substring(Math.max(0, at)) : email.charAt(0) + "…" + email.substring(at);
    }
}
