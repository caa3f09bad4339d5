package dev.lightfast.reason.rule;

import com.google.protobuf.NullValue;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.EntityIds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event as CEL sees it: the fields of the API's event, with {@code occurredAt} and {@code
 * observedAt} as timestamps, absent parts as empty values (so {@code has(...)} and {@code size()}
 * work without null checks), numbers as CEL's int and double, and each entity (actor, subjects) as
 * {@code {kind, key, label, id}}.
 */
final class EventValues {
    private EventValues() {}

    static Map<String, Object> of(Event e) {
        var m = new HashMap<String, Object>(20);
        m.put("id", e.id());
        m.put("seq", e.seq());
        m.put("source", e.source());
        m.put("type", e.type());
        m.put("occurredAt", e.occurredAt());
        m.put("observedAt", e.observedAt() != null ? e.observedAt() : e.occurredAt());
        m.put("actor", e.actor() == null ? Map.of() : new EntityValue(e.actor()));
        var subjects =
                new ArrayList<Object>(e.subjects() == null ? 0 : e.subjects().size());
        if (e.subjects() != null) {
            for (EntityRef s : e.subjects()) {
                subjects.add(new EntityValue(s));
            }
        }
        m.put("subjects", subjects);
        m.put("title", e.title() == null ? "" : e.title());
        m.put("body", e.body() == null ? "" : e.body());
        m.put("attributes", e.attributes() == null ? Map.of() : value(e.attributes()));
        m.put("url", e.url() == null ? "" : e.url());
        m.put("causes", e.causes() == null ? List.of() : e.causes());
        return m;
    }

    /** The ids of the entities an event is about: its actor and subjects. */
    static Set<String> entityIds(Event e) {
        var ids = new LinkedHashSet<String>();
        if (e.actor() != null) {
            ids.add(EntityIds.of(e.actor()));
        }
        if (e.subjects() != null) {
            for (EntityRef s : e.subjects()) {
                ids.add(EntityIds.of(s));
            }
        }
        return ids;
    }

    /** A JSON value as CEL's runtime takes it: int as long, float as double, null as CEL null. */
    static Object value(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> map) {
            var out = new HashMap<String, Object>(Math.max(4, map.size() * 2));
            map.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            var out = new ArrayList<Object>(list.size());
            list.forEach(x -> out.add(value(x)));
            return out;
        }
        return v.toString();
    }

    /**
     * An entity reference as a CEL map. Its id is a hash of kind and key, computed only when an
     * expression reads it: most events are judged without any rule asking.
     */
    static final class EntityValue extends AbstractMap<String, Object> {
        private final EntityRef ref;
        private String id;

        EntityValue(EntityRef ref) {
            this.ref = ref;
        }

        String id() {
            if (id == null) {
                id = EntityIds.of(ref);
            }
            return id;
        }

        String kind() {
            return ref.kind();
        }

        String key() {
            return ref.key();
        }

        @Override
        public Object get(Object name) {
            if (!(name instanceof String s)) {
                return null;
            }
            return switch (s) {
                case "kind" -> ref.kind();
                case "key" -> ref.key();
                case "label" -> ref.label() == null ? ref.key() : ref.label();
                case "id" -> id();
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object name) {
            return "kind".equals(name) || "key".equals(name) || "label".equals(name) || "id".equals(name);
        }

        @Override
        public int size() {
            return 4;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            var entries = new LinkedHashSet<Entry<String, Object>>();
            for (String k : List.of("kind", "key", "label", "id")) {
                entries.add(new SimpleImmutableEntry<>(k, get(k)));
            }
            return entries;
        }
    }
}
