package io.fidelis.app.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.core.demo.DemoBusiness;
import io.fidelis.core.demo.DemoFiles;
import io.fidelis.core.demo.DemoOptions;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a demo business, load it into the database and start the server.",
                "The same --seed and --as-of always give the same business; loading it again changes nothing."})
class DemoCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "" + DemoOptions.DEFAULT_CUSTOMERS,
            description = "Number of customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", defaultValue = "" + DemoOptions.DEFAULT_SEED, description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", description = "Last day of the generated history (default: the day of the first demo"
            + " load in this data directory, else today, UTC).")
    LocalDate asOf;

    @Option(names = "--no-serve", description = "Load the demo and exit without starting the server.")
    boolean noServe;

    /**
     * The last day of the demo history: --as-of, else the day the demo was first loaded into this data directory
     * (so that loading it again on a later day changes nothing), else today.
     */
    private LocalDate demoDay(Path dir) throws java.io.IOException {
        Path remembered = dir.resolve("as-of.txt");
        LocalDate day = asOf;
        if (day == null && java.nio.file.Files.exists(remembered)) {
            day = LocalDate.parse(java.nio.file.Files.readString(remembered).strip());
        }
        if (day == null) {
            day = LocalDate.now(ZoneOffset.UTC);
        }
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(remembered, day + "\n");
        return day;
    }

    @Override
    public Integer call() throws Exception {
        if (customers < 1) {
            System.err.println("--customers must be at least 1");
            return 2;
        }
        if (!noServe) {
            ServeCommand.serving = true;
        }
        ConfigurableApplicationContext context = Contexts.start(!noServe, Map.of());
        try {
            Environment env = context.getEnvironment();
            Path dir = Path.of(env.getProperty("fidelis.data-dir", "./data"), "demo");
            LocalDate end = demoDay(dir);
            System.out.printf("Generating a demo business: %,d customers, seed %d, up to %s ...%n", customers, seed,
                    end);
            DemoFiles files = DemoBusiness.of(DemoOptions.of(customers, seed, end)).writeTo(dir);
            ImportingCsv importer = context.getBean(ImportingCsv.class);
            Map<ImportKind, Path> order = new LinkedHashMap<>();
            order.put(ImportKind.PRODUCTS, files.products());
            order.put(ImportKind.CUSTOMERS, files.customers());
            order.put(ImportKind.PURCHASES, files.purchases());
            order.put(ImportKind.DELIVERIES, files.deliveries());
            order.put(ImportKind.SUBSCRIPTIONS, io.fidelis.core.demo.DemoSubscriptions.write(dir, customers, seed,
                    end));
            for (Map.Entry<ImportKind, Path> e : order.entrySet()) {
                ImportSummary s = importer.importFile(new ImportFile(e.getKey(), e.getValue(), Map.of(), false, null,
                        null, "demo", new ConsoleProgress(e.getKey().label())));
                ImportCommand.print(s);
                if (!s.accepted()) {
                    ServeCommand.serving = false;
                    return 1;
                }
            }
            Map<String, String> teams = new LinkedHashMap<>();
            DemoBusiness.ACCOUNT_MANAGERS.forEach(m -> teams.put(m, DemoBusiness.teamOf(m)));
            io.fidelis.app.survey.LoadingDemoSurveys.Loaded surveys = context.getBean(
                    io.fidelis.app.survey.LoadingDemoSurveys.class).load(files.surveyAnswers(), teams);
            System.out.println(surveys.alreadyLoaded() ? "Demo surveys: already loaded"
                    : String.format("Demo surveys: %d surveys, %,d answers, %,d follow-ups", surveys.surveys(),
                    surveys.responses(), surveys.followUps()));
            int complaints = context.getBean(io.fidelis.app.complaint.LoadingDemoComplaints.class)
                    .load(files.complaints());
            System.out.println(complaints == 0 ? "Demo complaints: already loaded"
                    : String.format("Demo complaints: %,d", complaints));
            io.fidelis.app.loyalty.ScoringRun run = context.getBean(io.fidelis.app.loyalty.LoyaltyScoring.class)
                    .scoreAll();
            System.out.printf("Scored %,d customers (loyalty stages %s) in %.1f s%n", run.customers(), run.stages(),
                    run.seconds());
            io.fidelis.app.visit.LoadingDemoContacts.Loaded contacts = context.getBean(
                    io.fidelis.app.visit.LoadingDemoContacts.class).load(end, seed);
            int lost = context.getBean(io.fidelis.app.winback.LoadingDemoLostCases.class).load(end, seed);
            io.fidelis.app.programme.LoadingDemoProgramme.Loaded members = context.getBean(
                    io.fidelis.app.programme.LoadingDemoProgramme.class).load(end, seed);
            System.out.println(contacts.contacts() == 0 && lost == 0 && members.members() == 0
                    ? "Demo relationships: already loaded"
                    : String.format("Demo relationships: %,d contacts, %,d follow-ups, %,d lost-customer cases,"
                    + " %,d programme members, %,d rewards redeemed", contacts.contacts(), contacts.tasks(), lost,
                    members.members(), members.redemptions()));
            io.fidelis.app.suggestion.LoadingDemoSuggestions.Loaded ideas = context.getBean(
                    io.fidelis.app.suggestion.LoadingDemoSuggestions.class).load(end, seed);
            System.out.println(ideas.suggestions() == 0 ? "Demo suggestions: already loaded"
                    : String.format("Demo suggestions: %,d suggestions in %,d improvement items", ideas.suggestions(),
                    ideas.items()));
            if (noServe) {
                System.out.println("Demo loaded into " + env.getProperty("spring.datasource.url"));
                return 0;
            }
            Banner.printReady(context);
            return 0;
        } finally {
            if (noServe) {
                context.close();
            }
        }
    }
}
