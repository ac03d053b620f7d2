package io.fidelis.app.web;

import java.util.List;
import java.util.Locale;

/** A source of warnings for the overview dashboard (see {@link DashboardAlert}). */
public interface DashboardAlerts {
    /** The current warnings, in the reader's language. */
    List<DashboardAlert> current(Locale locale);
}
