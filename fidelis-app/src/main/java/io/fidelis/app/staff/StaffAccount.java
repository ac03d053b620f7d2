package io.fidelis.app.staff;

import java.time.Instant;

/** A staff user with their login state, as the users page shows it. */
public record StaffAccount(StaffMember member, boolean enabled, boolean hasPassword, String locale,
                           Instant createdAt, String email, String team) {
    public String username() {
        return member.username();
    }

    public String displayName() {
        return member.displayName();
    }
}
