package io.fidelis.app.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.app.importing.ImportFailedException;
import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.core.csv.RowError;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a CSV file (plain or .gz) of customers, products, purchases, deliveries or subscriptions.",
                "The file is imported whole or not at all; importing it again changes nothing.",
                "Exit code: 0 imported, 1 rejected or failed (nothing changed), 2 usage error."})
class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "customers, products, purchases, deliveries or subscriptions")
    ImportKind kind;

    @Parameters(index = "1", description = "the CSV file")
    Path file;

    @Option(names = "--map", paramLabel = "field=Header",
            description = "Read a field from a column with another name (repeatable), "
                    + "e.g. --map order_id=InvoiceNo. Unmapped columns are then ignored.")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--skip-invalid",
            description = "Import the valid rows; write the others to FILE.rejects.csv with a reason.")
    boolean skipInvalid;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone of timestamps written without an offset (default UTC).")
    ZoneId zone;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "A java.time pattern for timestamps, e.g. \"M/d/yyyy H:mm\" (default: ISO forms).")
    String timestampFormat;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
            ImportingCsv importer = context.getBean(ImportingCsv.class);
            ImportSummary summary = importer.importFile(new ImportFile(kind, file, mapping, skipInvalid, zone,
                    timestampFormat, "cli:" + System.getProperty("user.name", "unknown"),
                    json ? null : new ConsoleProgress(kind.label())));
            if (json) {
                System.out.println(context.getBean(JsonMapper.class).writeValueAsString(summary));
            } else {
                print(summary);
            }
            return summary.accepted() ? 0 : 1;
        } catch (ImportFailedException e) {
            System.err.println("Not imported, nothing was changed: " + e.getMessage());
            return 1;
        }
    }

    static void print(ImportSummary s) {
        if (s.accepted()) {
            System.out.printf("%s %s: read %,d, imported %,d, updated %,d, unchanged %,d, rejected %,d"
                            + " in %.1f s (%,.0f rows/s)%n", s.kind().label(), s.file(), s.read(), s.imported(),
                    s.updated(), s.unchanged(), s.rejected(), s.seconds(), s.rowsPerSecond());
        } else {
            System.out.printf("%s %s: REJECTED, nothing was changed (%,d rows read, %,d invalid)%n",
                    s.kind().label(), s.file(), s.read(), s.rejected());
        }
        List<RowError> errors = s.errors();
        int shown = Math.min(errors.size(), 20);
        for (int i = 0; i < shown; i++) {
            System.out.println("  " + errors.get(i).message());
        }
        if (s.rejected() > shown) {
            System.out.printf("  ... %,d invalid rows in all%s%n", s.rejected(),
                    s.rejectsFile() != null ? "; see " + s.rejectsFile() : "");
        } else if (s.rejectsFile() != null) {
            System.out.println("  rejected rows: " + s.rejectsFile());
        }
        if (!s.ignoredColumns().isEmpty()) {
            System.out.println("  ignored columns: " + String.join(", ", s.ignoredColumns()));
        }
        if (!s.accepted() && s.rejected() > 0 && s.rejectsFile() == null) {
            System.out.println("  Fix the rows, or use --skip-invalid to import the valid ones.");
        }
    }
}
