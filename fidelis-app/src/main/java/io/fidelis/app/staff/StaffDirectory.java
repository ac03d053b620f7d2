package io.fidelis.app.staff;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import io.fidelis.app.audit.AuditableChange;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff users: lookup, creation, passwords, and the first-run admin account. Changes are audited. */
@Service
public class StaffDirectory {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final ApiTokens tokens;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events, ApiTokens tokens) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
        this.tokens = tokens;
    }

    public Optional<StaffMember> byUsername(String username) {
        return jdbc.sql("select id, username, display_name, role from staff_user where username = ?")
                .param(username)
                .query((rs, n) -> new StaffMember(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4))))
                .optional();
    }

    public Optional<StaffMember> byId(long id) {
        return jdbc.sql("select id, username, display_name, role from staff_user where id = ?")
                .param(id)
                .query((rs, n) -> new StaffMember(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4))))
                .optional();
    }

    /** Creates a staff user with a login; the password is stored as a bcrypt hash. */
    @Transactional
    public StaffMember create(String username, String displayName, Role role, String password) {
        if (byUsername(username).isPresent()) {
            throw new io.fidelis.app.shared.ConflictException("a staff user '" + username + "' already exists");
        }
        jdbc.sql("insert into staff_user (username, display_name, role, password_hash, enabled, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(username, displayName, role.name(), password == null ? null : passwords.encode(password),
                        password != null, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        StaffMember created = byUsername(username).orElseThrow();
        events.publishEvent(new AuditableChange(actor(), "staff_user", username, "create", null,
                AuditableChange.json("role", role.name(), "login", password != null)));
        return created;
    }

    /** Sets a user's password (stored as a bcrypt hash) and enables their login. */
    @Transactional
    public void setPassword(String username, String password) {
        if (password == null || password.length() < 12) {
            throw new io.fidelis.app.shared.InvalidInputException("password", "must have at least 12 characters");
        }
        int changed = jdbc.sql("update staff_user set password_hash = ?, enabled = true where username = ?")
                .params(passwords.encode(password), username).update();
        if (changed == 0) {
            throw new io.fidelis.app.shared.NotFoundException("no staff user '" + username + "'");
        }
        events.publishEvent(new AuditableChange(actor(), "staff_user", username, "set-password", null,
                AuditableChange.json("login", true)));
    }

    /** Every staff user, by name. */
    public java.util.List<StaffMember> list() {
        return jdbc.sql("select id, username, display_name, role from staff_user order by username")
                .query((rs, n) -> new StaffMember(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4))))
                .list();
    }

    /** Every staff user with their login state, for the users page. */
    public java.util.List<StaffAccount> accounts() {
        return jdbc.sql("select id, username, display_name, role, enabled, password_hash is not null, locale,"
                        + " created_at, email, team from staff_user order by username")
                .query((rs, n) -> new StaffAccount(new StaffMember(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4))), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9), rs.getString(10)))
                .list();
    }

    /** A user's e-mail address (for survey invitations) and team (for the employee pulse); blank clears them. */
    @Transactional
    public void changeContact(String username, String email, String team) {
        String e = email == null || email.isBlank() ? null : email.strip();
        if (e != null && (e.length() > 254 || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new io.fidelis.app.shared.InvalidInputException("email", "not an e-mail address: " + e);
        }
        String t = team == null || team.isBlank() ? null : team.strip();
        if (t != null && t.length() > 100) {
            throw new io.fidelis.app.shared.InvalidInputException("team", "at most 100 characters");
        }
        int n = jdbc.sql("update staff_user set email = ?, team = ? where username = ?").params(e, t, username)
                .update();
        if (n == 0) {
            throw new io.fidelis.app.shared.NotFoundException("no user " + username);
        }
    }

    /** The team of every staff member who has one, by id. */
    public java.util.Map<Long, String> teams() {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        jdbc.sql("select id, team from staff_user where team is not null").query(rs -> {
            out.put(rs.getLong(1), rs.getString(2));
        });
        return out;
    }

    /** Changes a user's role and whether they may sign in. The last enabled admin cannot be demoted or disabled. */
    @Transactional
    public void changeAccess(String username, Role role, boolean enabled) {
        StaffAccount before = accounts().stream().filter(a -> a.member().username().equals(username)).findFirst()
                .orElseThrow(() -> new io.fidelis.app.shared.NotFoundException("no staff user '" + username + "'"));
        boolean wasActiveAdmin = before.member().role() == Role.ADMIN && before.enabled();
        if (wasActiveAdmin && (role != Role.ADMIN || !enabled)) {
            Integer admins = jdbc.sql("select count(*) from staff_user where role = 'ADMIN' and enabled = true")
                    .query(Integer.class).single();
            if (admins <= 1) {
                throw new io.fidelis.app.shared.BusinessRuleException("role", "'" + username + "' is the last"
                        + " administrator who can sign in; make someone else an administrator first");
            }
        }
        boolean canLogin = enabled && before.hasPassword();
        jdbc.sql("update staff_user set role = ?, enabled = ? where username = ?")
                .params(role.name(), canLogin, username).update();
        tokens.forgetWhenCommitted(); // a token acts with its owner's role, and not at all once they are disabled
        events.publishEvent(new AuditableChange(actor(), "staff_user", username, "change-access",
                AuditableChange.json("role", before.member().role().name(), "enabled", before.enabled()),
                AuditableChange.json("role", role.name(), "enabled", canLogin)));
    }

    /** Remembers the language a user chose ({@code null} to follow the browser). */
    @Transactional
    public void setLocale(String username, java.util.Locale locale) {
        jdbc.sql("update staff_user set locale = ? where username = ?")
                .params(locale == null ? null : locale.toLanguageTag(), username).update();
    }

    /** The language a user chose, if any. */
    public Optional<java.util.Locale> localeOf(String username) {
        return jdbc.sql("select locale from staff_user where username = ?").param(username)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)).map(java.util.Locale::forLanguageTag))
                .optional().flatMap(o -> o);
    }

    private static String actor() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    /**
     * Creates the {@code admin} account if no administrator exists yet.
     *
     * @param configured the password from {@code FIDELIS_ADMIN_PASSWORD}, or empty for a random one
     * @return the password when the account was created now and the password was generated, so it can be shown
     *         once; empty otherwise
     */
    @Transactional
    public Optional<String> ensureAdmin(String configured) {
        Integer admins = jdbc.sql("select count(*) from staff_user where role = 'ADMIN'").query(Integer.class).single();
        if (admins > 0) {
            return Optional.empty();
        }
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        create("admin", "Administrator", Role.ADMIN, password);
        return generated ? Optional.of(password) : Optional.empty();
    }

    static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
