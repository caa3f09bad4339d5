package dev.lightfast.core.answer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question asks for, read with plain patterns: the identifiers it names (SHAs, #numbers,
 * names), the time window it means, and which relation words it uses. No model is involved, so the
 * same question always reads the same way.
 *
 * @param now the present the question speaks from: relative times ("last week") count back from it
 */
public record Question(
        String text,
        Instant now,
        List<String> shas,
        List<Long> numbers,
        List<String> words,
        Instant from,
        Instant to,
        Set<Intent> intents) {

    /** The relation a question is about, from the verbs it uses. */
    public enum Intent {
        REVIEW,
        FIX,
        DEPLOY,
        WORKING_ON,
        CHANGES,
        CAUSE
    }

    private static final Pattern SHA = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
    private static final Pattern NUMBER =
            Pattern.compile("(?:#|\\b(?:issue|pr|pull request|number)\\s+#?)(\\d{1,7})\\b");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9]|[A-Za-z0-9]");
    private static final Set<String> STOP = Set.of(
            "the",
            "a",
            "an",
            "of",
            "in",
            "on",
            "to",
            "for",
            "and",
            "or",
            "is",
            "was",
            "were",
            "are",
            "be",
            "been",
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "when",
            "where",
            "why",
            "how",
            "did",
            "does",
            "do",
            "that",
            "this",
            "these",
            "those",
            "it",
            "its",
            "by",
            "with",
            "from",
            "at",
            "as",
            "after",
            "before",
            "last",
            "week",
            "month",
            "day",
            "today",
            "yesterday",
            "working",
            "work",
            "changed",
            "change",
            "happened",
            "pr",
            "pull",
            "request",
            "issue",
            "commit",
            "deploy",
            "deployed",
            "shipped",
            "reviewed",
            "review",
            "fixed",
            "fix",
            "fixes",
            "caused",
            "cause",
            "incident",
            "about",
            "me",
            "tell",
            "show",
            "any",
            "there",
            "has",
            "have",
            "had",
            "currently",
            "now",
            "recently",
            "recent",
            "s",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "team",
            "our",
            "we",
            "us",
            "new",
            "get",
            "got");

    public static Question parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("question is required");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> shas = new ArrayList<>();
        Matcher m = SHA.matcher(lower);
        while (m.find()) {
            // A run of hex that is all digits is a number, not a SHA.
            if (!m.group().chars().allMatch(Character::isDigit)) {
                shas.add(m.group());
            }
        }
        List<Long> numbers = new ArrayList<>();
        m = NUMBER.matcher(lower);
        while (m.find()) {
            numbers.add(Long.valueOf(m.group(1)));
        }
        Set<String> words = new LinkedHashSet<>();
        m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.endsWith("'s")) {
                w = w.substring(0, w.length() - 2);
            }
            if (w.length() >= 3
                    && !STOP.contains(w)
                    && !shas.contains(w)
                    && !w.chars().allMatch(Character::isDigit)) {
                words.add(w);
            }
        }
        Set<Intent> intents = new LinkedHashSet<>();
        if (lower.matches(".*\\b(review|reviewed|reviews|reviewer|reviewers|approved|approve)\\b.*")) {
            intents.add(Intent.REVIEW);
        }
        if (lower.matches(".*\\b(fix|fixed|fixes|closed|closes|resolved|resolves)\\b.*")) {
            intents.add(Intent.FIX);
        }
        if (lower.matches(".*\\b(deploy|deployed|deploys|deployment|shipped|ship|ships|rolled out|released)\\b.*")) {
            intents.add(Intent.DEPLOY);
        }
        if (lower.matches(".*\\b(working on|work on|busy with|focus(ed)? on|up to)\\b.*")) {
            intents.add(Intent.WORKING_ON);
        }
        if (lower.matches(".*\\b(changed|changes|happened|new in|merged|landed|going on)\\b.*")) {
            intents.add(Intent.CHANGES);
        }
        if (lower.matches(".*\\b(cause|caused|causing|root cause|broke|why did|behind)\\b.*")) {
            intents.add(Intent.CAUSE);
        }
        Instant[] window = window(lower, now);
        return new Question(
                text, now, List.copyOf(shas), List.copyOf(numbers), List.copyOf(words), window[0], window[1], intents);
    }

    /** The time window named by the question, counted back from {@code now}; nulls when none. */
    private static Instant[] window(String lower, Instant now) {
        var day = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        if (lower.contains("last week") || lower.contains("past week")) {
            return new Instant[] {now.minus(Duration.ofDays(7)), now};
        }
        if (lower.contains("this week")) {
            return new Instant[] {
                day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant(), now
            };
        }
        if (lower.contains("last month") || lower.contains("past month")) {
            return new Instant[] {now.minus(Duration.ofDays(30)), now};
        }
        if (lower.contains("yesterday")) {
            return new Instant[] {day.minusDays(1).toInstant(), day.toInstant()};
        }
        if (lower.contains("today")) {
            return new Instant[] {day.toInstant(), now};
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (lower.matches(".*\\b" + name + "('s)?\\b.*")) {
                var start = day.with(TemporalAdjusters.previousOrSame(d));
                // "after Tuesday's deploy": from that day on.
                return new Instant[] {
                    start.toInstant(),
                    lower.contains("after") ? now : start.plusDays(1).toInstant()
                };
            }
        }
        if (lower.contains("recently") || lower.contains("working on") || lower.contains("currently")) {
            return new Instant[] {now.minus(Duration.ofDays(14)), now};
        }
        return new Instant[] {null, null};
    }

    public boolean asks(Intent intent) {
        return intents.contains(intent);
    }
}
