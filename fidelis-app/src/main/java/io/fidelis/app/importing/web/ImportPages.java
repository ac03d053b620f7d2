package io.fidelis.app.importing.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.core.csv.Decompressing;
import io.fidelis.app.importing.ImportKind;
import io.fidelis.app.importing.ImportRuns;
import io.fidelis.app.importing.ImportingCsv;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.core.csv.Field;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import page: upload a CSV (plain or gzip), map its columns to Fidelis fields with a preview of the first rows
 * (the same mapping as {@code fidelis import --map}), run it, watch its progress, and see the rejected rows.
 */
@Controller
class ImportPages {
    static final int PREVIEW_ROWS = 5;
    static final int REJECTS_SHOWN = 100;

    private final ImportJobs jobs;
    private final ImportingCsv importer;
    private final ImportRuns runs;
    private final CurrentStaff current;

    ImportPages(ImportJobs jobs, ImportingCsv importer, ImportRuns runs, CurrentStaff current) {
        this.jobs = jobs;
        this.importer = importer;
        this.runs = runs;
        this.current = current;
    }

    @GetMapping("/imports")
    String start(Model model) {
        model.addAttribute("kinds", ImportKind.values());
        model.addAttribute("runs", runs.latest(20));
        return "importing/start";
    }

    @PostMapping("/imports")
    String upload(@RequestParam String kind, @RequestParam("file") MultipartFile file) throws IOException {
        ImportKind k = kind(kind);
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "choose a CSV file to upload");
        }
        ImportJobs.Job job;
        try (InputStream in = file.getInputStream()) {
            job = jobs.upload(current.actor(), k, file.getOriginalFilename(), in);
        }
        return "redirect:/imports/" + job.id;
    }

    /** A preview of the file: its headers and first rows. */
    record Preview(List<String> headers, List<List<String>> rows, String problem) {
    }

    @GetMapping("/imports/{id}")
    String job(@PathVariable String id, Model model) {
        ImportJobs.Job job = job(id);
        model.addAttribute("job", job);
        if (job.started) {
            model.addAttribute("rejects", rejects(job));
            return "importing/job";
        }
        Preview preview = preview(job.file);
        List<Field> fields = importer.fieldsOf(job.kind);
        Map<String, String> suggested = new LinkedHashMap<>();
        for (Field f : fields) {
            suggested.put(f.name(), preview.headers().stream().filter(h -> h.equalsIgnoreCase(f.name())).findFirst()
                    .orElse(""));
        }
        model.addAttribute("preview", preview);
        model.addAttribute("fields", fields);
        model.addAttribute("suggested", suggested);
        return "importing/mapping";
    }

    @PostMapping("/imports/{id}")
    String run(@PathVariable String id, @RequestParam Map<String, String> form) {
        ImportJobs.Job job = job(id);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Field f : importer.fieldsOf(job.kind)) {
            String header = form.get("map." + f.name());
            if (header != null && !header.isBlank()) {
                mapping.put(f.name(), header);
            }
        }
        ZoneId zone;
        String z = form.getOrDefault("zone", "");
        try {
            zone = z.isBlank() ? null : ZoneId.of(z.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "not a time zone: '" + z + "'");
        }
        String format = form.getOrDefault("timestampFormat", "");
        jobs.start(job, mapping, "true".equals(form.get("skipInvalid")), zone, format.isBlank() ? null : format);
        return "redirect:/imports/" + id;
    }

    /** The progress, then the result, as an htmx fragment that polls itself until the import ends. */
    @GetMapping("/imports/{id}/status")
    String status(@PathVariable String id, Model model) {
        model.addAttribute("job", job(id));
        model.addAttribute("rejects", rejects(job(id)));
        return "importing/job :: status";
    }

    @GetMapping("/imports/{id}/rejects.csv")
    ResponseEntity<Resource> rejectsFile(@PathVariable String id) {
        Path file = jobs.rejectsOf(job(id));
        if (!Files.exists(file)) {
            throw new NotFoundException("this import has no rejected rows file");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejects.csv\"")
                .body(new FileSystemResource(file));
    }

    private ImportJobs.Job job(String id) {
        return jobs.find(id, current.actor()).orElseThrow(() -> new NotFoundException("no such upload"));
    }

    private Preview rejects(ImportJobs.Job job) {
        Path file = jobs.rejectsOf(job);
        return job.isDone() && Files.exists(file) ? read(file, REJECTS_SHOWN) : null;
    }

    static Preview preview(Path file) {
        return read(file, PREVIEW_ROWS);
    }

    static Preview read(Path file, int rows) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             Reader reader = new InputStreamReader(Decompressing.ifGzip(raw), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            List<String> headers = new ArrayList<>();
            List<List<String>> body = new ArrayList<>();
            for (CSVRecord r : csv) {
                List<String> values = r.toList();
                if (headers.isEmpty() && body.isEmpty() && r.getRecordNumber() == 1) {
                    values.replaceAll(v -> v.replace("\uFEFF", "").strip());
                    headers.addAll(values);
                    continue;
                }
                body.add(values);
                if (body.size() >= rows) {
                    break;
                }
            }
            return new Preview(headers, body, null);
        } catch (IOException | RuntimeException e) {
            return new Preview(List.of(), List.of(), "cannot read the file as CSV: " + e.getMessage());
        }
    }


    private static ImportKind kind(String kind) {
        try {
            return ImportKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "customers, products or purchases");
        }
    }
}
