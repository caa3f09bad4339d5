package dev.lightfast.core.reading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The span a question is about: {@code [from, to)}, either end open (null). {@code phrase} is the
 * part of the question it was read from, for the answer to say what it understood.
 *
 * @param calendar whether it names calendar days ("in August 2023"): then a thing's own local date,
 *     as its source stated it, decides, because that is the date its people saw
 */
public record TimeWindow(Instant from, Instant to, String phrase, boolean calendar) {
    public static final TimeWindow ANY = new TimeWindow(null, null, null, false);

    public boolean bounded() {
        return from != null || to != null;
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }

    /**
     * Whether a moment falls in the window; {@code localTime} is the source's own ISO time with its
     * offset ({@code 2024-12-06T16:06:20+01:00}) when known, and decides for a calendar window.
     */
    public boolean contains(Instant t, String localTime) {
        if (!calendar || localTime == null) {
            return contains(t);
        }
        LocalDateTime wall;
        try {
            wall = OffsetDateTime.parse(localTime).toLocalDateTime();
        } catch (DateTimeParseException e) {
            return contains(t);
        }
        return (from == null || !wall.isBefore(LocalDateTime.ofInstant(from, ZoneOffset.UTC)))
                && (to == null || wall.isBefore(LocalDateTime.ofInstant(to, ZoneOffset.UTC)));
    }

    /** Whether a moment could fall in the window in some time zone: a cheap first filter. */
    public boolean near(Instant t) {
        long margin = calendar ? 14 * 3600 : 0;
        return (from == null || !t.isBefore(from.minusSeconds(margin)))
                && (to == null || t.isBefore(to.plusSeconds(margin)));
    }
}
