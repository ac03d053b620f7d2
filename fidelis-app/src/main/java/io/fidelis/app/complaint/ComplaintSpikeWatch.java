package io.fidelis.app.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffAccount;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.web.DashboardAlert;
import io.fidelis.app.web.DashboardAlerts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Crisis early warning (seed 002: "keep a database of all complaints to prevent PR crises"): every hour the CUSUM of
 * {@link ComplaintAnalytics} runs over each category's and each much-complained-of product's daily complaints; an
 * alarm on one of the last {@link #LOOK_BACK_DAYS} days, with at least {@code alert-min-count} complaints that
 * day, is recorded once, shown on the overview dashboard for a week,
 * and e-mailed to the managers and admins when it starts a new episode (no alert for that subject in the week
 * before).
 */
@Component
@ConditionalOnWebApplication
class ComplaintSpikeWatch implements DashboardAlerts {
    /** Alarm days looked back at, so a pause of the server does not lose an alert. */
    static final int LOOK_BACK_DAYS = 3;
    /** Days an alert stays on the dashboard, and the quiet days before a new alert is e-mailed again. */
    static final int SHOWN_DAYS = 7;

    private final ComplaintRepository repository;
    private final ComplaintAnalytics analytics;
    private final StaffDirectory staff;
    private final StaffNotices notices;
    private final ComplaintSettings settings;
    private final ManagingComplaintCategories categories;
    private final Clock clock = Clock.systemUTC();

    ComplaintSpikeWatch(ComplaintRepository repository, ComplaintAnalytics analytics, StaffDirectory staff,
                        StaffNotices notices, ComplaintSettings settings, ManagingComplaintCategories categories) {
        this.categories = categories;
        this.settings = settings;
        this.repository = repository;
        this.analytics = analytics;
        this.staff = staff;
        this.notices = notices;
    }

    @Scheduled(fixedDelayString = "${fidelis.complaints.spike-check-every:PT1H}", initialDelayString = "PT30S")
    void scheduled() {
        Instant now = Instant.now(clock);
        check(LocalDate.ofInstant(now, ZoneOffset.UTC), now);
    }

    /** One check up to {@code today}: the alerts newly raised. */
    @Transactional
    List<ComplaintRepository.Alert> check(LocalDate today, Instant now) {
        LocalDate first = today.minusDays(ComplaintAnalytics.ALARM_DAYS - 1);
        List<ComplaintRepository.Alert> raised = new ArrayList<>();
        for (ComplaintAnalytics.Alarm alarm : analytics.alarms(repository.all(), repository.productsOfAll(), today)) {
            for (LocalDate day : alarm.alarms()) {
                int count = alarm.counts().get((int) ChronoUnit.DAYS.between(first, day));
                if (day.isAfter(today.minusDays(LOOK_BACK_DAYS)) && count >= settings.alertMinCount()) {
                    ComplaintRepository.Alert a = new ComplaintRepository.Alert(alarm.kind(), alarm.category(), day,
                            count, alarm.baseline(), now);
                    if (repository.raise(a)) {
                        raised.add(a);
                    }
                }
            }
        }
        List<ComplaintRepository.Alert> earlier = repository.alertsSince(today.minusDays(SHOWN_DAYS + LOOK_BACK_DAYS));
        Map<String, String> names = categories.names(Locale.ENGLISH);
        List<StaffAccount> managers = staff.accounts().stream().filter(s -> s.enabled()
                && (s.member().role() == Role.ADMIN || s.member().role() == Role.MANAGER)).toList();
        for (ComplaintRepository.Alert a : raised) {
            boolean newEpisode = earlier.stream().noneMatch(e -> e.kind().equals(a.kind())
                    && e.subject().equals(a.subject()) && e.day().isBefore(a.day())
                    && !e.day().isBefore(a.day().minusDays(SHOWN_DAYS)));
            if (newEpisode) {
                String what = subject(a, names);
                notices.send(managers, "Complaint alert: " + what + " rose on " + a.day(),
                        "Complaints about " + what + " rose to " + a.count() + " on " + a.day() + ", against a usual "
                                + String.format(Locale.ROOT, "%.1f", a.baseline()) + " a day.\n\n"
                                + "The CUSUM alarm is designed for one false alarm a year per series; look at the"
                                + " complaints of those days in the complaint database and at the analytics page.\n");
            }
        }
        return raised;
    }

    private static String subject(ComplaintRepository.Alert a, Map<String, String> names) {
        return a.kind().equals("category") ? names.getOrDefault(a.subject(), a.subject()) : "product " + a.subject();
    }

    /** This week's alerts, one per subject: its latest day, the count that day and the usual level. */
    @Override
    @Transactional(readOnly = true)
    public List<DashboardAlert> current(Locale locale) {
        LocalDate today = LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        Map<String, String> names = categories.names(locale);
        Map<String, ComplaintRepository.Alert> latest = new LinkedHashMap<>();
        for (ComplaintRepository.Alert a : repository.alertsSince(today.minusDays(SHOWN_DAYS - 1))) {
            latest.putIfAbsent(a.kind() + ":" + a.subject(), a);
        }
        List<DashboardAlert> out = new ArrayList<>();
        for (ComplaintRepository.Alert a : latest.values()) {
            String link = "/complaints/database?from=" + a.day().minusDays(SHOWN_DAYS) + "&"
                    + (a.kind().equals("category") ? "category=" : "sku=") + java.net.URLEncoder.encode(a.subject(),
                    java.nio.charset.StandardCharsets.UTF_8);
            out.add(new DashboardAlert(a.kind().equals("category") ? "alert.complaintsCategory"
                    : "alert.complaintsProduct", List.of(a.kind().equals("category")
                    ? names.getOrDefault(a.subject(), a.subject()) : a.subject(), a.count(), a.day().toString(),
                    String.format(Locale.ROOT, "%.1f", a.baseline())), link));
        }
        return out;
    }
}
