package dev.lightfast.reason.risk;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.Areas;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores a pull request or a deployment for the risk that an incident follows it within an hour of
 * going to production: fits {@link NaiveBayes} on every production deployment known before it
 * (from the patterns projection: where it went, when, whose change, how big, and whether an incident
 * followed) and scores the change on the same {@link Features}, each cited. Back-tested by {@code
 * lightfast bench risk}.
 */
public final class RiskModel {
    private final PatternStore patterns;
    private final GraphStore graph;

    public RiskModel(PatternStore patterns, GraphStore graph) {
        this.patterns = patterns;
        this.graph = graph;
    }

    /** The risk of a pull request (as if deployed now) or a deployment (as of when it was made). */
    public Risk of(TenantId tenant, Entity target, AsOf asOf) {
        List<Observation.Deployment> deployments = new ArrayList<>();
        for (Observation o : patterns.observations(tenant, Observation.DEPLOYMENT)) {
            var d = (Observation.Deployment) o;
            if (d.live() && visible(d.citation(), asOf)) {
                deployments.add(d);
            }
        }
        List<Observation.Incident> incidents = new ArrayList<>();
        for (Observation o : patterns.observations(tenant, Observation.INCIDENT)) {
            if (visible(((Observation.Incident) o).citation(), asOf)) {
                incidents.add((Observation.Incident) o);
            }
        }
        var features = new Features(deployments, incidents);
        Example candidate;
        if (EntityKind.PULL_REQUEST.is(target.kind())) {
            candidate = pullRequest(tenant, target, asOf, features);
        } else if (EntityKind.DEPLOYMENT.is(target.kind())) {
            candidate = deployment(tenant, target, asOf, features);
        } else {
            throw new InvalidInput("risk is scored for a pull request or a deployment; " + target.name() + " is a "
                    + target.kind().replace('_', ' '));
        }
        return score(ref(target), candidate, features.history(candidate.at()));
    }

    /** Scores one change against a history: the model fitted on {@code past}. Used by the back-test too. */
    static Risk score(Answer.Ref entity, Example candidate, List<Example> past) {
        var model = NaiveBayes.fit(past);
        double p = model.score(candidate);
        double base = past.isEmpty() ? 0 : (double) model.positives() / past.size();
        List<Risk.Feature> features = new ArrayList<>();
        List<Citation> cited = new ArrayList<>();
        for (var f : candidate.features().entrySet()) {
            double w = round(model.weight(f.getKey(), f.getValue().bucket()));
            features.add(new Risk.Feature(
                    f.getKey(),
                    f.getValue().value(),
                    f.getValue().bucket(),
                    w,
                    w > 0.05 ? "raises" : w < -0.05 ? "lowers" : "neutral",
                    f.getValue().citations()));
            f.getValue().citations().stream()
                    .filter(c -> cited.stream().noneMatch(x -> x.eventId().equals(c.eventId())))
                    .forEach(cited::add);
        }
        // Levels against the smoothed base rate, so a history without incidents yet still has a scale.
        double scale = model.base();
        String level = past.isEmpty() ? "unknown" : p >= 2 * scale ? "high" : p < 0.75 * scale ? "low" : "medium";
        var strongest = features.stream()
                .filter(f -> !f.effect().equals("neutral"))
                .sorted(Comparator.comparingDouble((Risk.Feature f) -> Math.abs(f.weight()))
                        .reversed())
                .limit(2)
                .map(f -> f.name().replace('_', ' ') + " " + f.bucket() + " " + f.effect() + " it")
                .toList();
        String summary = past.isEmpty()
                ? "No production deployment is known yet to learn from: " + entity.label() + " cannot be scored."
                : String.format(
                        Locale.ROOT,
                        "%s: %.0f%% chance of an incident within an hour of deploying (base rate %.0f%% over %d"
                                + " deployments, %d followed by one): %s risk%s.",
                        entity.label(),
                        p * 100,
                        base * 100,
                        past.size(),
                        model.positives(),
                        level,
                        strongest.isEmpty() ? "" : "; " + String.join(", ", strongest));
        return new Risk(entity, round(p), round(base), level, past.size(), model.positives(), features, summary, cited);
    }

