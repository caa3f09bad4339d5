package dev.lightfast.reason.pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.util.List;

/**
 * A recurring sequence in the team's history, with the events that show it.
 *
 * @param kind {@value #DEPLOY_THEN_INCIDENT}, {@value #REPEATED_INCIDENTS}, {@value #REVIEW_TURNAROUND}
 *     or {@value #REOPENED_WORK}
 * @param area the service, repository or project it is about
 * @param environment for deployments, where they went
 * @param count how many times it happened (deployments followed by an incident, incidents, reviews,
 *     reopened pieces of work)
 * @param of out of how many (deployments, pull requests, pieces of work); null where it is not a rate
 * @param rate {@code count / of}, when there is an {@code of}
 * @param minutes for review turnaround: the median and 90th percentile minutes to a first review
 * @param summary one sentence, citing the supporting events
 * @param supporting the events that show it, most telling first (capped; {@code count} has them all)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pattern(
        String kind,
        String area,
        String environment,
        int count,
        Integer of,
        Double rate,
        Minutes minutes,
        String summary,
        List<Citation> supporting) {

    public static final String DEPLOY_THEN_INCIDENT = "deploy_then_incident";
    public static final String REPEATED_INCIDENTS = "repeated_incidents";
    public static final String REVIEW_TURNAROUND = "review_turnaround";
    public static final String REOPENED_WORK = "reopened_work";

    public Pattern {
        supporting = List.copyOf(supporting);
    }

    /** How long something took: the median and the 90th percentile, in minutes. */
    public record Minutes(long median, long p90) {}
}
