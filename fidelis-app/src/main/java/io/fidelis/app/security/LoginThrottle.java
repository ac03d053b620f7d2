package io.fidelis.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins within {@code window} for one user name, or
 * {@code maxFailuresPerAddress} from one address (set higher, since a whole office may share one address), further
 * attempts for that name or from that address are refused for {@code lockout}, even with the right password. A success clears the user name's count. Counts are kept in memory (one server; a restart
 * clears them), bounded in size.
 */
@Component
public class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    /** Settings {@code fidelis.security.login.*}. */
    @ConfigurationProperties("fidelis.security.login")
    public record Settings(@DefaultValue("5") int maxFailures, @DefaultValue("50") int maxFailuresPerAddress,
                           @DefaultValue("15m") Duration window, @DefaultValue("15m") Duration lockout) {
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Settings settings;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether attempts for this user name or from this address are refused now. */
    public boolean isLocked(String username, String address) {
        Instant now = clock.instant();
        return locked(userKey(username), now) || locked(addressKey(address), now);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        count(userKey(username), settings.maxFailures(), now);
        count(addressKey(address), settings.maxFailuresPerAddress(), now);
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private void count(String key, int limit, Instant now) {
        if (key == null) {
            return;
        }
        failures.compute(key, (k, f) -> {
            if (f == null || expired(f, now)) {
                f = new Failures(0, now, null);
            }
            int n = f.count() + 1;
            return new Failures(n, f.first(), n >= limit ? now.plus(settings.lockout()) : null);
        });
    }

    private boolean locked(String key, Instant now) {
        if (key == null) {
            return false;
        }
        Failures f = failures.get(key);
        return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil());
    }

    private boolean expired(Failures f, Instant now) {
        boolean windowOver = now.isAfter(f.first().plus(settings.window()));
        boolean lockOver = f.lockedUntil() == null || !now.isBefore(f.lockedUntil());
        return windowOver && lockOver;
    }

    private static String userKey(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        String u = username.strip().toLowerCase(Locale.ROOT);
        return "u:" + (u.length() > 100 ? u.substring(0, 100) : u); // staff user names have at most 100 characters
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "a:" + address;
    }
}
