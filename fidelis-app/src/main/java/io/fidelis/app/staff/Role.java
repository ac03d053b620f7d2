package io.fidelis.app.staff;

/** What a staff user may do; see the README's table of roles. */
public enum Role {
    ADMIN, MANAGER, ACCOUNT_MANAGER, AGENT, ANALYST;

    public String authority() {
        return "ROLE_" + name();
    }
}
