package io.fidelis.app.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Rate limit of the public forms (survey answers, complaints): at most {@code fidelis.security.public-form.per-minute}
 * submissions a minute from one address (default 30), so a script cannot flood them. In memory, per server.
 */
@Component
public class PublicFormThrottle {
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock = Clock.systemUTC();

    PublicFormThrottle(@org.springframework.beans.factory.annotation.Value(
            "${fidelis.security.public-form.per-minute:30}") int perMinute) {
        this.perMinute = perMinute;
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
