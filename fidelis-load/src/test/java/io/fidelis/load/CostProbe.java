package io.fidelis.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's CPU time per request, by request type: each type alone, from a few client threads, in rounds, read
 * from {@code /proc/PID/stat} of the server (Linux), so that the noise of a shared machine and the load generator's
 * own CPU stay out of it. The work a request leaves behind (rescoring, points after a purchase) counts too: each
 * measurement waits until the server is idle again. Not a test: a benchmark for comparing two builds on the same
 * database, one after the other.
 * <p>
 * Usage (the server running with a demo business, as {@code fidelis-load/run} starts it):
 * {@code java -cp fidelis-load/target/test-classes io.fidelis.load.CostProbe BASE ADMIN_PASSWORD SERVER_PID
 * REQUESTS THREADS [TYPES]}, with {@code -Drounds=3}; TYPES a comma-separated subset of the names printed.
 */
public final class CostProbe {
    private CostProbe() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long pid = Long.parseLong(args[2]);
        int n = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Set<String> only = args.length > 5 ? new HashSet<>(Arrays.asList(args[5].split(","))) : null;
        Setup s = Setup.take(base, "admin", args[1], 20_000);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicLong orders = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String bearer = "Bearer " + s.token();

        Map<String, Callable<Integer>> types = new LinkedHashMap<>();
        types.put("GET customer", () -> send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/"
                + pick(s.customers()))).header("Authorization", bearer).GET().build()));
        types.put("GET summary", () -> send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/"
                + pick(s.customers()) + "/summary")).header("Authorization", bearer).GET().build()));
        types.put("POST purchase", () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            StringBuilder lines = new StringBuilder();
            for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
                lines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(pick(s.skus()))
                        .append("\",\"quantity\":").append(1 + r.nextInt(4)).append(",\"unitPrice\":")
                        .append(5 + r.nextInt(200)).append(".90}");
            }
            String body = "{\"orderId\":\"PROBE-" + run + "-" + orders.incrementAndGet() + "\",\"purchasedAt\":\""
                    + Instant.now() + "\",\"channel\":\"web\",\"lines\":[" + lines + "]}";
            return send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/" + pick(s.customers())
                            + "/purchases")).header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        });
        types.put("GET 360 page", () -> send(client, HttpRequest.newBuilder(URI.create(base + "/customers/"
                + pick(s.customers()))).header("Cookie", s.session()).GET().build()));
        types.put("GET kiosk form", () -> send(client, HttpRequest.newBuilder(URI.create(base + "/s/" + s.kiosk()))
                .header("X-Forwarded-For", "10.1." + ThreadLocalRandom.current().nextInt(256) + "."
                        + (1 + ThreadLocalRandom.current().nextInt(254))).GET().build()));
        types.put("POST complaint", () -> send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/complaints"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + pick(s.customers())
                        + "\",\"category\":\"DELIVERY\",\"subject\":\"Late\",\"description\":\"late\"}")).build()));
        types.put("GET health (floor)", () -> send(client, HttpRequest.newBuilder(URI.create(base
                + "/actuator/health/liveness")).GET().build()));

        int rounds = Integer.getInteger("rounds", 3);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Integer>> type : types.entrySet()) {
                if (only != null && !only.contains(type.getKey())) {
                    continue;
                }
                run(type.getValue(), n / 4, threads); // warm up
                long before = cpuTicks(pid);
                long started = System.nanoTime();
                int failed = run(type.getValue(), n, threads);
                long ended = System.nanoTime();
                long last = cpuTicks(pid);
                while (true) { // until the server is idle again
                    Thread.sleep(500);
                    long now = cpuTicks(pid);
                    if (now - last <= 3) {
                        break;
                    }
                    last = now;
                }
                double ms = (cpuTicks(pid) - before) * 10.0 / n; // clock ticks of 10 ms
                results.computeIfAbsent(type.getKey(), k -> new ArrayList<>()).add(ms);
                System.out.printf(Locale.ROOT, "round %d %-20s %.3f ms CPU/request, %.0f req/s wall, %d failed%n",
                        round, type.getKey(), ms, n / ((ended - started) / 1e9), failed);
            }
        }
        System.out.println("== ms of server CPU per request: median, then each round in order");
        results.forEach((k, v) -> {
            List<Double> sorted = new ArrayList<>(v);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-20s %.3f   %s%n", k, sorted.get(sorted.size() / 2), v);
        });
    }

    private static int send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static <T> T pick(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    /** Sends {@code n} requests from {@code threads} threads; the number answered 400 or above. */
    private static int run(Callable<Integer> request, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(n);
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    if (request.call() >= 400) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return failed.get();
    }

    /** The process's user and system CPU time in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
