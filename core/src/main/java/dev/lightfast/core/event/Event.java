package dev.lightfast.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable fact in a tenant's log. {@code seq} is its place in the tenant's causal order,
 * given at commit; {@code occurredAt} is the source's own time and {@code observedAt} ours.
 * {@code rawRef} names the stored delivery it was derived from, so it can be derived again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
        String id,
        @JsonIgnore TenantId tenant,
        long seq,
        String source,
        String type,
        Instant occurredAt,
        Instant observedAt,
        EntityRef actor,
        List<EntityRef> subjects,
        String title,
        String body,
        Map<String, Object> attributes,
        String url,
        String rawRef,
        List<String> causes,
        String idempotencyKey) {

    /**
     * The attribute in which a connector keeps the source's own time of the event as the source
     * stated it, ISO-8601 with its offset ({@code 2024-12-06T16:06:20+01:00}): calendar questions
     * ("in August") are about the dates the people involved saw.
     */
    public static final String LOCAL_TIME = "local_time";

    /** The same event at its place in the log. */
    public Event withSeq(long seq) {
        return new Event(
                id,
                tenant,
                seq,
                source,
                type,
                occurredAt,
                observedAt,
                actor,
                subjects,
                title,
                body,
                attributes,
                url,
                rawRef,
                causes,
                idempotencyKey);
    }

    public static Event of(String id, TenantId tenant, long seq, Instant observedAt, String rawRef, EventDraft d) {
        return new Event(
                id,
                tenant,
                seq,
                d.source(),
                d.type(),
                d.occurredAt(),
                observedAt,
                d.actor(),
                d.subjects(),
                d.title(),
                d.body(),
                d.attributes(),
                d.url(),
                rawRef,
                d.causes(),
                d.idempotencyKey());
    }
}
