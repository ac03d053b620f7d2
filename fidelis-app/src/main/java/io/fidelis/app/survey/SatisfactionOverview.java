package io.fidelis.app.survey;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.core.pls.EcsiModel;
import io.fidelis.core.pls.FittedPlsPm;
import io.fidelis.core.pls.IndexWeighting;
import io.fidelis.core.pls.Ipma;
import io.fidelis.core.pls.PlsData;
import io.fidelis.core.pls.PlsModel;
import io.fidelis.core.pls.PlsPm;
import io.fidelis.core.stats.NpsStats;
import io.fidelis.core.stats.Proportions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The satisfaction page's figures across surveys: NPS and CSAT month by month with their intervals (customers'
 * answers to every survey that asks them); the ECSI/ACSI index estimated by PLS path modelling from the latest
 * such survey with enough complete answers, with its path coefficients and the importance-performance map; the
 * employee pulse by team next to the satisfaction of the customers that team's account managers look after (seed
 * 002: satisfied employees make satisfied customers); and the mystery-shopper benchmark of our store against the
 * competitors on the same items.
 */
@Service
public class SatisfactionOverview {
    /** Fewer complete ECSI answers than this and the index is not estimated (too few for the 24 items). */
    public static final int MIN_ECSI_RESPONSES = 30;

    private final SurveyRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;

    SatisfactionOverview(SurveyRepository repository, CustomerManagement customers, StaffDirectory staff) {
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
    }

    /** One month's figure with its 95 % interval. */
    public record Point(YearMonth month, int n, double value, double lower, double upper) {
    }

    /** The satisfaction index: which survey, how many answers, paths, R², 0–100 index and IPMA on satisfaction. */
    public record Index(long surveyId, String template, int respondents, boolean converged,
                        Map<String, Double> paths, Map<String, Double> rSquared, Map<String, Double> index,
                        Ipma ipma) {
    }

    /** A team's pulse (eNPS and mean ratings) and their customers' CSAT top-2-box share. */
    public record Team(String team, int pulseAnswers, double enps, Map<String, Double> ratings, int csatAnswers,
                       double csatTop2) {
    }

    /** Mean score per item (rows) and store (columns), with the number of visits per store. */
    public record Benchmark(List<String> items, List<String> subjects, Map<String, Map<String, Double>> means,
                            Map<String, Integer> visits) {
    }

    public record Overview(List<Point> nps, List<Point> csat, Index index, String indexNote, List<Team> teams,
                           Benchmark benchmark) {
    }

    @Transactional(readOnly = true)
    public Overview overview() {
        List<Survey> surveys = repository.all();
        Map<YearMonth, List<Integer>> nps = new TreeMap<>();
        Map<YearMonth, List<Integer>> csat = new TreeMap<>();
        // Customers' CSAT by customer (for the teams).
        Map<Long, List<Integer>> csatByCustomer = new HashMap<>();
        Survey ecsi = null;
        List<SurveyRepository.StoredResponse> ecsiResponses = List.of();
        Map<String, List<Map<String, Answer>>> pulseByTeam = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Survey shopper = null;
        List<SurveyRepository.StoredResponse> shopperResponses = List.of();
        for (Survey s : surveys) {
            List<SurveyRepository.StoredResponse> responses = repository.responses(s.id());
            if (s.audience() == Audience.CUSTOMER) {
                for (Question q : s.questions()) {
                    if (q.type() != QuestionType.NPS && q.type() != QuestionType.CSAT) {
                        continue;
                    }
                    for (SurveyRepository.StoredResponse r : responses) {
                        Answer a = r.answers().get(q.code());
                        if (a == null || a.number() == null) {
                            continue;
                        }
                        YearMonth m = YearMonth.from(r.submittedAt().atOffset(ZoneOffset.UTC));
                        (q.type() == QuestionType.NPS ? nps : csat).computeIfAbsent(m, k -> new ArrayList<>())
                                .add(a.number().intValue());
                        if (q.type() == QuestionType.CSAT && r.customerId() != null) {
                            csatByCustomer.computeIfAbsent(r.customerId(), k -> new ArrayList<>())
                                    .add(a.number().intValue());
                        }
                    }
                }
                if ((s.template().equals("ecsi") || s.template().equals("acsi")) && responses.size()
                        >= MIN_ECSI_RESPONSES && (ecsi == null || s.createdAt().isAfter(ecsi.createdAt()))) {
                    ecsi = s;
                    ecsiResponses = responses;
                }
            } else if (s.audience() == Audience.EMPLOYEE) {
                for (SurveyRepository.StoredResponse r : responses) {
                    Answer team = r.answers().get("TEAM");
                    if (team != null && team.text() != null && !team.text().isBlank()) {
                        pulseByTeam.computeIfAbsent(team.text().strip(), k -> new ArrayList<>()).add(r.answers());
                    }
                }
            } else if (s.audience() == Audience.MYSTERY_SHOPPER && s.question("SUBJECT").isPresent()
                    && (shopper == null || s.createdAt().isAfter(shopper.createdAt()))) {
                shopper = s;
                shopperResponses = responses;
            }
        }
        Index index = null;
        String note = null;
        if (ecsi != null) {
            try {
                index = index(ecsi, ecsiResponses);
            } catch (IllegalArgumentException e) {
                note = e.getMessage();
            }
        }
        return new Overview(points(nps, true), points(csat, false), index, note, teams(pulseByTeam, csatByCustomer),
                shopper == null ? null : benchmark(shopper, shopperResponses));
    }

