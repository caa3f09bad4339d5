package dev.lightfast.reason.why;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * What an event's why-chain starts from: the thing it is about that has causes, an incident before
 * a deployment before a commit (an alert is about its incident, a deployment status about its
 * deployment), else its first subject that is not a person or a place.
 */
public final class WhyStart {
    private static final List<EntityKind> ORDER = List.of(
            EntityKind.INCIDENT,
            EntityKind.DEPLOYMENT,
            EntityKind.RELEASE,
            EntityKind.PULL_REQUEST,
            EntityKind.COMMIT,
            EntityKind.ISSUE,
            EntityKind.DECISION);

    private WhyStart() {}

    public static Optional<Entity> of(TenantId tenant, Event e, GraphStore graph, AsOf asOf) {
        for (EntityKind kind : ORDER) {
            for (EntityRef s : e.subjects()) {
                if (kind.is(s.kind())) {
                    var found = graph.entity(tenant, EntityIds.of(s), asOf);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        for (EntityRef s : e.subjects()) {
            if (!EntityKind.isHub(s.kind())) {
                var found = graph.entity(tenant, EntityIds.of(s), asOf);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
