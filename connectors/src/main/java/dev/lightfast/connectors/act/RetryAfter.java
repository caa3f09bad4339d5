package dev.lightfast.connectors.act;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP's {@code Retry-After}: whole seconds or an HTTP date (RFC 9110 §10.2.3). */
public final class RetryAfter {
    private RetryAfter() {}

    /** @return how long to wait, never negative; null when the value is absent or unreadable */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A reset time in epoch seconds (GitHub's {@code x-ratelimit-reset}) as a wait from now. */
    public static Duration untilEpochSeconds(String value, Instant now) {
        if (value == null || !value.strip().matches("[0-9]{1,12}")) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(value.strip()));
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }
}
