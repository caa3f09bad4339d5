package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * Something a subscription can be sent: an event of the log, a rule violation, a test. Each comes
 * from a {@link MessageSource} at a position in it (the log's {@code seq} for events), and becomes
 * the body of a Standard Webhooks message: {@code {type, kind, timestamp, data, citations}}.
 */
public sealed interface OutboundMessage permits EventMessage, ViolationMessage, TestMessage {

    /** {@code event}, {@code violation} or {@code test}. */
    String kind();

    /** The payload's {@code type}, dotted like an event type (a violation's is {@code lightfast.violation.*}). */
    String type();

    /** Its place in its source; positions only grow. */
    long position();

    /** When it happened, as the payload's {@code timestamp} says. */
    Instant timestamp();

    /** What the message is about. */
    Object data();

    /** The events it comes from. */
    List<Citation> citations();

    /** The JSON body sent, fixed when the message is queued so that every attempt sends the same bytes. */
    default byte[] body() {
        return Json.MAPPER.writeValueAsBytes(new Body(type(), kind(), timestamp(), data(), citations()));
    }

    /** The body's shape, following the Standard Webhooks recommendation ({@code type}, {@code timestamp}, {@code data}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String type, String kind, Instant timestamp, Object data, List<Citation> citations) {}
}
