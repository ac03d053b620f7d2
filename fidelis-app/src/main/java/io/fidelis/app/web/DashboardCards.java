package io.fidelis.app.web;

import java.util.List;

/** A source of figures for the overview dashboard (see {@link DashboardCard}); only those the reader may see. */
public interface DashboardCards {
    List<DashboardCard> current();
}
