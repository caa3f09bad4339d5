package dev.lightfast.core.event;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A canonical event as a normalizer or a client describes it, before the log gives it an id, a
 * tenant and a place in causal order ({@code seq}).
 *
 * @param attributes structured facts specific to the type (numbers, states, names); values are
 *     JSON-compatible: strings, numbers, booleans, lists and maps of them
 * @param idempotencyKey unique per tenant and source; a second draft with the same key is the same
 *     fact and is not stored again
 */
public record EventDraft(
        String source,
        String type,
        Instant occurredAt,
        EntityRef actor,
        List<EntityRef> subjects,
        String title,
        String body,
        Map<String, Object> attributes,
        String url,
        List<String> causes,
        String idempotencyKey) {

    public static final int MAX_TITLE = 1_000;
    public static final int MAX_BODY = 100_000;
    /**
     * The attribute that keeps a time a tool gave for when something happened, when that time was
     * outside {@link EventTimes}' range and the event took the time of receipt instead.
     */
    public static final String OUT_OF_RANGE_TIME = "occurred_at_out_of_range";

    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+){1,7}");

    public EventDraft {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new InvalidInput("source must be lowercase letters, digits, '_' or '-', at most 32: " + source);
        }
        if (type == null || type.length() > 128 || !TYPE.matcher(type).matches()) {
            throw new InvalidInput(
                    "type must be dotted lowercase words like 'tool.pull_request.merged', at most 128 chars: " + type);
        }
        if (occurredAt == null) {
            throw new InvalidInput("occurredAt is required");
        }
        EventTimes.check("occurredAt", occurredAt);
        if (subjects != null && subjects.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInput("subjects must not contain null: each is {\"kind\", \"key\", \"label\"}");
        }
        if (causes != null && causes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInput("causes must not contain null: each is an event id");
        }
        if (title == null || title.isBlank()) {
            throw new InvalidInput("title is required");
        }
        title = truncate(withoutNul(title.strip()), MAX_TITLE);
        body = body == null ? "" : truncate(withoutNul(body), MAX_BODY);
        url = url == null ? null : withoutNul(url);
        idempotencyKey = idempotencyKey == null ? null : withoutNul(idempotencyKey);
        subjects = List.copyOf(subjects == null ? List.of() : subjects);
        attributes =
                attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        causes = List.copyOf(causes == null ? List.of() : causes);
    }

    public EventDraft withOccurredAt(Instant t) {
        return new EventDraft(source, type, t, actor, subjects, title, body, attributes, url, causes, idempotencyKey);
    }

    public EventDraft withIdempotencyKey(String key) {
        return new EventDraft(source, type, occurredAt, actor, subjects, title, body, attributes, url, causes, key);
    }

    /**
     * A payload may carry U+0000 in a string; PostgreSQL's text cannot hold it, so every store gets
     * U+FFFD in its place. (Inside JSON attributes it stays, escaped; the raw delivery keeps the bytes.)
     */
    private static String withoutNul(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    public static Builder builder(String source, String type) {
        return new Builder(source, type);
    }

    /** Normalizers fill many optional fields; a builder keeps each of them readable. */
    public static final class Builder {
        private final String source;
        private final String type;
        private Instant occurredAt;
        private EntityRef actor;
        private final List<EntityRef> subjects = new ArrayList<>();
        private String title;
        private String body;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private String url;
        private final List<String> causes = new ArrayList<>();
        private String idempotencyKey;

        private Builder(String source, String type) {
            this.source = source;
            this.type = type;
        }

        /**
         * Sets when it happened. A time outside {@link EventTimes}' range (a tool's typo, or a hostile
         * year 300000) must not stop a delivery from being stored: the time set before (normalizers
         * start from the time of receipt) is kept, and the event says what it was given in the {@value
         * #OUT_OF_RANGE_TIME} attribute.
         */
        public Builder occurredAt(Instant occurredAt) {
            if (occurredAt != null && !EventTimes.contains(occurredAt)) {
                attributes.put(OUT_OF_RANGE_TIME, occurredAt.toString());
                return this;
            }
            this.occurredAt = occurredAt;
            return this;
        }

        public Builder actor(EntityRef actor) {
            this.actor = actor;
            return this;
        }

        /** Adds a subject unless it is null or the same entity is already there. */
        public Builder subject(EntityRef subject) {
            if (subject != null && subjects.stream().noneMatch(s -> s.sameEntity(subject))) {
                subjects.add(subject);
            }
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /** Adds an attribute unless the value is null. */
        public Builder attribute(String name, Object value) {
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder cause(String eventId) {
            causes.add(eventId);
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public EventDraft build() {
            return new EventDraft(
                    source, type, occurredAt, actor, subjects, title, body, attributes, url, causes, idempotencyKey);
        }
    }
}
