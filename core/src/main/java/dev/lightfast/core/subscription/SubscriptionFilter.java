package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.graph.EntityIds;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a subscription is sent. Within a field any entry may match; across fields all must.
 *
 * <ul>
 *   <li>Events: {@code types} (globs such as {@code github.pull_request.*}), {@code sources}, {@code
 *       entities} (an entity id {@code ent_...} or key such as {@code github:acme/shop/pull/12},
 *       matched against the event's actor and subjects), and {@code intents}: the results of
 *       intents and their actions, which are events of the types in {@link #INTENT_RESULT_TYPES}.
 *       Events are sent when any of these is given, or when the filter names nothing at all: the
 *       empty filter is every event.
 *   <li>Violations: {@code violations}, by rule id and severity (an empty list is any). Sent only
 *       when asked for; active once rules are present (a violations {@link MessageSource}).
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SubscriptionFilter(
        List<String> types, List<String> sources, List<String> entities, Boolean intents, Violations violations) {

    /** Intent and action results are events of these types. */
    public static final List<String> INTENT_RESULT_TYPES = List.of("lightfast.intent.*", "lightfast.action.*");

    public static final int MAX_ENTRIES = 100;
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** Every event; no violations. */
    public static final SubscriptionFilter EVERY_EVENT = new SubscriptionFilter(null, null, null, null, null);

    /** Violations of these rules (ids) and severities; an empty list is any. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Violations(List<String> rules, List<String> severities) {
        public Violations {
            rules = checked("violations.rules", rules, WORD);
            severities = checked("violations.severities", severities, WORD).stream()
                    .map(s -> s.toLowerCase(Locale.ROOT))
                    .toList();
        }

        boolean accepts(ViolationMessage v) {
            return (rules.isEmpty() || rules.contains(v.rule()))
                    && (severities.isEmpty()
                            || (v.severity() != null
                                    && severities.contains(v.severity().toLowerCase(Locale.ROOT))));
        }
    }

    public SubscriptionFilter {
        types = checked("types", types, null);
        types.forEach(TypeGlob::new);
        sources = checked("sources", sources, SOURCE);
        entities = checked("entities", entities, null);
        for (String e : entities) {
            if (e.isBlank() || e.length() > 512) {
                throw new InvalidInput("an entity in the filter is an id (ent_...) or a key, 1-512 characters");
            }
        }
        if (Boolean.FALSE.equals(intents)) {
            intents = null;
        }
    }

    private static List<String> checked(String field, List<String> values, Pattern shape) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            throw new InvalidInput("filter." + field + " has " + values.size() + " entries; at most " + MAX_ENTRIES);
        }
        for (String v : values) {
            if (v == null) {
                throw new InvalidInput("filter." + field + " has a null entry");
            }
            if (shape != null && !shape.matcher(v).matches()) {
                throw new InvalidInput("filter." + field + " has an entry that is not allowed: '" + v + "'");
            }
        }
        return List.copyOf(values.stream().distinct().toList());
    }

    /** Whether events are sent at all: when any event criterion is given, or none at all. */
    @JsonIgnore
    public boolean sendsEvents() {
        return !types.isEmpty()
                || !sources.isEmpty()
                || !entities.isEmpty()
                || Boolean.TRUE.equals(intents)
                || violations == null;
    }

    public boolean accepts(OutboundMessage message) {
        return matcher().test(message);
    }

    /** This filter made ready to test many messages: globs compiled, entity names in a set. */
    public Predicate<OutboundMessage> matcher() {
        boolean events = sendsEvents();
        List<TypeGlob> globs = Stream.concat(
                        types.stream(), Boolean.TRUE.equals(intents) ? INTENT_RESULT_TYPES.stream() : Stream.empty())
                .map(TypeGlob::new)
                .toList();
        Set<String> fromSources = Set.copyOf(sources);
        Set<String> about = Set.copyOf(entities);
        Predicate<Event> event = e -> events
                && (globs.isEmpty() || globs.stream().anyMatch(g -> g.matches(e.type())))
                && (fromSources.isEmpty() || fromSources.contains(e.source()))
                && (about.isEmpty()
                        || Stream.concat(Stream.ofNullable(e.actor()), e.subjects().stream())
                                .anyMatch(ref -> names(ref, about)));
        return message -> switch (message) {
            case EventMessage m -> event.test(m.event());
            case ViolationMessage v -> violations != null && violations.accepts(v);
            case TestMessage t -> true;
        };
    }

    private static boolean names(EntityRef ref, Set<String> wanted) {
        return wanted.contains(ref.key()) || wanted.contains(EntityIds.of(ref));
    }
}
