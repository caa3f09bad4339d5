package dev.lightfast.core.reading;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time a question means: calendar months, years and days ("in August 2023", "on
 * 2024-03-05", "in 2024"), spans between two of them ("between May and July 2024", "since March
 * 2024", "before 2025"), weekdays ("Tuesday's deploy") and relative spans ("last week", "past 3
 * days") counted back from {@code now}, the present the question speaks from (the newest event or
 * the asked {@code asOf}).
 */
public final class TimeReader {
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final String POINT =
            "(?:\\b" + MONTHS + "\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?,?\\s+)?(\\d{4})" + "|(\\d{4})-(\\d{2})(?:-(\\d{2}))?"
                    + "|\\b" + MONTHS + "\\b(?!\\s+\\d)" + "|(?<![\\d#-])(\\d{4})(?![\\d-]))";
    private static final Pattern BETWEEN =
            Pattern.compile("\\b(?:between|from)\\s+" + POINT + "\\s+(?:and|to|until|till)\\s+" + POINT);
    private static final Pattern SINCE = Pattern.compile("\\b(since|after|from)\\s+" + POINT);
    private static final Pattern BEFORE = Pattern.compile("\\b(before|until|till|prior to)\\s+" + POINT);
    private static final Pattern IN = Pattern.compile("(?:\\b(?:in|during|on|of|for)\\s+)?" + POINT);
    private static final Pattern RELATIVE = Pattern.compile(
            "\\b(?:last|past|previous)\\s+(?:(\\d{1,3}|two|three|four|five|six|seven|ten)\\s+)?(day|week|month|year)s?\\b");

    private static final Pattern YESTERDAY = Pattern.compile("\\byesterday\\b");
    private static final Pattern TODAY = Pattern.compile("\\btoday\\b");
    private static final Pattern AFTER = Pattern.compile("\\b(?:after|since)\\b");
    private static final Pattern PREPOSITION = Pattern.compile("(?:in|during|on|of|for)\\s");
    private static final Pattern RECENTLY =
            Pattern.compile("\\b(?:recently|lately|currently|these days|working on|up to)\\b");
    private static final java.util.Map<DayOfWeek, Pattern> WEEKDAYS = weekdays();

