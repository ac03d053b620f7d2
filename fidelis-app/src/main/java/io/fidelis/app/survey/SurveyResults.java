package io.fidelis.app.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.core.stats.NpsStats;
import io.fidelis.core.stats.Proportions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a survey's answers say: the response rate; per question the NPS with its adjusted-Wald interval, the CSAT
 * top-2-box share with its Wilson interval, the CES "easy" share, the mean of a rating, the counts of each choice;
 * month by month; by segment, region, account manager and loyalty stage; the free-text answers with a search; the
 * follow-ups and the time they took to close; and a CSV export of every answer.
 */
@Service
public class SurveyResults {
    /** An employee survey's group (a team) with fewer answers than this is not shown, to keep answers anonymous. */
    static final int MIN_GROUP = 5;

    private final SurveyRepository repository;
    private final CustomerManagement customers;
    private final LoyaltyReadings loyalty;
    private final FollowUps followUps;

    SurveyResults(SurveyRepository repository, CustomerManagement customers, LoyaltyReadings loyalty,
                  FollowUps followUps) {
        this.repository = repository;
        this.customers = customers;
        this.loyalty = loyalty;
        this.followUps = followUps;
    }

    /** The figure of one question over some answers: an NPS, a share, or a mean, with its interval. */
    public record Figure(String kind, int n, double value, double lower, double upper, double mean) {
        static Figure of(Question q, List<Integer> answers) {
            if (answers.isEmpty()) {
                return new Figure(kind(q), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            int[] a = answers.stream().mapToInt(Integer::intValue).toArray();
            double mean = Arrays.stream(a).average().orElse(Double.NaN);
            return switch (q.type()) {
                case NPS -> {
                    NpsStats.Nps nps = NpsStats.of(a);
                    yield new Figure("nps", a.length, nps.nps(), nps.lower(), nps.upper(), mean);
                }
                case CSAT -> {
                    Proportions.Csat c = Proportions.csat(a);
                    yield new Figure("top2", a.length, 100 * c.topTwoBox().share(), 100 * c.topTwoBox().lower(),
                            100 * c.topTwoBox().upper(), mean);
                }
                case CES -> {
                    Proportions.Ces c = Proportions.ces(a);
                    yield new Figure("easy", a.length, 100 * c.easy().share(), 100 * c.easy().lower(),
                            100 * c.easy().upper(), mean);
                }
                case YES_NO -> {
                    int yes = (int) Arrays.stream(a).filter(v -> v == 1).count();
                    Proportions.Share s = Proportions.wilson(yes, a.length, 0.95);
                    yield new Figure("yes", a.length, 100 * s.share(), 100 * s.lower(), 100 * s.upper(), mean);
                }
                default -> new Figure("mean", a.length, mean, Double.NaN, Double.NaN, mean);
            };
        }

        static String kind(Question q) {
            return switch (q.type()) {
                case NPS -> "nps";
                case CSAT -> "top2";
                case CES -> "easy";
                case YES_NO -> "yes";
                default -> "mean";
            };
        }
    }

    /** One question's results: overall, by month, by each grouping, and the counts of each answer. */
    public record QuestionResult(Question question, Figure overall, Map<YearMonth, Figure> byMonth,
                                 Map<String, Map<String, Figure>> byGroup, Map<String, Integer> counts) {
    }

    /** A free-text answer. */
    public record TextAnswer(String code, String text, String customer, java.time.Instant at) {
    }

    public record Results(Survey survey, long invitations, long answeredInvitations, int responses,
                          List<QuestionResult> questions, List<TextAnswer> texts, int followUps,
                          int followUpsClosed, Duration medianTimeToClose) {
        /** Answered invitations / invitations, or NaN without invitations. */
        public double responseRate() {
            return invitations == 0 ? Double.NaN : (double) answeredInvitations / invitations;
        }
    }

    @Transactional(readOnly = true)
    public Results of(long surveyId, String textSearch) {
        Survey survey = repository.byId(surveyId).orElseThrow(() -> new io.fidelis.app.shared.NotFoundException(
                "no survey " + surveyId));
        List<SurveyRepository.StoredResponse> responses = repository.responses(surveyId);
        Map<Long, CustomerRecord> people = customers.recordsForSystem(responses.stream()
                .map(SurveyRepository.StoredResponse::customerId).filter(java.util.Objects::nonNull).toList());
        Map<Long, String> stages = responses.stream().anyMatch(r -> r.customerId() != null) ? loyalty.stages()
                : Map.of();
        Map<String, Function<SurveyRepository.StoredResponse, String>> groupings = new LinkedHashMap<>();
        groupings.put("segment", r -> attribute(people.get(r.customerId()), CustomerRecord::segment));
        groupings.put("region", r -> attribute(people.get(r.customerId()), CustomerRecord::region));
        groupings.put("accountManager", r -> attribute(people.get(r.customerId()), CustomerRecord::accountManager));
        groupings.put("stage", r -> r.customerId() == null ? null : stages.get(r.customerId()));
        // A mystery-shopper checklist compares the stores visited; an employee pulse the teams.
        for (Question q : survey.questions()) {
            if (q.code().equals("SUBJECT") && q.type() == QuestionType.SINGLE) {
                groupings.put("subject", r -> choice(q, r.answers().get("SUBJECT")));
            }
            if (q.code().equals("TEAM")) {
                groupings.put("team", r -> r.answers().get("TEAM") == null ? null
                        : r.answers().get("TEAM").text());
            }
        }
        List<QuestionResult> results = new ArrayList<>();
        List<TextAnswer> texts = new ArrayList<>();
        String needle = textSearch == null || textSearch.isBlank() ? null : textSearch.strip().toLowerCase(Locale.ROOT);
        for (Question q : survey.questions()) {
            if (q.type() == QuestionType.TEXT) {
                for (SurveyRepository.StoredResponse r : responses) {
                    Answer a = r.answers().get(q.code());
                    if (a != null && a.text() != null
                            && (needle == null || a.text().toLowerCase(Locale.ROOT).contains(needle))) {
                        CustomerRecord c = people.get(r.customerId());
                        texts.add(new TextAnswer(q.code(), a.text(), c == null ? null : c.externalId(),
                                r.submittedAt()));
                    }
                }
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            if (q.type().choice()) {
                for (String choice : q.choicesEn()) {
                    counts.put(choice, 0);
                }
                for (SurveyRepository.StoredResponse r : responses) {
                    Answer a = r.answers().get(q.code());
                    if (a == null) {
                        continue;
                    }
                    for (int i : positions(a)) {
                        if (i >= 0 && i < q.choicesEn().size()) {
                            counts.merge(q.choicesEn().get(i), 1, Integer::sum);
                        }
                    }
                }
                results.add(new QuestionResult(q, null, Map.of(), Map.of(), counts));
                continue;
            }
            List<Integer> all = new ArrayList<>();
            TreeMap<YearMonth, List<Integer>> months = new TreeMap<>();
            Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
            for (SurveyRepository.StoredResponse r : responses) {
                Answer a = r.answers().get(q.code());
                if (a == null || a.number() == null) {
                    continue;
                }
                int v = a.number().intValue();
                all.add(v);
                counts.merge(Integer.toString(v), 1, Integer::sum);
                months.computeIfAbsent(YearMonth.from(r.submittedAt().atOffset(ZoneOffset.UTC)),
                        m -> new ArrayList<>()).add(v);
                for (var g : groupings.entrySet()) {
                    String key = g.getValue().apply(r);
                    if (key != null) {
                        groups.computeIfAbsent(g.getKey(), k -> new TreeMap<>())
                                .computeIfAbsent(key, k -> new ArrayList<>()).add(v);
                    }
                }
            }
            Map<YearMonth, Figure> byMonth = new LinkedHashMap<>();
            months.forEach((m, v) -> byMonth.put(m, Figure.of(q, v)));
            Map<String, Map<String, Figure>> byGroup = new LinkedHashMap<>();
            groups.forEach((g, m) -> {
                Map<String, Figure> f = new LinkedHashMap<>();
                // Employees answer anonymously: a team with fewer than MIN_GROUP answers is not shown.
                m.forEach((k, v) -> {
                    if (survey.audience() != Audience.EMPLOYEE || v.size() >= MIN_GROUP) {
                        f.put(k, Figure.of(q, v));
                    }
                });
                byGroup.put(g, f);
            });
            results.add(new QuestionResult(q, Figure.of(q, all), byMonth, byGroup, counts));
        }
        texts.sort((a, b) -> b.at().compareTo(a.at()));
        List<FollowUps.FollowUp> loop = followUps.rows(repository.followUpsOfSurvey(surveyId));
        List<Duration> closed = loop.stream().map(FollowUps.FollowUp::timeToClose)
                .filter(java.util.Objects::nonNull).sorted().toList();
        Duration median = closed.isEmpty() ? null : closed.get(closed.size() / 2);
        return new Results(survey, repository.invitations(surveyId), repository.answeredInvitations(surveyId),
                responses.size(), results, texts.size() > 500 ? texts.subList(0, 500) : texts, loop.size(),
                closed.size(), median);
    }

    private static String attribute(CustomerRecord c, Function<CustomerRecord, String> f) {
        return c == null ? null : f.apply(c);
    }

    private static String choice(Question q, Answer a) {
        if (a == null || a.number() == null) {
            return null;
        }
        int i = a.number().intValue();
        return i >= 0 && i < q.choicesEn().size() ? q.choicesEn().get(i) : null;
    }

    private static int[] positions(Answer a) {
        if (a.number() != null) {
            return new int[] {a.number().intValue()};
        }
        if (a.text() == null || a.text().isBlank()) {
            return new int[0];
        }
        return Arrays.stream(a.text().split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * Every response as a CSV row: response id, time, channel, language, customer, then one column per question
     * (a choice by its English text; several joined with "; ").
     */
    @Transactional(readOnly = true)
    public void export(long surveyId, Writer out) {
        Survey survey = repository.byId(surveyId).orElseThrow(() -> new io.fidelis.app.shared.NotFoundException(
                "no survey " + surveyId));
        try {
            out.write('\uFEFF'); // so that spreadsheets read the Chinese text as UTF-8
            List<String> header = new ArrayList<>(List.of("response_id", "submitted_at", "channel", "language",
                    "customer_id"));
            survey.questions().forEach(q -> header.add(q.code()));
            out.write(String.join(",", header.stream().map(SurveyResults::csv).toList()));
            out.write("\r\n");
            List<SurveyRepository.StoredResponse> all = repository.responses(surveyId);
            Map<Long, CustomerRecord> people = customers.recordsForSystem(all.stream()
                    .map(SurveyRepository.StoredResponse::customerId).filter(java.util.Objects::nonNull).toList());
            for (SurveyRepository.StoredResponse r : all) {
                List<String> row = new ArrayList<>();
                row.add(Long.toString(r.id()));
                row.add(r.submittedAt().toString());
                row.add(r.channel());
                row.add(r.language());
                CustomerRecord c = r.customerId() == null ? null : people.get(r.customerId());
                row.add(c == null ? "" : c.externalId());
                for (Question q : survey.questions()) {
                    Answer a = r.answers().get(q.code());
                    row.add(a == null ? "" : value(q, a));
                }
                out.write(String.join(",", row.stream().map(SurveyResults::csv).toList()));
                out.write("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(Question q, Answer a) {
        if (q.type().choice()) {
            List<String> names = new ArrayList<>();
            for (int i : positions(a)) {
                names.add(i >= 0 && i < q.choicesEn().size() ? q.choicesEn().get(i) : Integer.toString(i));
            }
            return String.join("; ", names);
        }
        return a.number() != null ? a.number().stripTrailingZeros().toPlainString() : a.text();
    }

    /** RFC 4180 quoting, and a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?") ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
