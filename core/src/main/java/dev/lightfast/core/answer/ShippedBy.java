package dev.lightfast.core.answer;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which deployments shipped a change: a commit, a pull request (its merge), the issues it fixes, a
 * release or tag. A tool's deployment names only the commit it deployed (GitHub's payload, Vercel's
 * git metadata), yet it ships every commit its branch received since the previous deployment to
 * that environment. So a commit is shipped, per environment, by the first deployment (in time, not
 * failed) whose deployed commit is the commit itself, which the deployment asserts, or a later
 * commit of the same branch, which is <em>inferred</em> from the order in which the branch received
 * them (their pushes' place in the log).
 *
 * <p>Every shipment carries its path from the thing asked about to the deployment, each link cited
 * and marked {@code asserted} or {@code inferred} with a confidence and its rationale, so an answer
 * never passes an inference off as a fact. Reused by answers ("which deployment shipped PR #57?",
 * "when was v2.12.0 deployed?") and by why-chains (incident ← deployment ← commit ← PR ← issue).
 *
 * <p>Limits: the order of a branch is its pushes' order in the log, so a force-push that drops a
 * commit is not seen, and a commit that reached the branch only by a merge the tools did not report
 * is not placed on it.
 */
public final class ShippedBy {
    /** Deployment states that mean it did not ship. */
    static final Set<String> FAILED = Set.of("failure", "failed", "error", "errored", "canceled", "cancelled");
    /** How sure an inference from the branch's order is: the deployment states only its own commit. */
    static final double BY_BRANCH_ORDER = 0.9;
    /** How sure the commit a release was cut from is, taken as its branch's last when it was published. */
    static final double BY_BRANCH_HEAD = 0.8;
    /** How sure an inference from a deployment naming the release's tag as its ref is. */
    static final double BY_REF = 0.95;

    private static final int MAX_ENVIRONMENTS = 200;
    /** Deployments looked at per environment after the change: a change ships within these or not. */
    private static final int MAX_CHECKED = 60;

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");

    private final GraphStore graph;

    public ShippedBy(GraphStore graph) {
        this.graph = graph;
    }

    /**
     * One deployment that shipped the thing asked about.
     *
     * @param environment where it went; null when the deployment does not say
     * @param at when the deployment was made
     * @param state its latest state as known at the reading point ({@code success}, ...); may be null
     * @param path the links from the thing asked about to the deployment, in that order; the last
     *     link is the deployment's, asserted or inferred
     */
    public record Shipment(Entity deployment, Entity environment, Instant at, String state, List<Answer.Step> path) {

        /** The link that says the deployment shipped it: the last of the path. */
        public Answer.Step link() {
            return path.getLast();
        }

        /**
         * The events that say it shipped: the last link's, or, for a deployment asked about itself
         * (no path), the deployment's own.
         */
        public List<Citation> citations() {
            return path.isEmpty() ? deployment.citations() : link().citations();
        }

        public boolean inferred() {
            return path.stream().anyMatch(Answer.Step::inferred);
        }
    }

    /**
     * The deployments that shipped {@code thing}, the first per environment, earliest first; empty
     * when none did (or the graph cannot tell). A deployment ships itself.
     */
    public List<Shipment> of(TenantId tenant, Entity thing, AsOf asOf) {
        return new Walk(tenant, asOf).of(thing);
    }

    /** One question's walk, with what it read kept for the rest of the walk. */
    private final class Walk {
        private final TenantId tenant;
        private final AsOf asOf;
        private final Map<String, Optional<Entity>> entities = new HashMap<>();
        private final Map<String, List<Relation>> relations = new HashMap<>();
        private List<Entity> environments;

        Walk(TenantId tenant, AsOf asOf) {
            this.tenant = tenant;
            this.asOf = asOf;
        }

        List<Shipment> of(Entity thing) {
            EntityKind kind = EntityKind.of(thing.kind()).orElse(null);
            if (kind == null) {
                return List.of();
            }
            List<Shipment> found = switch (kind) {
                case DEPLOYMENT -> self(thing).map(List::of).orElse(List.of());
                case COMMIT -> ofCommit(thing, List.of());
                case PULL_REQUEST -> ofPullRequest(thing, List.of());
                case ISSUE, INCIDENT -> ofFixed(thing);
                case RELEASE, TAG -> ofVersion(thing);
                default -> List.of();
            };
            return firstPerEnvironment(found);
        }

        // ---- what a thing's change is ------------------------------------------------------------

        /** The issue is shipped where the pull requests and commits that fix it are. */
        private List<Shipment> ofFixed(Entity issue) {
            List<Shipment> out = new ArrayList<>();
            boolean stated = false;
            for (Relation r : relations(issue.id(), RelationType.FIXES)) {
                if (!r.to().equals(issue.id())) {
                    continue;
                }
                Entity fixer = entity(r.from()).orElse(null);
                if (fixer == null) {
                    continue;
                }
                stated = true;
                List<Answer.Step> prefix = List.of(asserted(fixer, r, issue));
                if (EntityKind.PULL_REQUEST.is(fixer.kind())) {
                    out.addAll(ofPullRequest(fixer, prefix));
                } else if (EntityKind.COMMIT.is(fixer.kind())) {
                    out.addAll(ofCommit(fixer, prefix));
                }
            }
            // Another tool's issue, named by the merged pull request taken for its fix (inferred).
            if (!stated) {
                for (NamedFixes.Fix fix : NamedFixes.of(graphView(), issue)) {
                    out.addAll(ofPullRequest(fix.pr(), List.of(fix.inferred())));
                }
            }
            return out;
        }

        private NamedFixes.Graph graphView() {
            return new NamedFixes.Graph() {
                public List<Relation> relations(String id, RelationType type) {
                    return Walk.this.relations(id, type);
                }

                public Optional<Entity> entity(String id) {
                    return Walk.this.entity(id);
                }

                public List<Citation> visible(List<Citation> citations) {
                    return Walk.this.visible(citations);
                }
            };
        }

        /**
         * A pull request ships with its merge: the last of its commits on the branch it goes into.
         * Without that branch in the graph, each of its commits is looked at.
         */
        private List<Shipment> ofPullRequest(Entity pr, List<Answer.Step> prefix) {
            var merged = mergedCommit(pr);
            if (merged != null) {
                return ofCommit(merged.commit, append(prefix, asserted(pr, merged.contains, merged.commit)));
            }
            List<Shipment> out = new ArrayList<>();
            for (Relation r : relations(pr.id(), RelationType.CONTAINS)) {
                if (!r.from().equals(pr.id())) {
                    continue;
                }
                entity(r.to())
                        .filter(c -> EntityKind.COMMIT.is(c.kind()))
                        .ifPresent(c -> out.addAll(shipmentsOf(c, append(prefix, asserted(pr, r, c)))));
            }
            return out;
        }

        /**
         * A commit of a merged pull request that is not on the branch it went into (its branch was
         * squashed or rebased) ships with that merge; any other commit ships where it is.
         */
        private List<Shipment> ofCommit(Entity commit, List<Answer.Step> prefix) {
            if (prefix.isEmpty()) {
                for (Relation r : relations(commit.id(), RelationType.CONTAINS)) {
                    if (!r.to().equals(commit.id())) {
                        continue;
                    }
                    Entity holder = entity(r.from()).orElse(null);
                    if (holder == null) {
                        continue;
                    }
                    if (EntityKind.PULL_REQUEST.is(holder.kind())) {
                        var merged = mergedCommit(holder);
                        if (merged != null && !merged.commit.id().equals(commit.id())) {
                            List<Answer.Step> via = List.of(
                                    asserted(holder, r, commit), asserted(holder, merged.contains, merged.commit));
                            return shipmentsOf(merged.commit, via);
                        }
                    } else if (EntityKind.BRANCH.is(holder.kind())) {
                        // A commit of a pull request's branch that is not its head: the branch says whose.
                        for (Relation from : relations(holder.id(), RelationType.FROM_BRANCH)) {
                            if (!from.to().equals(holder.id())) {
                                continue;
                            }
                            Entity pr = entity(from.from()).orElse(null);
                            var merged = pr == null ? null : mergedCommit(pr);
                            if (merged != null && !merged.commit.id().equals(commit.id())) {
                                List<Answer.Step> via = List.of(
                                        asserted(holder, r, commit),
                                        asserted(pr, from, holder),
                                        asserted(pr, merged.contains, merged.commit));
                                return shipmentsOf(merged.commit, via);
                            }
                        }
                    }
                }
            }
            return shipmentsOf(commit, prefix);
        }

        private record Merged(Entity commit, Relation contains) {}

        /** The last commit of a pull request on the branch it goes into, when the graph has both. */
        private Merged mergedCommit(Entity pr) {
            Set<String> into = new LinkedHashSet<>();
            for (Relation r : relations(pr.id(), RelationType.INTO_BRANCH)) {
                if (r.from().equals(pr.id())) {
                    into.add(r.to());
                }
            }
            Merged best = null;
            long bestAt = -1;
            for (Relation r : relations(pr.id(), RelationType.CONTAINS)) {
                if (!r.from().equals(pr.id())) {
                    continue;
                }
                for (String branch : into) {
                    Position p = positions(r.to()).get(branch);
                    if (p != null && p.seq > bestAt) {
                        Entity c = entity(r.to()).orElse(null);
                        if (c != null) {
                            best = new Merged(c, r);
                            bestAt = p.seq;
                        }
                    }
                }
            }
            return best;
        }

        /** A release or tag: the deployments that name it as the ref they deployed. */
        private List<Shipment> ofVersion(Entity version) {
            Set<String> names = new LinkedHashSet<>();
            for (String attribute : List.of("tag", "version")) {
                Object v = version.attributes().get(attribute);
                if (v != null && !v.toString().isBlank()) {
                    names.add(v.toString().toLowerCase(Locale.ROOT));
                }
            }
            if (EntityKind.TAG.is(version.kind()) || names.isEmpty()) {
                names.add(version.name().toLowerCase(Locale.ROOT));
            }
            // "v2.13.1", "2.13.1" and "payments-api@2.13.1" name one version.
            for (String n : List.copyOf(names)) {
                String bare = n.substring(n.lastIndexOf('@') + 1);
                if (bare.length() > 1 && bare.charAt(0) == 'v' && Character.isDigit(bare.charAt(1))) {
                    bare = bare.substring(1);
                }
                names.add(bare);
                names.add("v" + bare);
            }
            List<Shipment> out = new ArrayList<>();
            // A release named by its commit (as error trackers name releases) is that commit.
            for (String n : names) {
                if (SHA.matcher(n).matches()) {
                    for (Entity c : graph.find(tenant, n, EntityKind.COMMIT.wire(), 3)) {
                        if (c.key().toLowerCase(Locale.ROOT).endsWith(n)) {
                            out.addAll(ofCommit(c, List.of()));
                        }
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            Instant since = version.firstSeen().minusSeconds(86_400);
            for (Entity env : environments()) {
                int checked = 0;
                for (Deployed d : deploymentsIn(env)) {
                    if (d.at.isBefore(since)) {
                        continue;
                    }
                    if (++checked > MAX_CHECKED) {
                        break;
                    }
                    Entity dep = entity(d.deployment).orElse(null);
                    Object ref = dep == null ? null : dep.attributes().get("ref");
                    if (ref == null || !names.contains(ref.toString().toLowerCase(Locale.ROOT)) || failed(dep)) {
                        continue;
                    }
                    List<Citation> cited = visible(d.relation.citations());
                    if (cited.isEmpty()) {
                        continue;
                    }
                    String rationale = dep.name() + " names " + ref + " as the ref it deployed, and " + version.name()
                            + " is " + ref;
                    var step = new Answer.Step(
                            Findings.ref(dep),
                            RelationType.DEPLOYED.wire(),
                            Findings.ref(version),
                            cited,
                            Answer.Step.INFERRED,
                            BY_REF,
                            rationale);
                    out.add(new Shipment(dep, env, d.at, state(dep), List.of(step)));
                }
            }
            if (out.isEmpty()) {
                out.addAll(ofBuiltFrom(version));
            }
            return out;
        }

        /**
         * A release no deployment names ships with what it was cut from: its commit (asserted), or the
         * last commit its branch had received when it was published (inferred).
         */
        private List<Shipment> ofBuiltFrom(Entity version) {
            List<Shipment> out = new ArrayList<>();
            for (Relation r : relations(version.id(), RelationType.BUILT_FROM)) {
                List<Citation> cited = visible(r.citations());
                Entity from = entity(r.to()).orElse(null);
                if (!r.from().equals(version.id()) || cited.isEmpty() || from == null) {
                    continue;
                }
                if (EntityKind.COMMIT.is(from.kind())) {
                    out.addAll(ofCommit(from, List.of(asserted(version, r, from))));
                    continue;
                }
                if (!EntityKind.BRANCH.is(from.kind())) {
                    continue;
                }
                Citation published = cited.getFirst();
                Relation head = null;
                long headSeq = -1;
                for (Relation c : relations(from.id(), RelationType.CONTAINS)) {
                    if (!c.from().equals(from.id())) {
                        continue;
                    }
                    Position p = positions(c.to()).get(from.id());
                    if (p != null && p.seq < published.seq() && p.seq > headSeq) {
                        head = c;
                        headSeq = p.seq;
                    }
                }
                Entity commit = head == null ? null : entity(head.to()).orElse(null);
                if (commit == null) {
                    continue;
                }
                List<Citation> because = new ArrayList<>(cited);
                because.add(positions(commit.id()).get(from.id()).citation);
                var step = new Answer.Step(
                        Findings.ref(version),
                        RelationType.BUILT_FROM.wire(),
                        Findings.ref(commit),
                        dedupe(because),
                        Answer.Step.INFERRED,
                        BY_BRANCH_HEAD,
                        version.name() + " was published from " + from.name() + " (log seq " + published.seq()
                                + "), whose last commit then was " + commit.name() + " (log seq " + headSeq + ")");
                out.addAll(ofCommit(commit, List.of(step)));
            }
            return out;
        }

        private Optional<Shipment> self(Entity deployment) {
            Entity env = null;
            Instant at = null;
            for (Relation r : relations(deployment.id(), RelationType.DEPLOYED_TO)) {
                if (r.from().equals(deployment.id()) && !visible(r.citations()).isEmpty()) {
                    env = entity(r.to()).orElse(null);
                    at = r.validFrom();
                    break;
                }
            }
            if (at == null) {
                at = deployment.firstSeen();
            }
            return Optional.of(new Shipment(deployment, env, at, state(deployment), List.of()));
        }

        // ---- a commit's deployments -----------------------------------------------------------------

        /**
         * The deployments of a commit: those that name it (asserted), and per environment the first
         * after it whose commit its branch received at or after it (inferred).
         */
        private List<Shipment> shipmentsOf(Entity commit, List<Answer.Step> prefix) {
            List<Shipment> out = new ArrayList<>();
            for (Relation r : relations(commit.id(), RelationType.DEPLOYED)) {
                if (!r.to().equals(commit.id())) {
                    continue;
                }
                Entity dep = entity(r.from())
                        .filter(e -> EntityKind.DEPLOYMENT.is(e.kind()))
                        .orElse(null);
                if (dep == null || failed(dep) || visible(r.citations()).isEmpty()) {
                    continue;
                }
                out.add(new Shipment(
                        dep, environmentOf(dep), r.validFrom(), state(dep), append(prefix, asserted(dep, r, commit))));
            }
            Map<String, Position> branches = positions(commit.id());
            if (branches.isEmpty()) {
                return out;
            }
            Set<String> repositories = repositoriesOf(commit.id());
            for (Entity env : environments()) {
                Set<String> envRepositories = repositoriesOf(env.id());
                if (!repositories.isEmpty()
                        && !envRepositories.isEmpty()
                        && envRepositories.stream().noneMatch(repositories::contains)) {
                    continue; // another repository's environment
                }
                for (var branch : branches.entrySet()) {
                    Shipment s = firstAfter(env, commit, branch.getKey(), branch.getValue(), prefix);
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        /** The first deployment to {@code env}, not failed, of the commit or a later one of the branch. */
        private Shipment firstAfter(Entity env, Entity commit, String branch, Position at, List<Answer.Step> prefix) {
            int checked = 0;
            List<String> failedFirst = new ArrayList<>();
            for (Deployed d : deploymentsIn(env)) {
                if (d.at.isBefore(at.time)) {
                    continue; // made before the commit existed
                }
                if (++checked > MAX_CHECKED) {
                    return null;
                }
                for (Relation deployed : relations(d.deployment, RelationType.DEPLOYED)) {
                    if (!deployed.from().equals(d.deployment)
                            || visible(deployed.citations()).isEmpty()) {
                        continue;
                    }
                    Position later = positions(deployed.to()).get(branch);
                    if (later == null || later.seq < at.seq) {
                        continue;
                    }
                    Entity dep = entity(d.deployment).orElse(null);
                    if (dep == null) {
                        continue;
                    }
                    if (failed(dep)) {
                        failedFirst.add(dep.name());
                        break;
                    }
                    if (deployed.to().equals(commit.id())) {
                        return new Shipment(
                                dep, env, d.at, state(dep), append(prefix, asserted(dep, deployed, commit)));
                    }
                    Entity head = entity(deployed.to()).orElse(null);
                    Entity branchEntity = entity(branch).orElse(null);
                    if (head == null || branchEntity == null) {
                        continue;
                    }
                    List<Citation> cited = new ArrayList<>(visible(deployed.citations()));
                    cited.add(at.citation);
                    cited.add(later.citation);
                    String rationale = dep.name() + " deployed " + head.name() + " to " + env.name() + ", and "
                            + branchEntity.name() + " received " + commit.name() + " before " + head.name()
                            + " (log seq " + at.seq + " and " + later.seq + "); it is the first deployment to "
                            + env.name() + " since"
                            + (failedFirst.isEmpty()
                                    ? ""
                                    : " that did not fail (" + String.join(", ", failedFirst) + " failed)");
                    var step = new Answer.Step(
                            Findings.ref(dep),
                            RelationType.DEPLOYED.wire(),
                            Findings.ref(commit),
                            dedupe(cited),
                            Answer.Step.INFERRED,
                            BY_BRANCH_ORDER,
                            rationale);
                    return new Shipment(dep, env, d.at, state(dep), append(prefix, step));
                }
            }
            return null;
        }

        /** Where a commit is on each branch that has it: the first event that put it there. */
        private record Position(long seq, Instant time, Citation citation) {}

        private final Map<String, Map<String, Position>> positions = new HashMap<>();

        private Map<String, Position> positions(String commitId) {
            return positions.computeIfAbsent(commitId, id -> {
                Map<String, Position> out = new LinkedHashMap<>();
                for (Relation r : relations(id, RelationType.CONTAINS)) {
                    if (!r.to().equals(id)) {
                        continue;
                    }
                    List<Citation> cited = visible(r.citations());
                    if (cited.isEmpty()) {
                        continue;
                    }
                    Entity from = entity(r.from()).orElse(null);
                    if (from == null || !EntityKind.BRANCH.is(from.kind())) {
                        continue;
                    }
                    Citation first = cited.stream()
                            .min(Comparator.comparingLong(Citation::seq))
                            .orElseThrow();
                    out.merge(
                            r.from(),
                            new Position(first.seq(), first.occurredAt(), first),
                            (a, b) -> a.seq <= b.seq ? a : b);
                }
                return out;
            });
        }

        /** A deployment to an environment and when it was made. */
        private record Deployed(String deployment, Instant at, Relation relation) {}

        private final Map<String, List<Deployed>> deployments = new HashMap<>();

        /** The deployments to an environment, earliest first. */
        private List<Deployed> deploymentsIn(Entity env) {
            return deployments.computeIfAbsent(env.id(), id -> {
                List<Deployed> out = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (Relation r : relations(id, RelationType.DEPLOYED_TO)) {
                    if (r.to().equals(id)
                            && seen.add(r.from())
                            && !visible(r.citations()).isEmpty()) {
                        out.add(new Deployed(r.from(), r.validFrom(), r));
                    }
                }
                out.sort(Comparator.comparing(Deployed::at).thenComparing(Deployed::deployment));
                return out;
            });
        }

        private List<Entity> environments() {
            if (environments == null) {
                environments = graph.find(tenant, "", EntityKind.ENVIRONMENT.wire(), MAX_ENVIRONMENTS);
            }
            return environments;
        }

        private Entity environmentOf(Entity deployment) {
            for (Relation r : relations(deployment.id(), RelationType.DEPLOYED_TO)) {
                if (r.from().equals(deployment.id())) {
                    return entity(r.to()).orElse(null);
                }
            }
            return null;
        }

        private Set<String> repositoriesOf(String id) {
            Set<String> out = new LinkedHashSet<>();
            for (Relation r : relations(id, RelationType.BELONGS_TO)) {
                if (r.from().equals(id)) {
                    entity(r.to())
                            .filter(e -> EntityKind.REPOSITORY.is(e.kind()))
                            .ifPresent(e -> out.add(e.id()));
                }
            }
            return out;
        }

        // ---- shared ---------------------------------------------------------------------------------

        /** Per environment, the earliest shipment; asserted before inferred at the same deployment. */
        private List<Shipment> firstPerEnvironment(List<Shipment> found) {
            Map<String, Shipment> byEnvironment = new LinkedHashMap<>();
            for (Shipment s : found) {
                String key = s.environment() == null
                        ? "deployment:" + s.deployment().id()
                        : s.environment().id();
                byEnvironment.merge(key, s, (a, b) -> {
                    int c = a.at().compareTo(b.at());
                    if (c != 0) {
                        return c < 0 ? a : b;
                    }
                    return a.inferred() && !b.inferred() ? b : a;
                });
            }
            // Production first: that is where a change is shipped; then the others as they came.
            return byEnvironment.values().stream()
                    .sorted(Comparator.comparing((Shipment s) -> !production(s.environment()))
                            .thenComparing(Shipment::at))
                    .toList();
        }

        private Answer.Step asserted(Entity from, Relation r, Entity to) {
            boolean forward = r.from().equals(from.id());
            Entity a = forward ? from : to;
            Entity b = forward ? to : from;
            return Answer.Step.asserted(Findings.ref(a), r.type(), Findings.ref(b), visible(r.citations()));
        }

        private boolean failed(Entity deployment) {
            String s = state(deployment);
            return s != null && FAILED.contains(s.toLowerCase(Locale.ROOT));
        }

        private String state(Entity deployment) {
            Object s = deployment.attributes().get("state");
            return s == null ? null : s.toString();
        }

        private Optional<Entity> entity(String id) {
            return entities.computeIfAbsent(id, k -> graph.entity(tenant, k, asOf));
        }

        private List<Relation> relations(String id, RelationType type) {
            return relations.computeIfAbsent(
                    id + "|" + type.wire(), k -> graph.relations(tenant, id, asOf, Set.of(type.wire())));
        }

        private List<Citation> visible(List<Citation> citations) {
            return citations.stream()
                    .filter(c -> (asOf.seq() == null || c.seq() <= asOf.seq())
                            && (asOf.time() == null || !c.occurredAt().isAfter(asOf.time())))
                    .toList();
        }
    }

    /** Environments people call production. */
    private static final Set<String> PRODUCTION = Set.of("production", "prod", "prd", "live");

    static boolean production(Entity environment) {
        return environment != null
                && PRODUCTION.contains(environment.name().strip().toLowerCase(Locale.ROOT));
    }

    private static List<Answer.Step> append(List<Answer.Step> path, Answer.Step step) {
        List<Answer.Step> out = new ArrayList<>(path);
        out.add(step);
        return List.copyOf(out);
    }

    private static List<Citation> dedupe(List<Citation> citations) {
        Map<String, Citation> out = new LinkedHashMap<>();
        citations.forEach(c -> out.putIfAbsent(c.eventId(), c));
        return List.copyOf(out.values());
    }
}
