package dev.lightfast.reason.why;

import static dev.lightfast.reason.why.DeployedCommits.ref;
import static dev.lightfast.reason.why.DeployedCommits.tool;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.why.Chain;
import dev.lightfast.core.why.ShippedCommits;
import dev.lightfast.core.why.WhyChains;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks causes backwards from something that happened, one kind at a time: an incident to the
 * deployment that shipped the release it was seen in (or, when no tool names the release, the
 * deployment to the same service and environment minutes before); a deployment to the commits it
 * shipped ({@link ShippedCommits}); a commit to the pull request that contains it; a pull request to
 * the issues it fixes or names; an issue to the decision that names it (or whose message it links)
 * and to an incident it was filed about; a decision to the incident it was taken in the thread of.
 * Each link is a {@link Chain.Step}: asserted when the tools state every part of it, inferred
 * otherwise, never both. A cause must come before its effect.
 *
 * <p>Where a thing has several causes the walk follows the one whose own chain goes furthest back
 * (a decision at its root counts extra), asserted links before inferred ones; the others are kept in
 * {@link Chain#others()}.
 */
public final class CausalChains implements WhyChains {
    /** The longest chain walked. */
    static final int MAX_STEPS = 8;
    /** Candidate causes looked at per thing. */
    static final int BRANCHES = 6;
    /** Things expanded per chain: the walk stops widening past it. */
    static final int BUDGET = 400;
    /** Clocks of different tools drift: a cause may be stamped this much after its effect. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** An incident this long after a deployment to its place may be linked to it by time alone. */
    static final Duration NEAR = Duration.ofHours(1);

    /** The weight of reaching a decision: the chain then ends at why someone chose to act. */
    private static final double DECISION = 0.5;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final GraphStore graph;
    private final PatternStore patterns;
    private final ShippedCommits shipped;

    public CausalChains(GraphStore graph, PatternStore patterns, ShippedCommits shipped) {
        this.graph = graph;
        this.patterns = patterns;
        this.shipped = shipped;
    }

    @Override
    public Chain explain(TenantId tenant, Entity start, AsOf asOf) {
        var walk = new Walk(tenant, asOf);
        Path best = walk.best(start, null, new LinkedHashSet<>(Set.of(start.id())), 0);
        List<Chain.Step> steps = new ArrayList<>();
        for (int i = 0; i < best.steps.size(); i++) {
            steps.add(best.steps.get(i).numbered(i + 1));
        }
        Set<String> onChain = new LinkedHashSet<>();
        onChain.add(start.id());
        steps.forEach(s -> onChain.add(s.cause().id()));
        List<Chain.Step> others = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Candidate c : walk.candidates(steps.get(i).effect().id())) {
                if (!onChain.contains(c.cause.id()) && others.size() < 10) {
                    others.add(c.step.numbered(i + 1));
                    onChain.add(c.cause.id());
                }
            }
        }
        return new Chain(ref(start), steps, others, summary(start, steps));
    }

    private static List<Answer.Sentence> summary(Entity start, List<Chain.Step> steps) {
        List<Answer.Sentence> out = new ArrayList<>();
        if (steps.isEmpty()) {
            return out;
        }
        var chain = new StringBuilder(start.name());
        long inferred = steps.stream().filter(Chain.Step::inferred).count();
        List<String> cited = new ArrayList<>();
        for (var s : steps) {
            chain.append(" ← ")
                    .append(s.cause().kind().replace('_', ' '))
                    .append(' ')
                    .append(s.cause().label());
            s.citations().stream().limit(1).map(Citation::eventId).forEach(cited::add);
        }
        out.add(new Answer.Sentence(
                "Why " + start.name() + ": " + chain + " (" + steps.size() + " step" + (steps.size() == 1 ? "" : "s")
                        + ", " + (steps.size() - inferred) + " asserted by the tools, " + inferred + " inferred).",
                cited));
        for (var s : steps) {
            out.add(new Answer.Sentence(
                    s.n() + ". "
                            + (s.inferred() ? "[inferred, " + Math.round(s.confidence() * 100) + "%] " : "[asserted] ")
                            + s.rationale(),
                    s.citations().stream().map(Citation::eventId).limit(6).toList()));
        }
        return out;
    }

    /** A chain found from some thing back: its steps and how good it is. */
    private record Path(List<Chain.Step> steps, double score) {
        static final Path NONE = new Path(List.of(), 0);
    }

    /** A possible cause of a thing and the step to it. */
    private record Candidate(Entity cause, Chain.Step step) {
        double weight() {
            return step.confidence() + (step.inferred() ? 0 : 0.05);
        }
    }

    /** One explanation's walk, with what it read kept for the rest of it. */
    private final class Walk {
        private final TenantId tenant;
        private final AsOf asOf;
        private final Map<String, Optional<Entity>> entities = new HashMap<>();
        private final Map<String, List<Relation>> relations = new HashMap<>();
        private final Map<String, List<Candidate>> candidates = new HashMap<>();
        private final Map<String, Instant> times = new HashMap<>();
        private int expanded;

        Walk(TenantId tenant, AsOf asOf) {
            this.tenant = tenant;
            this.asOf = asOf;
        }

        /** The best chain back from {@code effect}; {@code after} is the time of what {@code effect} caused. */
        Path best(Entity effect, Instant after, Set<String> visited, int depth) {
            if (depth >= MAX_STEPS || expanded++ > BUDGET) {
                return Path.NONE;
            }
            Instant effectAt = at(effect);
            Path best = Path.NONE;
            for (Candidate c : candidates(effect)) {
                if (visited.contains(c.cause.id()) || !before(c.cause, effectAt, after)) {
                    continue;
                }
                visited.add(c.cause.id());
                Path rest = best(c.cause, effectAt, visited, depth + 1);
                visited.remove(c.cause.id());
                List<Chain.Step> steps = new ArrayList<>();
                steps.add(c.step);
                steps.addAll(rest.steps);
                double score = c.weight()
                        + rest.score
                        + (rest.steps.isEmpty() && EntityKind.DECISION.is(c.cause.kind()) ? DECISION : 0);
                if (score > best.score + 1e-9) {
                    best = new Path(List.copyOf(steps), score);
                }
            }
            return best;
        }

        /**
         * Whether a cause came before its effect (within the tools' clock drift). A decision may
         * come after the thing it is about was filed, as long as it came before what that thing led to.
         */
        private boolean before(Entity cause, Instant effectAt, Instant after) {
            Instant causeAt = at(cause);
            if (causeAt == null || effectAt == null) {
                return true;
            }
            if (!causeAt.isAfter(effectAt.plus(SKEW))) {
                return true;
            }
            return EntityKind.DECISION.is(cause.kind()) && after != null && !causeAt.isAfter(after.plus(SKEW));
        }

        List<Candidate> candidates(String id) {
            List<Candidate> known = candidates.get(id);
            if (known != null) {
                return known;
            }
            return entity(id).map(this::candidates).orElse(List.of());
        }

        List<Candidate> candidates(Entity effect) {
            return candidates.computeIfAbsent(effect.id(), k -> {
                List<Candidate> found = new ArrayList<>();
                switch (EntityKind.of(effect.kind()).orElse(EntityKind.LABEL)) {
                    case INCIDENT -> ofIncident(effect, found);
                    case DEPLOYMENT -> ofDeployment(effect, found);
                    case RELEASE -> ofRelease(effect, found);
                    case COMMIT -> ofCommit(effect, found);
                    case PULL_REQUEST -> ofPullRequest(effect, found);
                    case ISSUE -> ofIssue(effect, found);
                    case DECISION -> ofDecision(effect, found);
                    default -> {
                        // other things have no causes the walk knows
                    }
                }
                Map<String, Candidate> unique = new LinkedHashMap<>();
                for (Candidate c : found) {
                    unique.merge(c.cause.id(), c, (a, b) -> a.weight() >= b.weight() ? a : b);
                }
                return unique.values().stream()
                        .sorted(Comparator.comparingDouble(Candidate::weight).reversed())
                        .limit(BRANCHES)
                        .toList();
            });
        }

        // ---- an incident's deployment ---------------------------------------------------------------

        private void ofIncident(Entity incident, List<Candidate> out) {
            String environment = environmentOf(incident, RelationType.OCCURRED_IN);
            Instant began = at(incident);
            Observation.Incident noted = noted(incident);
            for (Relation seen : relations(incident.id(), RelationType.SEEN_IN)) {
                Entity release = other(seen, incident).orElse(null);
                if (release == null || !EntityKind.RELEASE.is(release.kind())) {
                    continue;
                }
                var evidence = new ArrayList<Chain.Evidence>();
                evidence.add(Chain.Evidence.asserted(
                        tool(seen.citations()) + " saw " + incident.name() + " in release " + release.name(),
                        seen.citations()));
                boolean viaDeployment = false;
                for (Relation built : relations(release.id(), RelationType.BUILT_FROM)) {
                    Entity commit = other(built, release).orElse(null);
                    if (commit == null || !EntityKind.COMMIT.is(commit.kind())) {
                        continue;
                    }
                    Candidate deployed =
                            deploymentOf(incident, environment, began, release, commit, seen, built, noted);
                    if (deployed != null) {
                        out.add(deployed);
                        viaDeployment = true;
                    }
                }
                if (!viaDeployment) {
                    out.add(new Candidate(
                            release,
                            step(
                                    incident,
                                    release,
                                    RelationType.SEEN_IN,
                                    incident,
                                    release,
                                    Chain.ASSERTED,
                                    1.0,
                                    tool(seen.citations()) + " saw " + incident.name() + " in release " + release.name()
                                            + "; no deployment of it is known, so the chain goes on from the release.",
                                    evidence)));
                }
                byVersion(incident, environment, began, release, seen, out);
            }
            byTime(incident, noted, out);
        }

        /** The deployment in the incident's environment that shipped the release's commit, last before it began. */
        private Candidate deploymentOf(
                Entity incident,
                String environment,
                Instant began,
                Entity release,
                Entity commit,
                Relation seen,
                Relation built,
                Observation.Incident noted) {
            Entity best = null;
            Relation bestDeployed = null;
            for (Relation deployed : relations(commit.id(), RelationType.DEPLOYED)) {
                Entity deployment = other(deployed, commit).orElse(null);
                if (deployment == null
                        || !EntityKind.DEPLOYMENT.is(deployment.kind())
                        || deployed.to().equals(deployment.id())) {
                    continue;
                }
                String env = environmentOf(deployment, RelationType.DEPLOYED_TO);
                if (environment != null && env != null && !environment.equals(env)) {
                    continue;
                }
                Instant at = at(deployment);
                if (began != null && at != null && at.isAfter(began.plus(SKEW))) {
                    continue;
                }
                if (best == null || (at != null && at(best) != null && at.isAfter(at(best)))) {
                    best = deployment;
                    bestDeployed = deployed;
                }
            }
            if (best == null) {
                return null;
            }
            var evidence = new ArrayList<Chain.Evidence>();
            evidence.add(Chain.Evidence.asserted(
                    tool(seen.citations()) + " saw " + incident.name() + " in release " + release.name(),
                    seen.citations()));
            evidence.add(Chain.Evidence.asserted(
                    "release " + release.name() + " was built from commit " + commit.name(), built.citations()));
            evidence.add(Chain.Evidence.asserted(
                    tool(bestDeployed.citations()) + " says " + best.name() + " deployed " + commit.name(),
                    bestDeployed.citations()));
            String gap = "";
            if (noted != null
                    && noted.deployment() != null
                    && noted.deployment().thing().id().equals(best.id())) {
                gap = ", " + minutes(noted.deployment().minutes()) + " before the first error";
                evidence.add(Chain.Evidence.inferred(
                        best.name() + " went live in the same service and environment "
                                + minutes(noted.deployment().minutes()) + " before " + incident.name() + " began",
                        List.of(noted.deployment().citation(), noted.citation())));
            }
            // When it went live, if the patterns noted it; else when its tool first reported it.
            Instant at = noted != null
                            && noted.deployment() != null
                            && noted.deployment().thing().id().equals(best.id())
                    ? noted.deployment().at()
                    : at(best);
            String rationale = tool(seen.citations()) + " saw " + incident.name() + " in release " + release.name()
                    + ", built from commit " + commit.name() + ", which " + best.name() + " deployed"
                    + (environment != null ? " to " + environment : "") + (at != null ? " at " + CLOCK.format(at) : "")
                    + gap + ".";
            return new Candidate(
                    best,
                    step(
                            incident,
                            best,
                            RelationType.CAUSED,
                            best,
                            incident,
                            Chain.ASSERTED,
                            1.0,
                            rationale,
                            evidence));
        }

        /** A deployment whose version the release names ({@code payments-api@2.13.1} and {@code v2.13.1}): inferred. */
        private void byVersion(
                Entity incident,
                String environment,
                Instant began,
                Entity release,
                Relation seen,
                List<Candidate> out) {
            Object version = release.attributes().get("version");
            String name = ClaimAttribute.release(version instanceof String v ? v : release.name());
            if (began == null || name.matches("[0-9a-f]{7,40}")) {
                return; // a SHA is matched by commit above
            }
            for (Observation o : patterns.observations(
                    tenant, Observation.DEPLOYMENT, null, began.minus(Duration.ofDays(60)), began.plus(SKEW))) {
                var d = (Observation.Deployment) o;
                if (!d.live()
                        || d.version() == null
                        || !visible(d.citation())
                        || !ClaimAttribute.release(d.version()).equals(name)
                        || (environment != null && d.environment() != null && !environment.equals(d.environment()))) {
                    continue;
                }
                Entity deployment = entity(d.key()).orElse(null);
                if (deployment == null) {
                    continue;
                }
                out.add(new Candidate(
                        deployment,
                        step(
                                incident,
                                deployment,
                                RelationType.CAUSED,
                                deployment,
                                incident,
                                Chain.INFERRED,
                                0.9,
                                tool(seen.citations()) + " saw " + incident.name() + " in release " + release.name()
                                        + ", the version " + deployment.name() + " deployed (" + d.version() + ") to "
                                        + d.environment() + " at " + WHEN.format(d.at())
                                        + "; matched by the version's name, which no tool states as one link.",
                                List.of(
                                        Chain.Evidence.asserted(
                                                tool(seen.citations()) + " saw " + incident.name() + " in release "
                                                        + release.name(),
                                                seen.citations()),
                                        Chain.Evidence.inferred(
                                                "the deployment's ref " + d.version() + " names the same version",
                                                List.of(d.citation()))))));
            }
        }

        /** The last deployment to the incident's service and environment in the hour before it: inferred from time. */
        private void byTime(Entity incident, Observation.Incident noted, List<Candidate> out) {
            if (noted == null
                    || noted.deployment() == null
                    || noted.deployment().minutes() > NEAR.toMinutes()
                    || !visible(noted.deployment().citation())) {
                return;
            }
            Entity deployment = entity(noted.deployment().thing().id()).orElse(null);
            if (deployment == null) {
                return;
            }
            long minutes = noted.deployment().minutes();
            long others = patterns
                    .observations(
                            tenant,
                            Observation.DEPLOYMENT,
                            noted.area(),
                            noted.at().minus(NEAR),
                            noted.at().plusSeconds(1))
                    .stream()
                    .filter(o -> ((Observation.Deployment) o).live())
                    .filter(o -> visible(((Observation.Deployment) o).citation()))
                    .count();
            // Closer in time is likelier; several deployments in the hour share the suspicion.
            double confidence = (0.85 - 0.4 * minutes / (double) NEAR.toMinutes()) / Math.sqrt(Math.max(1, others));
            confidence = Math.round(confidence * 100) / 100.0;
            String rationale = deployment.name() + " went live in " + env(noted.environment()) + " of " + noted.area()
                    + " at " + CLOCK.format(noted.deployment().at()) + ", " + minutes(minutes) + " before "
                    + incident.name() + " first appeared there"
                    + (others > 1 ? " (one of " + others + " deployments there in that hour)" : "")
                    + "; no tool links the two, so the link is inferred from service, environment and time.";
            out.add(new Candidate(
                    deployment,
                    step(
                            incident,
                            deployment,
                            RelationType.CAUSED,
                            deployment,
                            incident,
                            Chain.INFERRED,
                            confidence,
                            rationale,
                            List.of(Chain.Evidence.inferred(
                                    "same service (" + noted.area() + ") and environment (" + env(noted.environment())
                                            + "), " + minutes(minutes) + " apart",
                                    List.of(noted.deployment().citation(), noted.citation()))))));
        }

        private Observation.Incident noted(Entity incident) {
            for (Observation o : patterns.observations(
                    tenant,
                    Observation.INCIDENT,
                    null,
                    at(incident).minusSeconds(1),
                    at(incident).plusSeconds(86_400))) {
                if (o.key().equals(incident.id()) && visible(((Observation.Incident) o).citation())) {
                    return (Observation.Incident) o;
                }
            }
            return null;
        }

        // ---- deployments, releases, commits ---------------------------------------------------------

        private void ofDeployment(Entity deployment, List<Candidate> out) {
            for (ShippedCommits.Shipped s : shipped.of(tenant, deployment, asOf)) {
                out.add(new Candidate(s.commit(), s.link()));
            }
            for (Relation built : relations(deployment.id(), RelationType.BUILT_FROM)) {
                Entity pr = other(built, deployment).orElse(null);
                if (pr != null
                        && EntityKind.PULL_REQUEST.is(pr.kind())
                        && built.from().equals(deployment.id())) {
                    String says =
                            tool(built.citations()) + " says " + deployment.name() + " was built from " + pr.name();
                    out.add(new Candidate(
                            pr,
                            step(
                                    deployment,
                                    pr,
                                    RelationType.BUILT_FROM,
                                    deployment,
                                    pr,
                                    Chain.ASSERTED,
                                    0.95,
                                    says + ".",
                                    List.of(Chain.Evidence.asserted(says, built.citations())))));
                }
            }
        }

        private void ofRelease(Entity release, List<Candidate> out) {
            for (Relation built : relations(release.id(), RelationType.BUILT_FROM)) {
                Entity commit = other(built, release).orElse(null);
                if (commit != null && EntityKind.COMMIT.is(commit.kind())) {
                    String says = tool(built.citations()) + " says release " + release.name() + " was built from "
                            + commit.name();
                    out.add(new Candidate(
                            commit,
                            step(
                                    release,
                                    commit,
                                    RelationType.BUILT_FROM,
                                    release,
                                    commit,
                                    Chain.ASSERTED,
                                    1.0,
                                    says + ".",
                                    List.of(Chain.Evidence.asserted(says, built.citations())))));
                }
            }
        }

        private void ofCommit(Entity commit, List<Candidate> out) {
            for (Relation r : relations(commit.id(), RelationType.CONTAINS)) {
                Entity pr = other(r, commit).orElse(null);
                if (pr != null && EntityKind.PULL_REQUEST.is(pr.kind()) && r.to().equals(commit.id())) {
                    String says = tool(r.citations()) + " says " + pr.name() + " contains " + commit.name();
                    out.add(new Candidate(
                            pr,
                            step(
                                    commit,
                                    pr,
                                    RelationType.CONTAINS,
                                    pr,
                                    commit,
                                    Chain.ASSERTED,
                                    1.0,
                                    says + (merged(r) ? " (its merge)" : "") + ".",
                                    List.of(Chain.Evidence.asserted(says, r.citations())))));
                }
            }
            names(commit, out, 0.85);
        }

        private boolean merged(Relation contains) {
            return contains.citations().stream()
                    .anyMatch(c -> c.type() != null && c.type().endsWith(".merged"));
        }

        // ---- pull requests, issues, decisions -------------------------------------------------------

        private void ofPullRequest(Entity pr, List<Candidate> out) {
            names(pr, out, 0.9);
            decisionsAbout(pr, out);
        }

        /** The issues a change fixes (asserted, 1) or names in its text (asserted that it names them). */
        private void names(Entity change, List<Candidate> out, double naming) {
            String self = change.key().replace("/pull/", "/issues/");
            for (Relation r :
                    relations(change.id(), RelationType.FIXES, RelationType.REFERENCES, RelationType.MENTIONS)) {
                if (!r.from().equals(change.id())) {
                    continue;
                }
                Entity issue = entity(r.to()).orElse(null);
                if (issue == null
                        || !EntityKind.ISSUE.is(issue.kind())
                        || issue.key().equals(self)) {
                    continue;
                }
                boolean fixes = RelationType.FIXES.wire().equals(r.type());
                String says = tool(r.citations()) + " says " + change.name() + (fixes ? " fixes " : " names ")
                        + issue.name() + (fixes ? "" : " (in its title, branch or description)");
                out.add(new Candidate(
                        issue,
                        step(
                                change,
                                issue,
                                RelationType.of(r.type()).orElse(RelationType.MENTIONS),
                                change,
                                issue,
                                Chain.ASSERTED,
                                fixes ? 1.0 : naming,
                                says + ".",
                                List.of(Chain.Evidence.asserted(says, r.citations())))));
            }
        }

        private void ofIssue(Entity issue, List<Candidate> out) {
            decisionsAbout(issue, out);
            // The issue links a message that records a decision ("Follow-up to <slack permalink>").
            for (Relation r : relations(issue.id(), RelationType.MENTIONS)) {
                if (!r.from().equals(issue.id())) {
                    continue;
                }
                Entity mentioned = entity(r.to()).orElse(null);
                if (mentioned == null) {
                    continue;
                }
                if (EntityKind.MESSAGE.is(mentioned.kind())) {
                    for (Relation recorded : relations(mentioned.id(), RelationType.RECORDED_IN)) {
                        Entity decision = other(recorded, mentioned).orElse(null);
                        if (decision == null || !EntityKind.DECISION.is(decision.kind())) {
                            continue;
                        }
                        String says = tool(r.citations()) + " says " + issue.name() + " links the message that records "
                                + decisionName(decision);
                        out.add(new Candidate(
                                decision,
                                step(
                                        issue,
                                        decision,
                                        RelationType.MENTIONS,
                                        issue,
                                        mentioned,
                                        Chain.ASSERTED,
                                        1.0,
                                        says + decidedBy(decision) + ".",
                                        List.of(
                                                Chain.Evidence.asserted(says, r.citations()),
                                                Chain.Evidence.asserted(
                                                        tool(recorded.citations())
                                                                + " says the message records a decision",
                                                        recorded.citations())))));
                    }
                } else if (EntityKind.INCIDENT.is(mentioned.kind())) {
                    String says = tool(r.citations()) + " says " + issue.name() + " is about " + mentioned.name();
                    out.add(new Candidate(
                            mentioned,
                            step(
                                    issue,
                                    mentioned,
                                    RelationType.MENTIONS,
                                    issue,
                                    mentioned,
                                    Chain.ASSERTED,
                                    0.9,
                                    says + ", which began before it was filed.",
                                    List.of(Chain.Evidence.asserted(says, r.citations())))));
                }
            }
        }

        /** Decisions recorded about the thing: a decision message that names it. */
        private void decisionsAbout(Entity thing, List<Candidate> out) {
            for (Relation r : relations(thing.id(), RelationType.ABOUT)) {
                Entity decision = other(r, thing).orElse(null);
                if (decision == null || !EntityKind.DECISION.is(decision.kind()) || !r.to().equals(thing.id())) {
                    continue;
                }
                String says = tool(r.citations()) + " records " + decisionName(decision) + " naming " + thing.name();
                out.add(new Candidate(
                        decision,
                        step(
                                thing,
                                decision,
                                RelationType.ABOUT,
                                decision,
                                thing,
                                Chain.ASSERTED,
                                1.0,
                                says + decidedBy(decision) + ".",
                                List.of(Chain.Evidence.asserted(says, r.citations())))));
            }
        }

        /** A decision taken in a thread that reports an incident was taken because of it (inferred). */
        private void ofDecision(Entity decision, List<Candidate> out) {
            for (Relation r : relations(decision.id(), RelationType.ABOUT)) {
                Entity about = other(r, decision).orElse(null);
                if (about != null && r.from().equals(decision.id()) && EntityKind.INCIDENT.is(about.kind())) {
                    String says =
                            tool(r.citations()) + " records " + decisionName(decision) + " naming " + about.name();
                    out.add(new Candidate(
                            about,
                            step(
                                    decision,
                                    about,
                                    RelationType.ABOUT,
                                    decision,
                                    about,
                                    Chain.ASSERTED,
                                    1.0,
                                    says + ".",
                                    List.of(Chain.Evidence.asserted(says, r.citations())))));
                }
            }
            for (Relation inThread : relations(decision.id(), RelationType.BELONGS_TO)) {
                Entity thread = other(inThread, decision).orElse(null);
                if (thread == null || !EntityKind.THREAD.is(thread.kind())) {
                    continue;
                }
                for (Relation started : relations(thread.id(), RelationType.STARTED_WITH)) {
                    Entity root = other(started, thread).orElse(null);
                    if (root == null) {
                        continue;
                    }
                    for (Relation m : relations(root.id(), RelationType.MENTIONS)) {
                        Entity incident = entity(m.to()).orElse(null);
                        if (incident == null
                                || !EntityKind.INCIDENT.is(incident.kind())
                                || !m.from().equals(root.id())) {
                            continue;
                        }
                        List<Citation> cited = new ArrayList<>(inThread.citations());
                        m.citations().forEach(cited::add);
                        out.add(new Candidate(
                                incident,
                                step(
                                        decision,
                                        incident,
                                        RelationType.BELONGS_TO,
                                        decision,
                                        thread,
                                        Chain.INFERRED,
                                        0.8,
                                        decisionName(decision) + " was taken in the thread that reports "
                                                + incident.name()
                                                + "; the decision does not name it, so the link is inferred from the thread.",
                                        List.of(
                                                Chain.Evidence.asserted(
                                                        tool(inThread.citations())
                                                                + " says the decision was posted in the thread",
                                                        inThread.citations()),
                                                Chain.Evidence.asserted(
                                                        tool(m.citations()) + " says the thread's first message names "
                                                                + incident.name(),
                                                        m.citations())))));
                    }
                }
            }
        }

        private String decisionName(Entity decision) {
            Object summary = decision.attributes().get("summary");
            String text = summary instanceof String s ? s : decision.name();
            return "the decision \"" + (text.length() > 140 ? text.substring(0, 139) + "…" : text) + "\"";
        }

        private String decidedBy(Entity decision) {
            for (Relation r : relations(decision.id(), RelationType.DECIDED)) {
                if (r.to().equals(decision.id())) {
                    Entity person = entity(r.from()).orElse(null);
                    if (person != null) {
                        Instant at = at(decision);
                        return ", decided by " + person.name() + (at != null ? " on " + WHEN.format(at) : "");
                    }
                }
            }
            return "";
        }

        // ---- reading the graph ----------------------------------------------------------------------

        private Chain.Step step(
                Entity effect,
                Entity cause,
                RelationType relation,
                Entity from,
                Entity to,
                String basis,
                double confidence,
                String rationale,
                List<Chain.Evidence> evidence) {
            List<Citation> cited = new ArrayList<>();
            for (Chain.Evidence e : evidence) {
                for (Citation c : e.citations()) {
                    if (visible(c) && cited.stream().noneMatch(x -> x.eventId().equals(c.eventId()))) {
                        cited.add(c);
                    }
                }
            }
            return new Chain.Step(
                    0,
                    ref(effect),
                    ref(cause),
                    relation.wire(),
                    from.id(),
                    to.id(),
                    basis,
                    Chain.ASSERTED.equals(basis) ? 1.0 : confidence,
                    rationale,
                    evidence,
                    cited);
        }

        private boolean visible(Citation c) {
            return (asOf.seq() == null || c.seq() <= asOf.seq())
                    && (asOf.time() == null || !c.occurredAt().isAfter(asOf.time()));
        }

        Optional<Entity> entity(String id) {
            return entities.computeIfAbsent(id, k -> graph.entity(tenant, k, asOf));
        }

        private Optional<Entity> other(Relation r, Entity from) {
            return entity(r.from().equals(from.id()) ? r.to() : r.from());
        }

        private List<Relation> relations(String id, RelationType... types) {
            Set<String> wire = new java.util.TreeSet<>();
            for (RelationType t : types) {
                wire.add(t.wire());
            }
            return relations.computeIfAbsent(id + "|" + wire, k -> graph.relations(tenant, id, asOf, wire));
        }

        private String environmentOf(Entity thing, RelationType type) {
            for (Relation r : relations(thing.id(), type)) {
                if (r.from().equals(thing.id())) {
                    return entity(r.to())
                            .map(e -> dev.lightfast.core.graph.Areas.environment(e.name()))
                            .orElse(null);
                }
            }
            return null;
        }

        /**
         * When a thing began: an incident when its tool first saw it; anything else its first event in
         * its own tool (a Linear issue's creation, not the Slack message that named it first).
         */
        Instant at(Entity e) {
            return times.computeIfAbsent(e.id(), k -> {
                if (e.attributes().get("first_seen") instanceof String seen) {
                    try {
                        return Instant.parse(seen);
                    } catch (java.time.format.DateTimeParseException notATime) {
                        // its events then
                    }
                }
                String tool =
                        e.key().contains(":") ? e.key().substring(0, e.key().indexOf(':')) : "";
                Instant first = null;
                for (Citation c : graph.timeline(tenant, e.id(), asOf, 0, 50)) {
                    boolean own =
                            tool.equals("git") || (c.type() != null && c.type().startsWith(tool + "."));
                    if (own && (first == null || c.occurredAt().isBefore(first))) {
                        first = c.occurredAt();
                    }
                }
                return first != null ? first : e.firstSeen();
            });
        }
    }

    private static String env(String environment) {
        return environment == null ? "production" : environment;
    }

    private static String minutes(long m) {
        return m < 1 ? "under a minute" : m == 1 ? "1 minute" : m + " minutes";
    }
}