    private static java.util.Map<DayOfWeek, Pattern> weekdays() {
        var m = new java.util.EnumMap<DayOfWeek, Pattern>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            m.put(d, Pattern.compile("\\b" + d.name().toLowerCase(Locale.ROOT) + "('s)?\\b"));
        }
        return m;
    }

    private TimeReader() {}

    /** The window of {@code lower} (the question in lower case), {@link TimeWindow#ANY} when none. */
    public static TimeWindow read(String lower, Instant now) {
        var today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        Matcher m = BETWEEN.matcher(lower);
        if (m.find()) {
            Span a = span(m, 1, today);
            Span b = span(m, 9, today);
            if (a != null && b != null) {
                // "between May and July 2024": a month without a year takes the other end's year.
                if (a.yearless && !b.yearless) {
                    a = a.inYear(b.from.getYear());
                }
                if (b.yearless && !a.yearless) {
                    b = b.inYear(a.from.getYear());
                }
                return window(a.from, b.to, m.group(), true);
            }
        }
        m = SINCE.matcher(lower);
        if (m.find()) {
            Span s = span(m, 2, today);
            if (s != null) {
                boolean after = m.group(1).equals("after");
                return window(after ? s.to : s.from, null, m.group(), true);
            }
        }
        m = BEFORE.matcher(lower);
        if (m.find()) {
            Span s = span(m, 2, today);
            if (s != null) {
                return window(null, s.from, m.group(), true);
            }
        }
        m = RELATIVE.matcher(lower);
        if (m.find()) {
            int n = m.group(1) == null ? 1 : count(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "day" -> Duration.ofDays(1);
                case "week" -> Duration.ofDays(7);
                case "month" -> Duration.ofDays(30);
                default -> Duration.ofDays(365);
            };
            return new TimeWindow(now.minus(unit.multipliedBy(n)), now.plusMillis(1), m.group(), false);
        }
        if (lower.contains("this week")) {
            return new TimeWindow(
                    today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                            .toInstant(),
                    now.plusMillis(1),
                    "this week",
                    false);
        }
        if (lower.contains("this month")) {
            return new TimeWindow(today.withDayOfMonth(1).toInstant(), now.plusMillis(1), "this month", false);
        }
        if (YESTERDAY.matcher(lower).find()) {
            return new TimeWindow(today.minusDays(1).toInstant(), today.toInstant(), "yesterday", false);
        }
        if (TODAY.matcher(lower).find()) {
            return new TimeWindow(today.toInstant(), now.plusMillis(1), "today", false);
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            Matcher day = WEEKDAYS.get(d).matcher(lower);
            if (day.find()) {
                var start = today.with(TemporalAdjusters.previousOrSame(d));
                // "after Tuesday's deploy": from that day on.
                boolean after = AFTER.matcher(lower).find();
                return new TimeWindow(
                        start.toInstant(),
                        after ? now.plusMillis(1) : start.plusDays(1).toInstant(),
                        day.group(),
                        false);
            }
        }
        m = IN.matcher(lower);
        while (m.find()) {
            // A month or a year alone is a time only after a preposition: "may" and "2024" are also words.
            boolean bare = m.group(7) != null || m.group(8) != null;
            Span s = bare && !PREPOSITION.matcher(m.group()).lookingAt() ? null : span(m, 1, today);
            if (s != null) {
                return window(s.from, s.to, m.group().strip(), true);
            }
        }
        if (RECENTLY.matcher(lower).find()) {
            return new TimeWindow(now.minus(Duration.ofDays(14)), now.plusMillis(1), "recently", false);
        }
        return TimeWindow.ANY;
    }

    private static TimeWindow window(ZonedDateTime from, ZonedDateTime to, String phrase, boolean calendar) {
        return new TimeWindow(
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(), phrase, calendar);
    }

    /** A calendar span named by a POINT match starting at group {@code g}; null when it is not one. */
    private static Span span(Matcher m, int g, ZonedDateTime today) {
        if (m.group(g) != null) { // month [day,] year
            Month month = month(m.group(g));
            int year = Integer.parseInt(m.group(g + 2));
            if (m.group(g + 1) != null) {
                var day = LocalDate.of(year, month, Math.min(Integer.parseInt(m.group(g + 1)), 28))
                        .withDayOfMonth(Math.min(
                                Integer.parseInt(m.group(g + 1)),
                                LocalDate.of(year, month, 1).lengthOfMonth()));
                var start = day.atStartOfDay(ZoneOffset.UTC);
                return new Span(start, start.plusDays(1), false);
            }
            var start = LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC);
            return new Span(start, start.plusMonths(1), false);
        }
        if (m.group(g + 3) != null) { // 2024-03[-05]
            int year = Integer.parseInt(m.group(g + 3));
            int month = Integer.parseInt(m.group(g + 4));
            if (month < 1 || month > 12) {
                return null;
            }
            if (m.group(g + 5) != null) {
                int d = Integer.parseInt(m.group(g + 5));
                if (d < 1 || d > LocalDate.of(year, month, 1).lengthOfMonth()) {
                    return null;
                }
                var start = LocalDate.of(year, month, d).atStartOfDay(ZoneOffset.UTC);
                return new Span(start, start.plusDays(1), false);
            }
            var start = LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC);
            return new Span(start, start.plusMonths(1), false);
        }
        if (m.group(g + 6) != null) { // a month alone: the latest one not after today
            Month month = month(m.group(g + 6));
            int year = today.getYear();
            if (month.getValue() > today.getMonthValue()) {
                year--;
            }
            var start = LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC);
            return new Span(start, start.plusMonths(1), true);
        }
        if (m.group(g + 7) != null) { // a year
            int year = Integer.parseInt(m.group(g + 7));
            if (year < 1990 || year > 2200) {
                return null;
            }
            var start = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC);
            return new Span(start, start.plusYears(1), false);
        }
        return null;
    }

    private record Span(ZonedDateTime from, ZonedDateTime to, boolean yearless) {
        Span inYear(int year) {
            var start = from.withYear(year);
            return new Span(start, start.plus(Duration.between(from, to)), false);
        }
    }

    private static Month month(String name) {
        for (Month mo : Month.values()) {
            if (mo.name().toLowerCase(Locale.ROOT).startsWith(name.substring(0, 3))) {
                return mo;
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }

    private static int count(String n) {
        return switch (n) {
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "ten" -> 10;
            default -> Integer.parseInt(n);
        };
    }
}
