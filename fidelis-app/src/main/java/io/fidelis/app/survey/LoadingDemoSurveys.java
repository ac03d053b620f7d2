package io.fidelis.app.survey;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.core.csv.CsvScanner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo business's surveys and answers ({@code survey_answers.csv} of the demo generator): one open survey
 * per template answered, every answer checked as the public page checks it, the follow-ups their answers ask for
 * (most of the older ones closed by the account manager, so the time to close the loop has figures), and the account
 * managers' teams. Loading again changes nothing.
 */
@Service
public class LoadingDemoSurveys {
    static final String DEMO = "demo";
    private final SurveyRepository repository;
    private final RecordingResponses recording;
    private final CustomerManagement customers;
    private final StaffDirectory staff;

    LoadingDemoSurveys(SurveyRepository repository, RecordingResponses recording, CustomerManagement customers,
                       StaffDirectory staff) {
        this.repository = repository;
        this.recording = recording;
        this.customers = customers;
        this.staff = staff;
    }

    /** What was loaded ({@code alreadyLoaded}: nothing, the demo surveys exist). */
    public record Loaded(int surveys, int responses, int followUps, boolean alreadyLoaded) {
    }

    /** @param teamOf the team of each account manager (user name → team) */
    @Transactional
    public Loaded load(Path answers, Map<String, String> teamOf) throws IOException {
        for (StaffMember m : staff.list()) {
            String team = teamOf.get(m.username());
            if (team != null) {
                staff.changeContact(m.username(), m.username() + "@example.com", team);
            }
        }
        if (repository.all().stream().anyMatch(s -> s.createdBy().equals(DEMO))) {
            return new Loaded(0, 0, 0, true);
        }
        Map<String, List<Row>> responses = new LinkedHashMap<>();
        try (CsvScanner csv = new CsvScanner(new BufferedInputStream(Files.newInputStream(answers)))) {
            csv.next();
            while (csv.next()) {
                if (!csv.emptyLine()) {
                    responses.computeIfAbsent(csv.string(0), k -> new ArrayList<>()).add(new Row(csv.string(1),
                            csv.string(2), LocalDate.parse(csv.string(3)), csv.string(4), csv.string(5)));
                }
            }
        }
        Map<String, Survey> surveys = new LinkedHashMap<>();
        Instant created = responses.values().stream().flatMap(List::stream).map(Row::day).min(LocalDate::compareTo)
                .orElse(LocalDate.now(ZoneOffset.UTC)).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int count = 0;
        for (List<Row> rows : responses.values()) {
            Row first = rows.get(0);
            Survey survey = surveys.computeIfAbsent(first.survey(), key -> open(key, created));
            Map<String, List<String>> raw = new LinkedHashMap<>();
            rows.forEach(r -> raw.put(r.code(), List.of(r.value())));
            AnswerSheet.Read read = AnswerSheet.read(survey.questions(), raw);
            if (!read.valid()) {
                continue;
            }
            Long customer = survey.audience() == Audience.CUSTOMER && !first.respondent().isEmpty()
                    ? customers.idForSystem(first.respondent()).orElse(null) : null;
            Instant at = first.day().atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(count % 3600);
            long id = repository.insertResponse(survey.id(), null, customer, null, "EMAIL", SurveyLanguage.ENGLISH,
                    at, read.answers());
            count++;
            if (customer != null) {
                recording.followUps(survey, id, customer, read.answers(), at);
            }
        }
        int followUps = closeOlderFollowUps();
        return new Loaded(surveys.size(), count, followUps, false);
    }

    private Survey open(String template, Instant created) {
        SurveyTemplate t = SurveyTemplates.byKey(template)
                .orElseThrow(() -> new IllegalArgumentException("no survey template '" + template + "'"));
        Survey s = Survey.draft(t, created, DEMO);
        s.open();
        if (template.equals("post-purchase-csat")) {
            s.schedule(30, 3);
        }
        long id = repository.insert(s);
        return repository.byId(id).orElseThrow();
    }

    /** Closes most follow-ups older than a week, a day or two after they were opened, as their manager. */
    private int closeOlderFollowUps() {
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
        List<SurveyRepository.FollowUpRow> open = repository.followUps(Optional.empty(), true, 100_000);
        int i = 0;
        for (SurveyRepository.FollowUpRow f : open) {
            i++;
            if (f.createdAt().isBefore(weekAgo) && i % 10 < 7) {
                String by = f.managerId() == null ? DEMO
                        : staff.byId(f.managerId()).map(StaffMember::username).orElse(DEMO);
                repository.closeFollowUp(f.id(), f.createdAt().plus(Duration.ofHours(6 + (i * 7L) % 60)), by,
                        i % 2 == 0 ? "Called the customer and apologised; a voucher for the next order"
                                : "Visited the customer; the delivery problem is solved");
            }
        }
        return open.size();
    }

    private record Row(String survey, String respondent, LocalDate day, String code, String value) {
    }
}
