package io.fidelis.app.importing.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.app.importing.ImportFile;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportSummary;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "CSV imports, the same as `fidelis import`")
class ImportController {
    private final ImportingCsv importer;
    private final CurrentStaff current;
    private final Path uploads;

    ImportController(ImportingCsv importer, CurrentStaff current, @Value("${fidelis.data-dir}") String dataDir) {
        this.importer = importer;
        this.current = current;
        this.uploads = Path.of(dataDir, "uploads");
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a CSV file (plain or gzip) of customers, products or purchases",
            description = "map: repeatable field=Header. With skipInvalid the valid rows are imported; otherwise "
                    + "any invalid row rejects the whole file (422) and nothing changes.")
    ResponseEntity<?> upload(@PathVariable String kind, @RequestParam("file") MultipartFile file,
                                         @RequestParam(name = "map", required = false) List<String> map,
                                         @RequestParam(defaultValue = "false") boolean skipInvalid,
                                         @RequestParam(required = false) String zone,
                                         @RequestParam(required = false) String timestampFormat) throws IOException {
        ImportKind importKind;
        try {
            importKind = ImportKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such import: '" + kind + "' (customers, products or purchases)");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        if (map != null) {
            for (String m : map) {
                int eq = m.indexOf('=');
                if (eq <= 0 || eq == m.length() - 1) {
                    throw new InvalidInputException("map", "expected field=Header, got '" + m + "'");
                }
                mapping.put(m.substring(0, eq).strip(), m.substring(eq + 1).strip());
            }
        }
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? null : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "not a time zone: '" + zone + "'");
        }
        Files.createDirectories(uploads);
        String original = ImportJobs.safeName(file.getOriginalFilename());
        Path dir = Files.createTempDirectory(uploads, "import-");
        Path target = dir.resolve(original);
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            ImportSummary summary = importer.importFile(new ImportFile(importKind, target, mapping, skipInvalid,
                    zoneId, timestampFormat, current.actor(), null));
            // The server's paths are not the client's business; the first rejected rows are in "errors".
            ImportSummary answer = new ImportSummary(summary.kind(), original, summary.outcome(), summary.read(),
                    summary.imported(), summary.updated(), summary.unchanged(), summary.rejected(),
                    summary.seconds(), summary.errors(), null, summary.ignoredColumns());
            if (answer.accepted()) {
                return ResponseEntity.ok(answer);
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the file was rejected and nothing was changed: " + answer.rejected() + " invalid row(s)");
            problem.setTitle("Import rejected");
            problem.setProperty("errors", answer.errors());
            problem.setProperty("read", answer.read());
            problem.setProperty("rejected", answer.rejected());
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
