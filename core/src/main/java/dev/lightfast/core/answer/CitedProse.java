package dev.lightfast.core.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps only the sentences of generated prose that cite the evidence they were given: each
 * sentence must carry at least one {@code [n]} marker, and every marker must name a piece of
 * retrieved evidence. A sentence with no citation, or citing something that was not retrieved, is
 * dropped whole: an answer may be shorter, never unsupported.
 */
public final class CitedProse {
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+(?:[.!?]+(?:\\s*\\[[0-9,\\s]+])*|$)");
    private static final Pattern MARKER = Pattern.compile("\\[([0-9][0-9,\\s]*)]");

    private CitedProse() {}

    /** The sentences that survive, each with the event ids its markers name, markers removed. */
    public static List<Answer.Sentence> check(String prose, List<Answer.Evidence> evidence) {
        List<Answer.Sentence> kept = new ArrayList<>();
        if (prose == null) {
            return kept;
        }
        Matcher sentences = SENTENCE.matcher(prose.replace('\n', ' '));
        while (sentences.find()) {
            String sentence = sentences.group().strip();
            if (sentence.isEmpty()) {
                continue;
            }
            Set<String> cited = new LinkedHashSet<>();
            boolean valid = true;
            Matcher markers = MARKER.matcher(sentence);
            while (markers.find()) {
                for (String n : markers.group(1).split("[,\\s]+")) {
                    if (n.isBlank()) {
                        continue;
                    }
                    int rank = Integer.parseInt(n);
                    if (rank < 1 || rank > evidence.size()) {
                        valid = false;
                    } else {
                        cited.add(evidence.get(rank - 1).eventId());
                    }
                }
            }
            String text = MARKER.matcher(sentence)
                    .replaceAll("")
                    .replaceAll("\\s+([.,;:!?])", "$1")
                    .strip();
            if (valid && !cited.isEmpty() && text.chars().anyMatch(Character::isLetterOrDigit)) {
                kept.add(new Answer.Sentence(text, List.copyOf(cited)));
            }
        }
        return kept;
    }
}
