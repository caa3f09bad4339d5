package dev.lightfast.reason.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * What is true of one attribute of an entity at a reading point, by its policy: the value, the
 * claim it rests on, every claim that lost and why, whether the sources disagree, and one sentence
 * of rationale naming each source's word and the policy that decided.
 *
 * @param stated the winning source's own words for the value
 * @param policy the policy that decided, in words
 * @param conflict whether the standing claims disagree (an entity then appears in {@code /v1/conflicts})
 * @param citations every claim's event, the winner's first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Truth(
        String attribute,
        String value,
        String stated,
        Claim winner,
        List<Loser> losers,
        String mode,
        String policy,
        boolean conflict,
        String rationale,
        List<Citation> citations) {

    public Truth {
        losers = List.copyOf(losers);
        citations = List.copyOf(citations);
    }

    /** A claim that did not decide the value, and why not. */
    public record Loser(Claim claim, String why) {}
}
