package dev.lightfast.bench.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One labelled question of the retrieval evaluation: a line of {@code eval/questions.jsonl}.
 *
 * @param kind {@code github} (answered from GitHub alone) or {@code cross_tool}
 * @param expected the events that answer it
 * @param now the moment the question is asked; relative times ("last week", "on Tuesday") are
 *     read from it
 */
@JsonPropertyOrder({"id", "question", "kind", "expected", "now"})
record EvalQuestion(String id, String question, String kind, List<Expected> expected, String now) {

    static final String GITHUB = "github";
    static final String CROSS_TOOL = "cross_tool";

    /**
     * An event that answers a question, named by the delivery it came in.
     *
     * @param delivery the tool's own id of the delivery: {@code X-GitHub-Delivery}, {@code
     *     Linear-Delivery}, Sentry's {@code Request-ID}, the {@code id} of a Vercel payload, the
     *     {@code event_id} of a Slack event callback
     * @param type the canonical event type within the delivery (GitHub only: a push holds a push
     *     event and one event per commit)
     * @param sha for a commit inside a push, which one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"provider", "delivery", "type", "sha"})
    record Expected(String provider, String delivery, String type, String sha) {}
}
