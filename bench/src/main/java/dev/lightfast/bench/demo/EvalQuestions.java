package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The labelled questions, written next to the story steps they ask about so that each label is
 * the delivery the story just made, never an id typed by hand.
 */
final class EvalQuestions {
    private final Instant now;
    private final List<EvalQuestion> questions = new ArrayList<>();
    private final Set<String> texts = new HashSet<>();

    /** @param now when the questions are asked; "last week" and "Tuesday" are read from it */
    EvalQuestions(Instant now) {
        this.now = now;
    }

    /** A question answered from GitHub alone. */
    void github(String question, EvalQuestion.Expected... expected) {
        add(question, EvalQuestion.GITHUB, List.of(expected));
    }

    void github(String question, List<EvalQuestion.Expected> expected) {
        add(question, EvalQuestion.GITHUB, expected);
    }

    /** A question whose answer spans tools (or lies in Linear, Sentry, Vercel or Slack). */
    void crossTool(String question, EvalQuestion.Expected... expected) {
        add(question, EvalQuestion.CROSS_TOOL, List.of(expected));
    }

    void crossTool(String question, List<EvalQuestion.Expected> expected) {
        add(question, EvalQuestion.CROSS_TOOL, expected);
    }

    private void add(String question, String kind, List<EvalQuestion.Expected> expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("no answer for: " + question);
        }
        if (!texts.add(question)) {
            throw new IllegalArgumentException("asked twice: " + question);
        }
        boolean github = expected.stream().allMatch(e -> e.provider().equals("github"));
        if (kind.equals(EvalQuestion.GITHUB) && !github) {
            throw new IllegalArgumentException("a GitHub question answered from another tool: " + question);
        }
        var distinct = List.copyOf(new LinkedHashSet<>(expected));
        String id = String.format("q%03d", questions.size() + 1);
        questions.add(new EvalQuestion(id, question, kind, distinct, now.toString()));
    }

    List<EvalQuestion> all() {
        return List.copyOf(questions);
    }
}
