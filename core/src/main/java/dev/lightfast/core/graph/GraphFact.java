package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing an event says about the graph. The projector applies the facts of each event in
 * {@code seq} order and cites the event on everything it touches, so a fact needs no citation of
 * its own.
 */
public sealed interface GraphFact {

    /** The entity exists and, from {@code at}, has these attribute values (e.g. a PR's state). */
    record Describes(EntityRef entity, Map<String, Object> attributes, Instant at) implements GraphFact {
        public Describes {
            Objects.requireNonNull(entity, "entity");
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A typed edge holds in the world from {@code at} (e.g. {@code reviewed}, {@code references},
     * {@code deployed}). Asserting an edge that already holds only adds a citation.
     */
    record Relates(RelationType type, EntityRef from, EntityRef to, Instant at) implements GraphFact {
        public Relates {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
    }

    /** An edge stops holding at {@code at} (an assignee removed, a review request withdrawn). */
    record Ends(RelationType type, EntityRef from, EntityRef to, Instant at) implements GraphFact {
        public Ends {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Evidence that a person is known by an alias in some tool ({@code email}, a tool's
     * account id or user id). Two person entities sharing a joinable alias are one person; the
     * {@code evidence} sentence says why, for the explanation. Names are recorded but never join.
     */
    record Identifies(EntityRef person, Alias alias, String evidence) implements GraphFact {
        public Identifies {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(evidence, "evidence");
        }
    }
}