    private Example pullRequest(TenantId tenant, Entity pr, AsOf asOf, Features features) {
        String area = null;
        Answer.Ref author = null;
        for (Relation r : graph.relations(
                tenant, pr.id(), asOf, Set.of(RelationType.BELONGS_TO.wire(), RelationType.AUTHORED.wire()))) {
            if (RelationType.BELONGS_TO.wire().equals(r.type()) && r.from().equals(pr.id()) && area == null) {
                area = graph.entity(tenant, r.to(), asOf).flatMap(Areas::of).orElse(null);
            } else if (RelationType.AUTHORED.wire().equals(r.type()) && r.to().equals(pr.id()) && author == null) {
                author =
                        graph.entity(tenant, r.from(), asOf).map(RiskModel::ref).orElse(null);
            }
        }
        if (area == null) {
            throw new InvalidInput(pr.name() + " belongs to no repository the graph knows; its risk cannot be placed");
        }
        Integer size = null;
        if (pr.attributes().get("additions") instanceof Number a
                && pr.attributes().get("deletions") instanceof Number d) {
            size = a.intValue() + d.intValue();
        }
        Citation latest = pr.citations().isEmpty() ? null : pr.citations().getFirst();
        return features.candidate(pr.id(), area, size, now(tenant, pr, asOf), author, latest);
    }

    /**
     * When a pull request would deploy "now": the reading point, else the latest thing the patterns
     * know of (the log's present), and never before the pull request's own latest event.
     */
    private Instant now(TenantId tenant, Entity pr, AsOf asOf) {
        if (asOf.time() != null) {
            return asOf.time();
        }
        Instant now = pr.lastSeen();
        for (Observation o : patterns.observations(tenant, null)) {
            if (o.at().isAfter(now) && o.seq() <= (asOf.seq() == null ? Long.MAX_VALUE : asOf.seq())) {
                now = o.at();
            }
        }
        return now;
    }

    private Example deployment(TenantId tenant, Entity deployment, AsOf asOf, Features features) {
        Observation.Deployment noted = null;
        for (Observation o : patterns.observations(tenant, Observation.DEPLOYMENT)) {
            if (o.key().equals(deployment.id()) && visible(((Observation.Deployment) o).citation(), asOf)) {
                noted = (Observation.Deployment) o;
            }
        }
        if (noted == null || noted.area() == null) {
            throw new InvalidInput(deployment.name() + " has no service the patterns know; its risk cannot be placed");
        }
        return features.candidate(
                deployment.id(), noted.area(), noted.size(), noted.at(), noted.author(), noted.citation());
    }

    private static boolean visible(Citation c, AsOf asOf) {
        return (asOf.seq() == null || c.seq() <= asOf.seq())
                && (asOf.time() == null || !c.occurredAt().isAfter(asOf.time()));
    }

    static Answer.Ref ref(Entity e) {
        return new Answer.Ref(e.id(), e.kind(), e.name());
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** For the back-test: the examples of a history of deployments and incidents, and a scorer. */
    public static final class Backtest {
        private final Features features;

        public Backtest(List<Observation.Deployment> deployments, List<Observation.Incident> incidents) {
            this.features = new Features(deployments, incidents);
        }

        /** Every production deployment before {@code until}, with its features and whether an incident followed. */
        public List<Scored> score(Instant split, Instant until) {
            List<Example> past = features.history(split);
            var model = NaiveBayes.fit(past);
            List<Scored> out = new ArrayList<>();
            for (Example e : features.history(until)) {
                if (!e.at().isBefore(split)) {
                    out.add(new Scored(e.key(), e.at(), model.score(e), Boolean.TRUE.equals(e.followed())));
                }
            }
            return out;
        }

        /** How many past deployments the model learns from at {@code split}, and how many of them an incident followed. */
        public int[] learnedFrom(Instant split) {
            List<Example> past = features.history(split);
            return new int[] {
                past.size(),
                (int) past.stream()
                        .filter(e -> Boolean.TRUE.equals(e.followed()))
                        .count()
            };
        }
    }

    /** A future deployment's score and what happened. */
    public record Scored(String key, Instant at, double score, boolean followed) {}
}
