package io.fidelis.app.staff;

import java.util.Locale;
import java.util.Optional;

import io.fidelis.app.web.PreferredLocales;
import org.springframework.stereotype.Component;

/** Tells the workspace which language a user chose. */
@Component
class StaffLocales implements PreferredLocales {
    private final StaffDirectory staff;

    StaffLocales(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    public Optional<Locale> of(String username) {
        return staff.localeOf(username);
    }
}