    private static List<Point> points(Map<YearMonth, List<Integer>> byMonth, boolean nps) {
        List<Point> out = new ArrayList<>();
        byMonth.forEach((m, answers) -> {
            int[] a = answers.stream().mapToInt(Integer::intValue).toArray();
            if (nps) {
                NpsStats.Nps n = NpsStats.of(a);
                out.add(new Point(m, a.length, n.nps(), n.lower(), n.upper()));
            } else {
                Proportions.Share s = Proportions.csat(a).topTwoBox();
                out.add(new Point(m, a.length, 100 * s.share(), 100 * s.lower(), 100 * s.upper()));
            }
        });
        return out;
    }

    /** The ECSI (or ACSI) model fitted on the complete answers (casewise), standardised, path weighting. */
    static Index index(Survey survey, List<SurveyRepository.StoredResponse> responses) {
        PlsModel model = survey.template().equals("acsi") ? EcsiModel.acsi() : EcsiModel.mobi();
        List<String> items = new ArrayList<>();
        model.constructs().forEach(c -> items.addAll(model.items(c)));
        double[][] rows = new double[responses.size()][items.size()];
        for (int i = 0; i < responses.size(); i++) {
            for (int j = 0; j < items.size(); j++) {
                Answer a = responses.get(i).answers().get(items.get(j));
                rows[i][j] = a == null || a.number() == null ? Double.NaN : a.number().doubleValue();
            }
        }
        FittedPlsPm fit = PlsPm.fit(PlsData.ofRows(items, rows), model, PlsPm.Options.defaults()
                .withMissingValues(PlsPm.MissingValues.CASEWISE_DELETION));
        Map<String, Double> paths = new LinkedHashMap<>();
        fit.pathCoefficients().forEach((p, v) -> paths.put(p.from() + "->" + p.to(), v));
        return new Index(survey.id(), survey.template(), fit.rowsUsed().length, fit.converged(), paths, fit.rSquared(),
                fit.index(IndexWeighting.ITEM_METRIC, 1, 10), fit.ipma(EcsiModel.SATISFACTION, 1, 10));
    }

