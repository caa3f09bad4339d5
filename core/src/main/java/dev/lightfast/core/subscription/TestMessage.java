package dev.lightfast.core.subscription;

import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code POST /v1/subscriptions/{id}/test} queues: proof that the endpoint receives and verifies. */
public record TestMessage(String subscriptionId, Instant at) implements OutboundMessage {
    public static final String TYPE = "lightfast.subscription.test";

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public Instant timestamp() {
        return at;
    }

    @Override
    public Object data() {
        return Map.of(
                "subscriptionId",
                subscriptionId,
                "message",
                "a test message from Lightfast: if its signature verifies, the endpoint is set up");
    }

    @Override
    public List<Citation> citations() {
        return List.of();
    }
}
