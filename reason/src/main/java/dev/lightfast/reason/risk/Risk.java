package dev.lightfast.reason.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * The risk that an incident follows a change within an hour of its deployment: a probability, the
 * base rate it is to be read against, how much history the model learned from, and every feature
 * with its share of the score and the events that show it.
 *
 * @param score the probability, 0 to 1
 * @param baseRate how often an incident followed a production deployment in the history learned from
 * @param level {@code high} (at least twice the base rate), {@code low} (under three quarters of it)
 *     or {@code medium}
 * @param learnedFrom the past production deployments the model was fitted on; {@code incidents} how
 *     many an incident followed within the hour
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Risk(
        Answer.Ref entity,
        double score,
        double baseRate,
        String level,
        int learnedFrom,
        int incidents,
        List<Feature> features,
        String summary,
        List<Citation> citations) {

    public Risk {
        features = List.copyOf(features);
        citations = List.copyOf(citations);
    }

    /**
     * One feature: its value in words, the bucket the model counts, its weight (the log-likelihood
     * ratio it adds to the score's log-odds; above 0 raises the risk), and the events that show it.
     */
    public record Feature(
            String name, String value, String bucket, double weight, String effect, List<Citation> citations) {
        public Feature {
            citations = List.copyOf(citations);
        }
    }
}
