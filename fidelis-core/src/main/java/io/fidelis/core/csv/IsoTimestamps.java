package io.fidelis.core.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A fast, allocation-light parser for the ISO-8601 timestamp forms found in exports:
 * {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm}, {@code yyyy-MM-dd'T'HH:mm:ss[.fraction]}, each optionally
 * followed by {@code Z} or an offset {@code ±HH:mm} / {@code ±HHmm} / {@code ±HH}.
 */
final class IsoTimestamps {
    private IsoTimestamps() {
    }

    /** @return the instant, or {@code null} when the text is not one of the accepted forms */
    static Instant parse(String s, ZoneId zone) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 1 || month < 0 || day < 0) {
            return null;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        int i = 10;
        if (i < n && (s.charAt(i) == ' ' || s.charAt(i) == 'T')) {
            if (n < i + 6 || s.charAt(i + 3) != ':') {
                return null;
            }
            hour = digits(s, i + 1, 2);
            minute = digits(s, i + 4, 2);
            if (hour < 0 || minute < 0) {
                return null;
            }
            i += 6;
            if (i < n && s.charAt(i) == ':') {
                if (n < i + 3) {
                    return null;
                }
                second = digits(s, i + 1, 2);
                if (second < 0) {
                    return null;
                }
                i += 3;
                if (i < n && s.charAt(i) == '.') {
                    int start = ++i;
                    while (i < n && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    int len = i - start;
                    if (len == 0 || len > 9) {
                        return null;
                    }
                    nano = Integer.parseInt(s, start, i, 10);
                    for (int k = len; k < 9; k++) {
                        nano *= 10;
                    }
                }
            }
        }
        ZoneOffset offset = null;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' && i == n - 1) {
                offset = ZoneOffset.UTC;
            } else if (c == '+' || c == '-') {
                String off = s.substring(i);
                try {
                    offset = ZoneOffset.of(off.length() == 5 && off.indexOf(':') < 0
                            ? off.substring(0, 3) + ":" + off.substring(3) : off);
                } catch (DateTimeException e) {
                    return null;
                }
            } else {
                return null;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