    private List<Team> teams(Map<String, List<Map<String, Answer>>> pulse, Map<Long, List<Integer>> csatByCustomer) {
        Map<Long, String> teamOfStaff = staff.teams();
        Map<String, String> teamOfManager = new HashMap<>();
        for (StaffMember m : staff.list()) {
            String t = teamOfStaff.get(m.id());
            if (t != null) {
                teamOfManager.put(m.username(), t.toLowerCase(Locale.ROOT));
            }
        }
        Map<String, int[]> csatByTeam = new HashMap<>(); // team → {answers, top-2}
        Map<Long, CustomerRecord> people = customers.recordsForSystem(csatByCustomer.keySet());
        csatByCustomer.forEach((customer, answers) -> {
            CustomerRecord who = people.get(customer);
            String team = who == null || who.accountManager() == null ? null
                    : teamOfManager.get(who.accountManager());
            if (team != null) {
                int[] c = csatByTeam.computeIfAbsent(team, k -> new int[2]);
                for (int a : answers) {
                    c[0]++;
                    c[1] += a >= 4 ? 1 : 0;
                }
            }
        });
        List<Team> out = new ArrayList<>();
        pulse.forEach((team, answers) -> {
            if (answers.size() < SurveyResults.MIN_GROUP) {
                return; // too few to stay anonymous
            }
            List<Integer> enps = new ArrayList<>();
            Map<String, double[]> ratings = new LinkedHashMap<>();
            for (Map<String, Answer> a : answers) {
                a.forEach((code, v) -> {
                    if (v.number() == null || code.equals("TEAM")) {
                        return;
                    }
                    if (code.equals("ENPS")) {
                        enps.add(v.number().intValue());
                    } else {
                        double[] s = ratings.computeIfAbsent(code, k -> new double[2]);
                        s[0] += v.number().doubleValue();
                        s[1]++;
                    }
                });
            }
            Map<String, Double> means = new TreeMap<>();
            ratings.forEach((k, s) -> means.put(k, s[0] / s[1]));
            int[] c = csatByTeam.getOrDefault(team.toLowerCase(Locale.ROOT), new int[2]);
            out.add(new Team(team, answers.size(), enps.isEmpty() ? Double.NaN
                    : NpsStats.of(enps.stream().mapToInt(Integer::intValue).toArray()).nps(), means, c[0],
                    c[0] == 0 ? Double.NaN : 100.0 * c[1] / c[0]));
        });
        return out;
    }

    private static Benchmark benchmark(Survey s, List<SurveyRepository.StoredResponse> responses) {
        Question subject = s.question("SUBJECT").orElseThrow();
        List<String> subjects = subject.choicesEn();
        List<String> items = s.questions().stream().filter(q -> q.type() == QuestionType.RATING)
                .map(Question::code).toList();
        Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
        Map<String, Integer> visits = new LinkedHashMap<>();
        subjects.forEach(x -> visits.put(x, 0));
        for (SurveyRepository.StoredResponse r : responses) {
            Answer a = r.answers().get("SUBJECT");
            if (a == null || a.number() == null || a.number().intValue() >= subjects.size()) {
                continue;
            }
            String who = subjects.get(a.number().intValue());
            visits.merge(who, 1, Integer::sum);
            for (String item : items) {
                Answer v = r.answers().get(item);
                if (v != null && v.number() != null) {
                    double[] acc = sums.computeIfAbsent(item, k -> new LinkedHashMap<>())
                            .computeIfAbsent(who, k -> new double[2]);
                    acc[0] += v.number().doubleValue();
                    acc[1]++;
                }
            }
        }
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (String item : items) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String who : subjects) {
                double[] acc = sums.getOrDefault(item, Map.of()).get(who);
                row.put(who, acc == null ? Double.NaN : acc[0] / acc[1]);
            }
            means.put(item, row);
        }
        return new Benchmark(items, subjects, means, visits);
    }

    /** One answer of a customer: who, when, the value. */
    public record Score(long customerId, java.time.Instant at, double value) {
    }

    /** Every NPS answer (0–10) of every customer, oldest first; for improvement effects and supply (system use). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<Score> npsScores() {
        List<Score> out = new java.util.ArrayList<>();
        repository.eachScore(QuestionType.NPS, (c, at, v) -> out.add(new Score(c, at, v)));
        return out;
    }

    /** Every CSAT answer of every customer, oldest first; for the supply analytics (system use, not scoped). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<Score> csatScores() {
        List<Score> out = new java.util.ArrayList<>();
        repository.eachScore(QuestionType.CSAT, (c, at, v) -> out.add(new Score(c, at, v)));
        return out;
    }
}
