package dev.lightfast.reason.rule;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.rule.Evidence;
import dev.lightfast.core.tenant.TenantId;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The functions rules may call besides CEL's own (docs/rules.md lists them with examples):
 *
 * <ul>
 *   <li>{@code shares(a, b, kind)}: events {@code a} and {@code b} are about the same entity of that
 *       kind (actor or subject), e.g. the same {@code pull_request};
 *   <li>{@code subject(e, kind)}: the event's first subject of that kind, or {@code {}};
 *       {@code subjects(e, kind)} all of them;
 *   <li>{@code localTime(t, zone)}: a timestamp on a zone's clock, {@code {weekday, hour, minute,
 *       date, time}};
 *   <li>{@code related(entity, type)}: the entities the graph relates to an entity by a relation
 *       type ({@code '*'} any), as of the event being judged, each {@code {id, kind, key, name,
 *       attributes, relation, direction}};
 *   <li>{@code events(entity, typeGlob)}: the events about an entity up to the event being judged
 *       (the most recent {@value #MAX_RESULTS}).
 * </ul>
 *
 * The last two read the graph and the log "as of" the judged event's seq, so a replay reads what
 * the first judging read; each call records what it returned as the verdict's evidence.
 */
final class RuleFunctions {
    static final String SHARES = "shares_event_event_string";
    static final String SUBJECT = "subject_event_string";
    static final String SUBJECTS = "subjects_event_string";
    static final String LOCAL_TIME = "localTime_timestamp_string";
    static final String RELATED = "related_dyn_string";
    static final String EVENTS = "events_dyn_string";

    /** Graph and log reads one evaluation may make: a bound on its cost. */
    static final int MAX_CALLS = 10;
    /** Results one call returns at most. */
    static final int MAX_RESULTS = 50;

    private RuleFunctions() {}

    static boolean shares(Map<?, ?> a, Map<?, ?> b, String kind) {
        Set<String> keys = new HashSet<>();
        forEachEntity(a, kind, e -> keys.add(String.valueOf(e.get("key"))));
        if (keys.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        forEachEntity(b, kind, e -> found[0] |= keys.contains(String.valueOf(e.get("key"))));
        return found[0];
    }

    static Map<?, ?> subject(Map<?, ?> event, String kind) {
        List<Map<?, ?>> all = subjects(event, kind);
        return all.isEmpty() ? Map.of() : all.getFirst();
    }

    static List<Map<?, ?>> subjects(Map<?, ?> event, String kind) {
        var out = new ArrayList<Map<?, ?>>();
        if (event.get("subjects") instanceof List<?> subjects) {
            for (Object s : subjects) {
                if (s instanceof Map<?, ?> m && kindMatches(m, kind)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static Map<String, Object> localTime(Instant t, String zone) {
        ZonedDateTime local;
        try {
            local = t.atZone(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("localTime: unknown time zone '" + zone
                    + "'; use an IANA name such as Europe/Berlin or America/New_York");
        }
        var m = new HashMap<String, Object>();
        m.put("weekday", local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        m.put("hour", (long) local.getHour());
        m.put("minute", (long) local.getMinute());
        m.put("date", local.toLocalDate().toString());
        m.put("time", String.format(Locale.ROOT, "%02d:%02d", local.getHour(), local.getMinute()));
        return m;
    }

    private static void forEachEntity(Map<?, ?> event, String kind, java.util.function.Consumer<Map<?, ?>> each) {
        if (event.get("actor") instanceof Map<?, ?> actor && !actor.isEmpty() && kindMatches(actor, kind)) {
            each.accept(actor);
        }
        if (event.get("subjects") instanceof List<?> subjects) {
            for (Object s : subjects) {
                if (s instanceof Map<?, ?> m && kindMatches(m, kind)) {
                    each.accept(m);
                }
            }
        }
    }

    private static boolean kindMatches(Map<?, ?> entity, String kind) {
        return kind == null || kind.isEmpty() || "*".equals(kind) || kind.equals(entity.get("kind"));
    }

    /** An entity's id from what a rule passes: an entity map from an event or a function, or an id. */
    static String entityId(Object entity) {
        if (entity instanceof EventValues.EntityValue v) {
            return v.id();
        }
        if (entity instanceof String s && s.startsWith("ent_")) {
            return s;
        }
        if (entity instanceof Map<?, ?> m) {
            if (m.get("id") instanceof String id && id.startsWith("ent_")) {
                return id;
            }
            if (m.get("kind") instanceof String kind && m.get("key") instanceof String key) {
                return EntityIds.of(kind, key);
            }
        }
        return null; // {} from subject() when the event has none: nothing is related to it
    }

    /** A rule asked for more than one evaluation may cost. */
    static final class TooCostly extends RuntimeException {
        TooCostly(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The graph and log reads of one tenant's rules. {@link #bindings} makes the functions for one
     * evaluation, reading as of one seq and collecting what they return as evidence.
     */
    static final class Reads {
        private final TenantId tenant;
        private final GraphStore graph;
        private final EventLog log;

        Reads(TenantId tenant, GraphStore graph, EventLog log) {
            this.tenant = tenant;
            this.graph = graph;
            this.log = log;
        }

        CelLateFunctionBindings bindings(long asOf, List<Evidence> evidence) {
            int[] calls = {0};
            return CelLateFunctionBindings.from(
                    CelFunctionBinding.from(RELATED, Object.class, String.class, (entity, type) -> {
                        spend(calls, "related");
                        return related(entity, type, asOf, evidence);
                    }),
                    CelFunctionBinding.from(EVENTS, Object.class, String.class, (entity, glob) -> {
                        spend(calls, "events");
                        return events(entity, glob, asOf, evidence);
                    }));
        }

        private static void spend(int[] calls, String function) {
            if (++calls[0] > MAX_CALLS) {
                throw new TooCostly("more than " + MAX_CALLS + " calls of related() and events() in one evaluation ("
                        + function + ")");
            }
        }

        List<Map<String, Object>> related(Object entity, String type, long asOf, List<Evidence> evidence) {
            String id = entityId(entity);
            if (id == null) {
                return List.of();
            }
            AsOf at = AsOf.seq(asOf);
            Set<String> types = type == null || type.isBlank() || "*".equals(type) ? Set.of() : Set.of(type);
            var out = new ArrayList<Map<String, Object>>();
            for (Relation r : graph.relations(tenant, id, at, types)) {
                if (out.size() >= MAX_RESULTS) {
                    break;
                }
                boolean outgoing = r.from().equals(id);
                String other = outgoing ? r.to() : r.from();
                var found = graph.entity(tenant, other, at);
                if (found.isEmpty()) {
                    continue;
                }
                Entity e = found.get();
                var m = new HashMap<String, Object>();
                m.put("id", e.id());
                m.put("kind", e.kind());
                m.put("key", e.key());
                m.put("name", e.name() == null ? e.key() : e.name());
                m.put("attributes", e.attributes() == null ? Map.of() : EventValues.value(e.attributes()));
                m.put("relation", r.type());
                m.put("direction", outgoing ? "out" : "in");
                m.put("current", r.current());
                out.add(m);
                Citation cited = r.citations() == null || r.citations().isEmpty()
                        ? null
                        : r.citations().getLast();
                evidence.add(Evidence.entity(
                        (outgoing ? r.type() + " " : "the other end of " + r.type() + " from ") + e.name(),
                        e.id(),
                        cited));
            }
            return out;
        }

        List<Map<String, Object>> events(Object entity, String glob, long asOf, List<Evidence> evidence) {
            String id = entityId(entity);
            if (id == null) {
                return List.of();
            }
            TypeGlob types;
            try {
                types = new TypeGlob(glob);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("events(): " + e.getMessage());
            }
            var cited = new ArrayList<Citation>();
            long after = 0;
            while (true) {
                var page = graph.timeline(tenant, id, AsOf.seq(asOf), after, 500);
                for (Citation c : page) {
                    if (types.matches(c.type())) {
                        cited.add(c);
                    }
                }
                if (page.size() < 500) {
                    break;
                }
                after = page.getLast().seq();
            }
            var recent = cited.size() > MAX_RESULTS ? cited.subList(cited.size() - MAX_RESULTS, cited.size()) : cited;
            var out = new ArrayList<Map<String, Object>>(recent.size());
            for (Citation c : recent) {
                Event e = log.find(tenant, c.eventId()).orElse(null);
                if (e != null) {
                    out.add(EventValues.of(e));
                    evidence.add(Evidence.event("an event of the entity, of type " + c.type(), c));
                }
            }
            return out;
        }
    }
}
