package io.fidelis.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Samples the server's own metrics (Prometheus, as an admin token) while the load runs: heap used, the old
 * generation, live data after the last collection, the connection pool's active, idle and waiting connections, and
 * live threads, and the overload limit's requests in hand and turned away (503, counted since the server
 * started). Writes them to a CSV and summarises them per window, so "heap and pool stay flat" is a reading, not
 * an impression: the heap's floor (the least heap used in a window, after the collections in it) at the start and
 * at the end of the run, and the pool's highest use and waiters.
 */
final class ServerMetrics implements AutoCloseable {
    /** One sample: seconds since the start, then the readings. */
    record Sample(double second, double heapUsed, double oldGen, double liveData, double poolActive,
                  double poolIdle, double poolPending, double threads, double requestsActive,
                  double turnedAway) {
    }

    private final String base;
    private final String token;
    private final Duration every;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final long started = System.nanoTime();
    private int failures;

    ServerMetrics(String base, String token, Duration every) {
        this.base = base;
        this.token = token;
        this.every = every;
        this.thread = new Thread(this::run, "server-metrics");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Sample s = sample();
                synchronized (samples) {
                    samples.add(s);
                }
            } catch (IOException e) {
                failures++;
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Sample sample() throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("metrics answered " + r.statusCode());
        }
        double heap = 0;
        double old = 0;
        double live = 0;
        double active = 0;
        double idle = 0;
        double pending = 0;
        double threads = 0;
        double requestsActive = 0;
        double turnedAway = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            double v = value(line);
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += v;
                if (line.contains("Old Gen") || line.contains("Tenured")) {
                    old += v;
                }
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = v;
            } else if (line.startsWith("hikaricp_connections_active{")) {
                active += v;
            } else if (line.startsWith("hikaricp_connections_idle{")) {
                idle += v;
            } else if (line.startsWith("hikaricp_connections_pending{")) {
                pending += v;
            } else if (line.startsWith("jvm_threads_live_threads")) {
                threads = v;
            } else if (line.startsWith("fidelis_requests_active")) {
                requestsActive = v;
            } else if (line.startsWith("fidelis_requests_turned_away_total")) {
                turnedAway += v;
            }
        }
        return new Sample((System.nanoTime() - started) / 1e9, heap, old, live, active, idle, pending, threads,
                requestsActive, turnedAway);
    }

    private static double value(String line) {
        int space = line.lastIndexOf(' ');
        try {
            return Double.parseDouble(line.substring(space + 1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }

    /** Writes the samples to {@code file} and returns the summary printed after the run. */
    String report(Path file, int windows) throws IOException {
        List<Sample> all = samples();
        Files.createDirectories(file.getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("second,heap_used_mb,old_gen_mb,live_data_mb,pool_active,pool_idle,pool_pending,threads,"
                    + "requests_active,turned_away");
            for (Sample s : all) {
                out.printf(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f%n", s.second(),
                        mb(s.heapUsed()), mb(s.oldGen()), mb(s.liveData()), s.poolActive(), s.poolIdle(),
                        s.poolPending(), s.threads(), s.requestsActive(), s.turnedAway());
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Server metrics: %d samples every %d s (%d failed), in %s%n", all.size(), every.toSeconds(),
                failures, file));
        if (all.isEmpty()) {
            return text.toString();
        }
        text.append("window     heap floor MB  heap max MB  old gen floor MB  pool active max  pool pending max"
                + "  threads max  in hand max  turned away\n");
        int per = Math.max(1, (int) Math.ceil(all.size() / (double) windows));
        for (int from = 0; from < all.size(); from += per) {
            List<Sample> w = all.subList(from, Math.min(all.size(), from + per));
            text.append(String.format(Locale.ROOT, "%4.0f-%4.0f s %13.0f %12.0f %17.0f %16.0f %17.0f %12.0f %12.0f"
                    + " %12.0f%n", w.get(0).second(), w.get(w.size() - 1).second(),
                    mb(min(w, Sample::heapUsed)), mb(max(w, Sample::heapUsed)), mb(min(w, Sample::oldGen)),
                    max(w, Sample::poolActive), max(w, Sample::poolPending), max(w, Sample::threads),
                    max(w, Sample::requestsActive), max(w, Sample::turnedAway)
                            // Since the window before's last sample: what arrived between the windows counts too.
                            - (from == 0 ? min(w, Sample::turnedAway) : all.get(from - 1).turnedAway())));
        }
        return text.toString();
    }

    private static double mb(double bytes) {
        return bytes / (1024 * 1024);
    }

    private static double min(List<Sample> w, java.util.function.ToDoubleFunction<Sample> f) {
        return w.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Sample> w, java.util.function.ToDoubleFunction<Sample> f) {
        return w.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return "ServerMetrics" + Arrays.asList(base, every);
    }
}
