package io.fidelis.app.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Personal API tokens for {@code /api/**}: a user creates and revokes their own; an admin may revoke anyone's.
 * A token acts with its owner's role and row-level scope. Only its SHA-256 hash is stored, so it is shown once.
 */
@Service
public class ApiTokens {
    static final String PREFIX = "fid_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    /**
     * Tokens found valid lately, by hash, so that an API client's every request does not read the token again. A
     * revocation or a change of its owner's access on this server forgets them all when it commits; another server
     * on the same database stops accepting a revoked token within {@link #rememberFor}.
     */
    private final java.util.Map<String, Remembered> recent = new ConcurrentHashMap<>();
    /** Bumped when tokens or access change, so that a lookup that raced the change is not remembered. */
    private final AtomicLong generation = new AtomicLong();
    private final Duration rememberFor;

    private record Remembered(StaffMember member, Instant until) {
    }

    ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events,
              @Value("${fidelis.security.api-token-cache:30s}") Duration rememberFor) {
        this.jdbc = jdbc;
        this.events = events;
        this.rememberFor = rememberFor;
    }

    /** A newly created token; {@code token} is the secret, shown to its owner this once. */
    public record IssuedToken(long id, String name, String token) {
    }

    /** A token as lists show it: never the secret, only its first characters. */
    public record TokenInfo(long id, String owner, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                            Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    @Transactional
    public IssuedToken issue(String username, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new InvalidInputException("name", "give the token a name of 1 to 100 characters, such as the"
                    + " script that will use it");
        }
        long owner = jdbc.sql("select id from staff_user where username = ?").param(username).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException("no staff user '" + username + "'"));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into api_token (staff_user_id, name, token_hash, token_prefix, created_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(owner, label, hash(token), token.substring(0, 12), now()).update();
        long id = jdbc.sql("select id from api_token where token_hash = ?").param(hash(token)).query(Long.class)
                .single();
        events.publishEvent(new AuditableChange(actor(username), "api_token", String.valueOf(id), "create", null,
                AuditableChange.json("owner", username, "prefix", token.substring(0, 12))));
        return new IssuedToken(id, label, token);
    }

    /** The user's own tokens, newest first. */
    public List<TokenInfo> of(String username) {
        return jdbc.sql(SELECT + " where u.username = ? order by t.id desc").param(username).query(ApiTokens::info)
                .list();
    }

    /** Every token of every user (for admins), newest first. */
    public List<TokenInfo> all() {
        return jdbc.sql(SELECT + " order by t.id desc").query(ApiTokens::info).list();
    }

    /** Revokes a token: the owner's own, or anyone's when {@code asAdmin}. Others' tokens answer 404. */
    @Transactional
    public void revoke(long id, String requester, boolean asAdmin) {
        TokenInfo t = jdbc.sql(SELECT + " where t.id = ?").param(id).query(ApiTokens::info).optional()
                .filter(i -> asAdmin || i.owner().equals(requester))
                .orElseThrow(() -> new NotFoundException("no API token " + id));
        if (t.revokedAt() != null) {
            return;
        }
        jdbc.sql("update api_token set revoked_at = ? where id = ?").params(now(), id).update();
        forgetWhenCommitted();
        events.publishEvent(new AuditableChange(requester, "api_token", String.valueOf(id), "revoke",
                AuditableChange.json("owner", t.owner(), "active", true),
                AuditableChange.json("owner", t.owner(), "active", false)));
    }

    /** The owner of an active token whose user may sign in, or empty. */
    public Optional<StaffMember> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String h = hash(token);
        Instant at = clock.instant();
        Remembered known = recent.get(h);
        if (known != null && known.until().isAfter(at)) {
            return Optional.of(known.member());
        }
        long seen = generation.get();
        record Found(long tokenId, StaffMember member, OffsetDateTime lastUsed) {
        }
        Optional<Found> found = jdbc.sql("select t.id, u.id, u.username, u.display_name, u.role, t.last_used_at"
                        + " from api_token t join staff_user u on u.id = t.staff_user_id"
                        + " where t.token_hash = ? and t.revoked_at is null and u.enabled = true")
                .param(h)
                .query((rs, n) -> new Found(rs.getLong(1), new StaffMember(rs.getLong(2), rs.getString(3),
                        rs.getString(4), Role.valueOf(rs.getString(5))), rs.getObject(6, OffsetDateTime.class)))
                .optional();
        if (found.isEmpty()) {
            recent.remove(h);
            return Optional.empty();
        }
        Found f = found.get();
        OffsetDateTime now = now();
        if (f.lastUsed() == null || f.lastUsed().plus(TOUCH_EVERY).isBefore(now)) {
            jdbc.sql("update api_token set last_used_at = ? where id = ?").params(now, f.tokenId()).update();
        }
        if (!rememberFor.isZero() && !rememberFor.isNegative()) {
            recent.put(h, new Remembered(f.member(), at.plus(rememberFor)));
            if (generation.get() != seen) {
                recent.remove(h); // a revocation or an access change committed meanwhile
            }
        }
        return Optional.of(f.member());
    }

    /**
     * Forgets the tokens found valid lately, now and once the current transaction commits (so that a lookup
     * between the two, which still saw the old rows, is not remembered either): after a revocation, or a change of
     * a user's role or of whether they may sign in.
     */
    void forgetWhenCommitted() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    private void forget() {
        generation.incrementAndGet();
        recent.clear();
    }

    private static final String SELECT = "select t.id, u.username, t.name, t.token_prefix, t.created_at,"
            + " t.last_used_at, t.revoked_at from api_token t join staff_user u on u.id = t.staff_user_id";

    private static TokenInfo info(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                instant(rs.getObject(7, OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String actor(String fallback) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? fallback : auth.getName();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
