package dev.lightfast.core.answer;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What fixed an issue that another tool tracks, when no event says so: the merged pull requests
 * whose text or branch names it (Linear's way of linking a pull request to its issue). Each is taken
 * for its fix, and the link is marked inferred with a confidence of {@value #CONFIDENCE} and its
 * rationale, never passed off as asserted. Only another tool's mention counts: within one tool,
 * naming an issue without its closing words is not fixing it (the tool itself would not close it).
 */
final class NamedFixes {
    /** How sure a fix is when a merged pull request names the issue but no event says it fixes it. */
    static final double CONFIDENCE = 0.6;

    /** What the rule reads, as of the reading point. */
    interface Graph {
        List<Relation> relations(String id, RelationType type);

        Optional<Entity> entity(String id);

        List<Citation> visible(List<Citation> citations);
    }

    /** A merged pull request that names the issue, the mention, and the inferred fix. */
    record Fix(Entity pr, Relation names, Answer.Step inferred) {}

    private NamedFixes() {}

    static List<Fix> of(Graph g, Entity thing) {
        List<Fix> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Relation r : g.relations(thing.id(), RelationType.MENTIONS)) {
            if (!r.to().equals(thing.id())
                    || !seen.add(r.from())
                    || g.visible(r.citations()).isEmpty()) {
                continue;
            }
            Entity pr = g.entity(r.from()).orElse(null);
            if (pr == null || !EntityKind.PULL_REQUEST.is(pr.kind())) {
                continue;
            }
            Relation merged = g.relations(pr.id(), RelationType.MERGED).stream()
                    .filter(m ->
                            m.to().equals(pr.id()) && !g.visible(m.citations()).isEmpty())
                    .findFirst()
                    .orElse(null);
            if (merged == null) {
                continue;
            }
            List<Citation> cited = new ArrayList<>(g.visible(r.citations()));
            cited.addAll(g.visible(merged.citations()));
            var step = new Answer.Step(
                    Findings.ref(pr),
                    RelationType.FIXES.wire(),
                    Findings.ref(thing),
                    cited,
                    Answer.Step.INFERRED,
                    CONFIDENCE,
                    pr.name() + " names " + thing.name() + " and was merged on " + Planner.day(merged.validFrom())
                            + "; no event says it fixes it");
            out.add(new Fix(pr, r, step));
        }
        return out;
    }
}
