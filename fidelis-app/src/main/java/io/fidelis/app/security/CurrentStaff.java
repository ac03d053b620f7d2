package io.fidelis.app.security;

import java.util.Optional;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Who is asking, for row-level rules and the audit trail. */
@Component
public class CurrentStaff {
    private final StaffDirectory staff;

    CurrentStaff(StaffDirectory staff) {
        this.staff = staff;
    }

    /**
     * The signed-in staff member: the one an API token was just checked for, or else read once per request (the
     * role and id as they are now, not as they were at sign-in).
     */
    public Optional<StaffMember> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return Optional.empty();
        }
        if (auth.getDetails() instanceof StaffMember checked && checked.username().equals(auth.getName())) {
            return Optional.of(checked);
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST) instanceof StaffMember read
                && read.username().equals(auth.getName())) {
            return Optional.of(read);
        }
        Optional<StaffMember> member = staff.byUsername(auth.getName());
        if (request != null && member.isPresent()) {
            request.setAttribute(READ, member.get(), RequestAttributes.SCOPE_REQUEST);
        }
        return member;
    }

    private static final String READ = CurrentStaff.class.getName() + ".read";

    /** The name to record in the audit log: the user, or {@code system} for the CLI. */
    public String actor() {
        return get().map(StaffMember::username).orElse("system");
    }

    /** The staff id to restrict customers to, when the caller is an account manager; empty for wider roles. */
    public Optional<Long> accountManagerScope() {
        return get().filter(s -> s.role() == Role.ACCOUNT_MANAGER).map(StaffMember::id);
    }
}
