package dev.lightfast.core.identity;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.Alias;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's statement that a person goes by some aliases ({@code POST /v1/identities}): "the
 * the login alice in one tool is the member U024BE7LH in another". It is kept as an event like any other fact,
 * so the join it causes is cited, survives rebuilds and can be read as of any point.
 */
public final class IdentityAssertion {
    /** The source of these events; {@code POST /v1/events} refuses it so only this path writes it. */
    public static final String SOURCE = "identity";

    public static final String TYPE = "identity.linked";
    static final String ALIASES = "aliases";
    static final String NOTE = "note";

    private IdentityAssertion() {}

    public static EventDraft draft(
            EntityRef person, List<Alias> aliases, String note, Instant at, String idempotencyKey) {
        if (!"person".equals(person.kind())) {
            throw new InvalidInput("an identity links aliases to a person; got a " + person.kind());
        }
        if (aliases.isEmpty()) {
            throw new InvalidInput("aliases must name at least one alias, e.g. {\"kind\":\"email\",\"value\":...}");
        }
        List<Map<String, String>> listed = new ArrayList<>();
        for (Alias a : aliases) {
            if (!a.joins()) {
                throw new InvalidInput("a name never identifies a person; give an email or a tool's user id");
            }
            var m = new LinkedHashMap<String, String>();
            m.put("kind", a.kind());
            m.put("value", a.value());
            listed.add(m);
        }
        String names = String.join(
                ", ", aliases.stream().map(a -> a.kind() + " " + a.value()).toList());
        return EventDraft.builder(SOURCE, TYPE)
                .occurredAt(at)
                .subject(person)
                .title(person.label() + " is also " + names)
                .body(note == null ? "" : note)
                .attribute(ALIASES, listed)
                .attribute(NOTE, note)
                .idempotencyKey(idempotencyKey)
                .build();
    }
}
