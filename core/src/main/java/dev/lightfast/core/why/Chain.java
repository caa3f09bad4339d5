package dev.lightfast.core.why;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * Why something happened: the causal chain backwards from it (incident ← deployment ← commit ← pull
 * request ← issue ← decision), in order, each step cited, marked asserted or inferred, with its
 * evidence, confidence and a sentence of rationale; and the other links found on the way that the
 * chain does not follow (a pull request fixing two issues leads back through one of them).
 *
 * @param start the thing explained
 * @param steps the chain, the first step's effect being {@code start}, each next step's effect the
 *     previous step's cause
 * @param others causes found but not on the chain, each with its own step
 * @param summary sentences, each citing the events it rests on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Chain(Answer.Ref start, List<Step> steps, List<Step> others, List<Answer.Sentence> summary) {

    public Chain {
        steps = List.copyOf(steps);
        others = List.copyOf(others);
        summary = List.copyOf(summary);
    }

    /** A step is asserted when a tool states the link; inferred when Lightfast concluded it. */
    public static final String ASSERTED = "asserted";

    public static final String INFERRED = "inferred";

    /**
     * One link of the chain: {@code cause} led to {@code effect}. The same concept as an answer
     * path's link: {@code relation} is the graph's word for the link, read from the entity {@code
     * from} to the entity {@code to} (one of them the cause, the other the effect: a pull request
     * {@code contains} the commit that caused a deployment; a deployment {@code caused} an
     * incident), {@code basis} says whether a tool stated it ({@value #ASSERTED}: a "Fixes #41", a
     * deployment's SHA, a Sentry release) or Lightfast inferred it ({@value #INFERRED}: same service
     * and environment, minutes apart), with the {@code evidence} it rests on, a {@code confidence}
     * (1 when a tool states it) and its {@code rationale} in one sentence.
     *
     * @param n its place in the chain, 1 for the link to the thing explained
     * @param citations every event the step rests on, each once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            int n,
            Answer.Ref effect,
            Answer.Ref cause,
            String relation,
            String from,
            String to,
            String basis,
            double confidence,
            String rationale,
            List<Evidence> evidence,
            List<Citation> citations) {

        public Step {
            evidence = List.copyOf(evidence);
            citations = List.copyOf(citations);
            if (!ASSERTED.equals(basis) && !INFERRED.equals(basis)) {
                throw new IllegalArgumentException("basis is asserted or inferred: " + basis);
            }
            if (ASSERTED.equals(basis) && evidence.stream().noneMatch(Evidence::asserted)) {
                // An inference must never pass as a fact: an asserted step needs a tool's own statement.
                throw new IllegalArgumentException("an asserted step needs asserted evidence");
            }
        }

        public boolean inferred() {
            return INFERRED.equals(basis);
        }

        public Step numbered(int number) {
            return new Step(
                    number, effect, cause, relation, from, to, basis, confidence, rationale, evidence, citations);
        }
    }

    /**
     * One thing a step rests on: what a tool states ({@value #ASSERTED}) or what Lightfast observed
     * and concluded from ({@value #INFERRED}: two times minutes apart), with the events that show it.
     */
    public record Evidence(String basis, String says, List<Citation> citations) {
        public Evidence {
            citations = List.copyOf(citations);
        }

        public static Evidence asserted(String says, List<Citation> citations) {
            return new Evidence(ASSERTED, says, citations);
        }

        public static Evidence inferred(String says, List<Citation> citations) {
            return new Evidence(INFERRED, says, citations);
        }

        public boolean asserted() {
            return ASSERTED.equals(basis);
        }
    }
}
