package dev.lightfast.core.reading;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.RelationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question as read from its words alone, before anything is looked up: what it asks for (a
 * person, a time, things of a kind, a list, a count, a reason), the explicit references it makes
 * (SHAs, {@code #41}, {@code repo#41}, tracker keys such as {@code ENG-123}, ids), the phrases it
 * quotes, the time it means and the relations its verbs name. Plain patterns, no model: the same
 * question always reads the same way.
 *
 * @param now the present the question speaks from: relative times count back from it
 * @param kind the kind of thing asked for ("which deployment"), null when not named
 * @param words the folded content words outside quotes and references, for linking names
 */
public record Question(
        String text,
        Instant now,
        AnswerType type,
        EntityKind kind,
        Set<RelationType> cues,
        List<Reference> references,
        List<String> quoted,
        List<String> words,
        TimeWindow window) {

    /** An explicit reference: a SHA or prefix, a number (optionally scoped: {@code repo#41}), a key. */
    public record Reference(Form form, String value, String scope, String text) {
        public enum Form {
            SHA,
            NUMBER,
            KEY,
            /** A version: {@code v2.12.0}, {@code 2.12.0}, naming a release, a tag, what deployed it. */
            VERSION
        }
    }

    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"]{2,})\"|“([^”]{2,})”|‘([^’]{2,})’|(?<![\\p{L}\\p{N}])'([^']{2,}?)'(?![\\p{L}\\p{N}])");
    private static final Pattern SHA = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
    private static final Pattern NUMBER = Pattern.compile(
            "(?:\\b([\\w.-]+(?:/[\\w.-]+)?)#|#|\\b(?:issue|pr|pull request|ticket|number|bug)\\s+#?)(\\d{1,7})\\b");
    private static final Pattern VERSION = Pattern.compile(
            "(?<![\\w.@/#-])(v\\d+(?:\\.\\d+){1,3}(?:-[0-9a-z]+(?:\\.[0-9a-z]+)*)?|\\d+\\.\\d+\\.\\d+(?:-[0-9a-z]+(?:\\.[0-9a-z]+)*)?)(?![\\w@/])");
    /** "release 1.4", "version 2.3": a short version, named as one. */
    private static final Pattern NAMED_VERSION =
            Pattern.compile("\\b(?:release|version|tag)\\s+(\\d+(?:\\.\\d+)+)(?![\\w.])");

    // How a question is asked, compiled once: a question is read on every answer.
    private static final Pattern ASKED = Pattern.compile(
            "\\b(?:which|what|whose|list|show|how many|latest|last)\\s+(?:of the\\s+|the\\s+)?([a-z -]{2,30})");
    private static final Pattern COUNTING = Pattern.compile("\\bhow (?:many|much)\\b|\\bnumber of\\b");
    private static final Pattern REASONING = Pattern.compile(
            "\\bwhy\\b|\\b(?:what|which \\w+) (?:caused|broke|triggered|introduced)\\b|\\broot cause\\b|\\bcause of\\b");
    private static final Pattern WHO = Pattern.compile("\\b(?:who|whom|whose)\\b");
    private static final Pattern WHEN =
            Pattern.compile("\\bwhen\\b|\\bwhat (?:time|date|day)\\b|\\bwhich (?:day|date)\\b");
    private static final Pattern WHICH = Pattern.compile("\\b(?:which|what)\\b");
    private static final Pattern WHAT_DID =
            Pattern.compile("\\bwhat (?:fixed|fixes|resolved|closed|shipped|deployed|released|merged|contains)\\b");

    /** Each word of each kind ("pull request", "prs") as it starts what follows "which". */
    private static final Map<Pattern, EntityKind> KIND_WORDS = kindWords();

    /** The folded words that name kinds, singular and plural: never a name or a topic. */
    private static final Set<String> KIND_WORD_SET = kindWordSet();

    private static Map<Pattern, EntityKind> kindWords() {
        var m = new java.util.LinkedHashMap<Pattern, EntityKind>();
        for (EntityKind k : EntityKind.values()) {
            for (String w : k.words()) {
                m.put(Pattern.compile(Pattern.quote(w) + "(?:e?s)?\\b"), k);
            }
        }
        return m;
    }

    private static Set<String> kindWordSet() {
        Set<String> out = new LinkedHashSet<>();
        for (EntityKind k : EntityKind.values()) {
            for (String w : k.words()) {
                out.addAll(Fold.words(w));
                out.addAll(Fold.words(EntityKind.plural(w)));
                out.addAll(Fold.words(w + "s")); // "prs", "deploys"
            }
        }
        return Set.copyOf(out);
    }

    /** "commit 7254362", "sha 1234567": a run of digits named as a commit. */
    private static final Pattern COMMIT_WORD = Pattern.compile("\\b(?:commit|sha|revision|rev)\\s+$");

    private static final Pattern KEY =
            Pattern.compile("\\b([A-Z][A-Z0-9]{1,9}-\\d{1,7})\\b|\\b([a-z]{2,8}_[A-Za-z0-9]{6,})\\b");

    /** Words that carry the question's form, never a name or a topic. */
    static final Set<String> STOP = Set.copyOf(List.of(
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
            "since",
            "between",
            "until",
            "last",
            "past",
            "week",
            "month",
            "year",
            "day",
            "days",
            "today",
            "yesterday",
            "working",
            "work",
            "worked",
            "works",
            "changed",
            "change",
            "changes",
            "happened",
            "happen",
            "made",
            "make",
            "makes",
            "me",
            "tell",
            "show",
            "list",
            "any",
            "there",
            "has",
            "have",
            "had",
            "currently",
            "now",
            "recently",
            "recent",
            "lately",
            "s",
            "team",
            "our",
            "we",
            "us",
            "new",
            "get",
            "got",
            "all",
            "many",
            "much",
            "number",
            "time",
            "date",
            "up",
            "busy",
            "about",
            "done",
            "do",
            "doing",
            "together",
            "i",
            "you",
            "they",
            "he",
            "she",
            "his",
            "her",
            "their",
            "my",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "someone",
            "anyone",
            "people",
            "person",
            "thing",
            "things",
            "during",
            "so",
            "far",
            "first",
            "ever",
            "also",
            "then",
            "into",
            "out"));

    /** The verbs of each relation; the order is the preference when several are named. */
    private static final Map<RelationType, Pattern> CUES = cuePatterns();

    private static Map<RelationType, Pattern> cuePatterns() {
        var m = new java.util.LinkedHashMap<RelationType, Pattern>();
        m.put(
                RelationType.CO_AUTHORED,
                words("co-?authored?", "co-?authors?", "worked with", "paired with", "together with", "collaborated"));
        m.put(RelationType.REVIEWED, words("review(?:ed|s|ers?|ing)?", "approved?", "approvals?"));
        m.put(RelationType.FIXES, words("fix(?:ed|es|ing)?", "resolv(?:ed|es|e)", "clos(?:ed|es|e)", "solved?"));
        m.put(
                RelationType.DEPLOYED,
                words("deploy(?:ed|s|ment|ments)?", "ship(?:ped|s)?", "rolled out", "went live", "live"));
        m.put(RelationType.MERGED, words("merg(?:ed|es|e)", "landed?"));
        m.put(RelationType.ASSIGNED_TO, words("assign(?:ed|ee|s)?", "owns?", "responsible"));
        m.put(
                RelationType.CAUSED,
                words("caus(?:ed|es|e|ing)", "broke", "broken", "triggered", "introduced", "root cause"));
        m.put(RelationType.OPENED, words("open(?:ed|s)?", "filed", "reported", "raised"));
        m.put(RelationType.RELEASED, words("releas(?:ed|es|e)", "published", "tagged"));
        m.put(RelationType.COMMENTED_ON, words("comment(?:ed|s)?", "discussed", "said"));
        m.put(
                RelationType.AUTHORED,
                words(
                        "author(?:ed|s)?",
                        "wrote",
                        "written",
                        "made",
                        "make",
                        "chang(?:ed|es|e)",
                        "committed",
                        "work(?:ed|ing)? on",
                        "contributed?",
                        "implemented",
                        "added",
                        "did"));
        return m;
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("\\b(?:" + String.join("|", alternatives) + ")\\b");
    }

    public static Question parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("question is required");
        }
        List<String> quoted = new ArrayList<>();
        var unquoted = new StringBuilder();
        Matcher q = QUOTED.matcher(text);
        int last = 0;
        while (q.find()) {
            for (int g = 1; g <= 4; g++) {
                if (q.group(g) != null && !q.group(g).isBlank()) {
                    quoted.add(q.group(g).strip());
                }
            }
            unquoted.append(text, last, q.start()).append(" ");
            last = q.end();
        }
        unquoted.append(text.substring(last));
        String outside = unquoted.toString();
        String lower = outside.toLowerCase(Locale.ROOT);

        List<Reference> refs = new ArrayList<>();
        Set<String> referenced = new LinkedHashSet<>();
        Matcher m = KEY.matcher(outside);
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            refs.add(new Reference(Reference.Form.KEY, key, null, m.group()));
            referenced.addAll(Fold.words(key));
        }
        m = VERSION.matcher(lower);
        while (m.find()) {
            refs.add(new Reference(Reference.Form.VERSION, m.group(1), null, m.group(1)));
            referenced.addAll(Fold.words(m.group(1)));
        }
        m = NAMED_VERSION.matcher(lower);
        while (m.find()) {
            if (!referenced.contains(m.group(1))) {
                refs.add(new Reference(Reference.Form.VERSION, m.group(1), null, m.group(1)));
                referenced.addAll(Fold.words(m.group(1)));
            }
        }
        m = NUMBER.matcher(lower);
        while (m.find()) {
            refs.add(new Reference(Reference.Form.NUMBER, m.group(2), m.group(1), m.group()));
            referenced.addAll(Fold.words(m.group()));
        }
        m = SHA.matcher(lower);
        while (m.find()) {
            // A run of hex that is all digits is a number, not a SHA, unless the words before it say so.
            boolean digits = m.group().chars().allMatch(Character::isDigit);
            boolean named = COMMIT_WORD.matcher(lower.substring(0, m.start())).find();
            if ((!digits || named) && !referenced.contains(m.group())) {
                refs.add(new Reference(Reference.Form.SHA, m.group(), null, m.group()));
                referenced.add(m.group());
            }
        }

        Set<RelationType> cues = new LinkedHashSet<>();
        for (var cue : CUES.entrySet()) {
            if (cue.getValue().matcher(lower).find()) {
                cues.add(cue.getKey());
            }
        }
        EntityKind kind = askedKind(lower);
        AnswerType type = answerType(lower, kind, cues);
        if (type == AnswerType.PERSON) {
            kind = EntityKind.PERSON;
        }
        TimeWindow window = TimeReader.read(lower, now);
        Set<String> timeWords = window.phrase() == null ? Set.of() : Set.copyOf(Fold.words(window.phrase()));
        Set<String> kindWords = KIND_WORD_SET;
        List<String> words = new ArrayList<>();
        for (String w : Fold.words(outside.replaceAll("'s\\b", ""))) {
            if (!STOP.contains(w)
                    && !referenced.contains(w)
                    && !timeWords.contains(w)
                    && !kindWords.contains(w)
                    && !cueWord(w)
                    && !w.startsWith("#")
                    && !w.chars().allMatch(Character::isDigit)) {
                words.add(w);
            }
        }
        return new Question(
                text,
                now,
                type,
                kind,
                Set.copyOf(cues).isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(cues),
                List.copyOf(refs),
                List.copyOf(quoted),
                List.copyOf(words),
                window);
    }

    private static boolean cueWord(String w) {
        for (Pattern p : CUES.values()) {
            if (p.matcher(w).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The kind named right after "which"/"what" (or "which of the deployments"), if any. */
    private static EntityKind askedKind(String lower) {
        Matcher m = ASKED.matcher(lower);
        while (m.find()) {
            String after = m.group(1);
            for (var k : KIND_WORDS.entrySet()) {
                if (k.getKey().matcher(after).lookingAt()) {
                    return k.getValue();
                }
            }
        }
        return null;
    }

    private static AnswerType answerType(String lower, EntityKind kind, Set<RelationType> cues) {
        if (COUNTING.matcher(lower).find()) {
            return AnswerType.COUNT;
        }
        if (REASONING.matcher(lower).find()) {
            return AnswerType.REASON;
        }
        if (WHO.matcher(lower).find()) {
            return AnswerType.PERSON;
        }
        if (WHEN.matcher(lower).find()) {
            return AnswerType.TIME;
        }
        if (kind == EntityKind.PERSON) {
            return AnswerType.PERSON;
        }
        if (kind != null && WHICH.matcher(lower).find()) {
            return AnswerType.ENTITY;
        }
        // "what fixed #41?", "what shipped the retry fix?": a thing, known by what it did.
        if (WHAT_DID.matcher(lower).find()) {
            return AnswerType.ENTITY;
        }
        return AnswerType.LIST;
    }

    public boolean asks(RelationType cue) {
        return cues.contains(cue);
    }
}
