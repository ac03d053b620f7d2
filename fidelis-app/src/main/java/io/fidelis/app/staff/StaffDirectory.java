package io.fidelis.app.staff;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff users: lookup by name or id, and the first-run admin account. */
@Service
public class StaffDirectory {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
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
        jdbc.sql("insert into staff_user (username, display_name, role, password_hash, enabled, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(username, displayName, role.name(), password == null ? null : passwords.encode(password),
                        password != null, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return byUsername(username).orElseThrow();
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
