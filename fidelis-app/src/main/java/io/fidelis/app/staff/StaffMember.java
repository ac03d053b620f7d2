package io.fidelis.app.staff;

/** A staff user as other capabilities see it: id, login name and role. */
public record StaffMember(long id, String username, String displayName, Role role) {
}
