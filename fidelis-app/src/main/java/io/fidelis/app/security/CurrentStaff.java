package io.fidelis.app.security;

import java.util.Optional;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is asking, for row-level rules and the audit trail. */
@Component
public class CurrentStaff {
    private final StaffDirectory staff;

    CurrentStaff(StaffDirectory staff) {
        this.staff = staff;
    }

    public Optional<StaffMember> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return Optional.empty();
        }
        return staff.byUsername(auth.getName());
    }

    /** The name to record in the audit log: the user, or {@code system} for the CLI. */
    public String actor() {
        return get().map(StaffMember::username).orElse("system");
    }

    /** The staff id to restrict customers to, when the caller is an account manager; empty for wider roles. */
    public Optional<Long> accountManagerScope() {
        return get().filter(s -> s.role() == Role.ACCOUNT_MANAGER).map(StaffMember::id);
    }
}
