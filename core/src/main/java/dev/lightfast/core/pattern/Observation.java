package dev.lightfast.core.pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One thing the patterns projection noted while reading the log, kept per thing and updated as
 * later events tell more: a deployment (and the incident that followed it, if one did), an incident
 * (and the deployment before it), a pull request's wait for its first review, a piece of work
 * closed and reopened. Patterns are counted from these; every one cites its events.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "pattern")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Observation.Deployment.class, name = Observation.DEPLOYMENT),
    @JsonSubTypes.Type(value = Observation.Incident.class, name = Observation.INCIDENT),
    @JsonSubTypes.Type(value = Observation.Review.class, name = Observation.REVIEW),
    @JsonSubTypes.Type(value = Observation.Work.class, name = Observation.WORK)
})
public sealed interface Observation {
    String DEPLOYMENT = "deployment";
    String INCIDENT = "incident";
    String REVIEW = "review";
    String WORK = "work";

    /** Which kind of observation: {@value #DEPLOYMENT}, {@value #INCIDENT}, {@value #REVIEW}, {@value #WORK}. */
    String pattern();

    /** The thing observed (its entity id): one observation per thing and pattern. */
    String key();

    /** The service it is in, as {@link dev.lightfast.core.graph.Areas} names it; null when unknown. */
    String area();

    /** When it happened in the world. */
    Instant at();

    /** The seq of the event it was first noted from. */
    long seq();

    /** Something that happened some minutes after (or before) the observed thing, cited. */
    record Near(Answer.Ref thing, Instant at, long minutes, Citation citation) {}

    /**
     * A deployment, from its first event; {@code live} once it succeeded in its environment (then
     * {@code at} is when), with the first incident in the same service and environment within a day
     * after, if any.
     *
     * @param commit the SHA it deployed; {@code version} the ref or tag it names, when one
     * @param author whose change it ships: the deployed commit's author, else who deployed
     * @param size lines changed by the pull request it ships, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Deployment(
            String key,
            Answer.Ref deployment,
            String area,
            String environment,
            Instant at,
            long seq,
            Citation citation,
            String commit,
            String version,
            Answer.Ref author,
            Answer.Ref pullRequest,
            Integer size,
            boolean live,
            Near incident)
            implements Observation {
        @Override
        public String pattern() {
            return DEPLOYMENT;
        }

        public Deployment followedBy(Near next) {
            return new Deployment(
                    key,
                    deployment,
                    area,
                    environment,
                    at,
                    seq,
                    citation,
                    commit,
                    version,
                    author,
                    pullRequest,
                    size,
                    live,
                    next);
        }
    }

    /** An incident, and the last deployment to its service and environment in the day before it, if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Incident(
            String key,
            Answer.Ref incident,
            String area,
            String environment,
            Instant at,
            long seq,
            Citation citation,
            Near deployment)
            implements Observation {
        @Override
        public String pattern() {
            return INCIDENT;
        }

        public Incident placed(String a, String env) {
            return new Incident(key, incident, a, env, at, seq, citation, deployment);
        }

        public Incident after(Near d) {
            return new Incident(key, incident, area, environment, at, seq, citation, d);
        }
    }

    /**
     * A pull request from its opening to its first review by someone other than its author (null
     * until reviewed), with its size and the commits it contains (a deployment of one ships it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Review(
            String key,
            Answer.Ref pullRequest,
            String area,
            Instant at,
            long seq,
            Citation opened,
            Answer.Ref author,
            Near firstReview,
            Integer size,
            List<String> commits)
            implements Observation {
        public Review {
            commits = commits == null ? List.of() : List.copyOf(commits);
        }

        @Override
        public String pattern() {
            return REVIEW;
        }
    }

    /**
     * A piece of work (an issue, a pull request, an incident) as its own tool states it: whether it
     * is done now, and each time it was reopened after being done, cited.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Work(
            String key,
            Answer.Ref item,
            String area,
            Instant at,
            long seq,
            boolean done,
            Citation lastDone,
            List<Citation> reopened)
            implements Observation {
        public Work {
            reopened = List.copyOf(reopened);
        }

        @Override
        public String pattern() {
            return WORK;
        }
    }
}
