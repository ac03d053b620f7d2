package io.fidelis.app.staff;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the first-run {@code admin} account when the database has no administrator. Its password is
 * {@code FIDELIS_ADMIN_PASSWORD}, or else a random one printed once to the console.
 */
@Component
public class AdminAccount {
    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
    private final StaffDirectory staff;
    private final String configured;
    private volatile Optional<String> generatedPassword = Optional.empty();
    private volatile boolean createdNow;

    AdminAccount(StaffDirectory staff, @Value("${fidelis.security.admin-password:}") String configured) {
        this.staff = staff;
        this.configured = configured;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensureAdmin() {
        boolean existed = staff.byUsername("admin").isPresent();
        generatedPassword = staff.ensureAdmin(configured);
        createdNow = !existed && staff.byUsername("admin").isPresent();
        generatedPassword.ifPresent(p -> {
            String line = "First run: created the administrator 'admin' with the password " + p
                    + "  (shown once; set FIDELIS_ADMIN_PASSWORD to choose it)";
            System.err.println(line); // stderr: standard output stays clean for --json
            log.info("First run: created the administrator 'admin' (password printed on the console)");
        });
    }

    /** The generated password if the admin account was created by this run; empty otherwise. */
    public Optional<String> generatedPassword() {
        return generatedPassword;
    }

    public boolean createdNow() {
        return createdNow;
    }
}
