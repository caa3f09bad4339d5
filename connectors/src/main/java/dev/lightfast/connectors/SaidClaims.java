package dev.lightfast.connectors;

import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.MentionScanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people say in words about where a change or a problem stands, as claims: "rolled back" or
 * "reverted" (the change is not live), "shipped", "is live", "back in production" (it is), "fixed"
 * (the problem is done). Only plain statements count: a phrase with a "not" or "n't" shortly before
 * it, or a question, says nothing. Every tool whose people write (a chat message, a comment) reads
 * its text the same way here.
 */
public final class SaidClaims {
    private static final Pattern ROLLED_BACK =
            Pattern.compile("(?i)\\b(rolled back|rolling back|reverted|we reverted)\\b");
    private static final Pattern SHIPPED = Pattern.compile(
            "(?i)\\b(shipped|is live|are live|is out|went out|back in production|is in production|are in production"
                    + "|deployed to production|live in production)\\b");
    private static final Pattern FIXED =
            Pattern.compile("(?i)\\b(fixed|is resolved|has been resolved|are resolved)\\b");
    private static final Pattern NEGATION =
            Pattern.compile("(?i)\\b(not|never|no|isn't|wasn't|hasn't|haven't|didn't|aren't|won't|can't|cannot)\\b");
    /** Sentence ends: a phrase speaks of what its own sentence names. */
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private SaidClaims() {}

    /** One phrase found, what it says and its words as written. */
    private record Said(ClaimAttribute attribute, String value, String words) {}

    /**
     * Claims a message makes about the things it names: each sentence's phrase applies to the pull
     * requests, issues, commits and releases named in that sentence ("shipped", "rolled back") or to
     * the issues and incidents named in it ("fixed"). Deployments are left out: a rollback message
     * names the deployment it went back to.
     */
    public static List<ClaimDraft> inMessage(String text, MentionScanner mentions, Instant at, String speaker) {
        List<ClaimDraft> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String sentence : SENTENCES.split(text)) {
            List<Said> said = said(sentence);
            if (said.isEmpty()) {
                continue;
            }
            for (EntityRef thing : mentions.scan(sentence)) {
                for (Said s : said) {
                    if (appliesTo(s.attribute(), thing.kind())) {
                        out.add(new ClaimDraft(
                                thing,
                                s.attribute(),
                                s.value(),
                                "said \"" + s.words() + "\"",
                                at,
                                null,
                                speaker,
                                true));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Claims a comment makes about the thing it is on: "rolled back" or "shipped" in a comment on a
     * pull request or an issue is about that pull request or issue.
     */
    public static List<ClaimDraft> inComment(String text, EntityRef on, Instant at, String speaker) {
        List<ClaimDraft> out = new ArrayList<>();
        if (text == null || text.isBlank() || on == null) {
            return out;
        }
        for (String sentence : SENTENCES.split(text)) {
            for (Said s : said(sentence)) {
                if (s.attribute() == ClaimAttribute.SHIPPED
                        && out.stream().noneMatch(c -> c.attribute() == ClaimAttribute.SHIPPED)) {
                    out.add(new ClaimDraft(
                            on, s.attribute(), s.value(), "said \"" + s.words() + "\"", at, null, speaker, true));
                }
            }
        }
        return out;
    }

    private static List<Said> said(String sentence) {
        List<Said> out = new ArrayList<>();
        if (sentence.strip().endsWith("?")) {
            return out;
        }
        Said back = first(sentence, ROLLED_BACK, ClaimAttribute.SHIPPED, "rolled_back");
        if (back != null) {
            out.add(back);
        } else {
            Said live = first(sentence, SHIPPED, ClaimAttribute.SHIPPED, "shipped");
            if (live != null) {
                out.add(live);
            }
        }
        Said fixed = first(sentence, FIXED, ClaimAttribute.STATE, "done");
        if (fixed != null) {
            out.add(fixed);
        }
        return out;
    }

    private static Said first(String sentence, Pattern phrase, ClaimAttribute attribute, String value) {
        Matcher m = phrase.matcher(sentence);
        while (m.find()) {
            String before = sentence.substring(Math.max(0, m.start() - 30), m.start());
            if (!NEGATION.matcher(before).find()) {
                return new Said(attribute, value, m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    private static boolean appliesTo(ClaimAttribute attribute, String kind) {
        if (attribute == ClaimAttribute.STATE) {
            return EntityKind.ISSUE.is(kind) || EntityKind.INCIDENT.is(kind);
        }
        return EntityKind.PULL_REQUEST.is(kind)
                || EntityKind.ISSUE.is(kind)
                || EntityKind.COMMIT.is(kind)
                || EntityKind.RELEASE.is(kind);
    }
}
