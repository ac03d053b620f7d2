package io.fidelis.app.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Rate limit of the public survey pages: at most {@code submissionsPerMinute} answers a minute from one address, so
 * a script cannot flood the results. In memory, per server.
 */
@Component
public class SubmissionThrottle {
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock = Clock.systemUTC();

    SubmissionThrottle(SurveySettings settings) {
        this.perMinute = settings.submissionsPerMinute();
    }

    /** Counts a submission from an address; false when the address is over its limit. */
    public boolean allow(String address) {
        Instant now = Instant.now(clock);
        Instant since = now.minusSeconds(60);
        if (recent.size() > 10_000) {
            recent.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(since);
                }
            });
        }
        Deque<Instant> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
