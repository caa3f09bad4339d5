package dev.lightfast.reason.why;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.why.Chain;
import dev.lightfast.core.why.ShippedCommits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The commits a deployment shipped, as far as the graph tells: the commit the deployment's tool
 * names (asserted), then the other commits of the pull request it was built from (inferred: a
 * squash-merge ships its pull request's commits, which the tool does not list). A replaceable
 * {@link ShippedCommits}: an inference over a branch's push order can take its place.
 */
public final class DeployedCommits implements ShippedCommits {
    /** A pull request's own commits shipped with its merge: the merge holds their change. */
    static final double WITH_ITS_PULL_REQUEST = 0.8;

    private final GraphStore graph;

    public DeployedCommits(GraphStore graph) {
        this.graph = graph;
    }

    @Override
    public List<Shipped> of(TenantId tenant, Entity deployment, AsOf asOf) {
        List<Shipped> out = new ArrayList<>();
        List<Relation> deployed = graph.relations(tenant, deployment.id(), asOf, Set.of(RelationType.DEPLOYED.wire()));
        for (Relation r : deployed) {
            if (!r.from().equals(deployment.id())) {
                continue;
            }
            Entity commit = graph.entity(tenant, r.to(), asOf).orElse(null);
            if (commit == null || !EntityKind.COMMIT.is(commit.kind())) {
                continue;
            }
            String says = tool(r.citations()) + " says " + deployment.name() + " deployed " + commit.name();
            out.add(new Shipped(
                    commit,
                    new Chain.Step(
                            0,
                            ref(deployment),
                            ref(commit),
                            RelationType.DEPLOYED.wire(),
                            deployment.id(),
                            commit.id(),
                            Chain.ASSERTED,
                            1.0,
                            says + ".",
                            List.of(Chain.Evidence.asserted(says, r.citations())),
                            r.citations())));
        }
        if (out.isEmpty()) {
            return out;
        }
        // The pull request the deployment was built from: its other commits shipped too.
        for (Relation built : graph.relations(tenant, deployment.id(), asOf, Set.of(RelationType.BUILT_FROM.wire()))) {
            Entity pr = graph.entity(tenant, built.to(), asOf).orElse(null);
            if (pr == null
                    || !EntityKind.PULL_REQUEST.is(pr.kind())
                    || !built.from().equals(deployment.id())) {
                continue;
            }
            for (Relation contains : graph.relations(tenant, pr.id(), asOf, Set.of(RelationType.CONTAINS.wire()))) {
                if (!contains.from().equals(pr.id())
                        || out.stream().anyMatch(s -> s.commit().id().equals(contains.to()))) {
                    continue;
                }
                Entity commit = graph.entity(tenant, contains.to(), asOf).orElse(null);
                if (commit == null || !EntityKind.COMMIT.is(commit.kind())) {
                    continue;
                }
                List<Citation> cited = new ArrayList<>(built.citations());
                contains.citations().stream()
                        .filter(c -> cited.stream().noneMatch(x -> x.eventId().equals(c.eventId())))
                        .forEach(cited::add);
                out.add(new Shipped(
                        commit,
                        new Chain.Step(
                                0,
                                ref(deployment),
                                ref(commit),
                                RelationType.DEPLOYED.wire(),
                                deployment.id(),
                                commit.id(),
                                Chain.INFERRED,
                                WITH_ITS_PULL_REQUEST,
                                deployment.name() + " was built from " + pr.name() + ", which contains " + commit.name()
                                        + "; no tool names it as deployed, so that it shipped is inferred.",
                                List.of(
                                        Chain.Evidence.asserted(
                                                tool(built.citations()) + " says " + deployment.name()
                                                        + " was built from " + pr.name(),
                                                built.citations()),
                                        Chain.Evidence.asserted(
                                                tool(contains.citations()) + " says " + pr.name() + " contains "
                                                        + commit.name(),
                                                contains.citations())),
                                cited)));
            }
        }
        return out;
    }

    /** An entity as a chain names it: a decision by its words, anything else by its name. */
    static Answer.Ref ref(Entity e) {
        return new Answer.Ref(e.id(), e.kind(), label(e));
    }

    static String label(Entity e) {
        if (dev.lightfast.core.graph.EntityKind.DECISION.is(e.kind())
                && e.attributes().get("summary") instanceof String summary
                && !summary.isBlank()) {
            return "\"" + (summary.length() > 80 ? summary.substring(0, 79) + "…" : summary) + "\"";
        }
        return e.name();
    }

    /** The tool behind citations, by their event type's first word, capitalised: "Vercel". */
    static String tool(List<Citation> citations) {
        if (citations.isEmpty() || citations.getFirst().type() == null) {
            return "a tool";
        }
        String type = citations.getFirst().type();
        String source = type.substring(0, type.indexOf('.') > 0 ? type.indexOf('.') : type.length());
        return switch (source) {
            case "github" -> "GitHub";
            default -> Character.toUpperCase(source.charAt(0)) + source.substring(1);
        };
    }
}
