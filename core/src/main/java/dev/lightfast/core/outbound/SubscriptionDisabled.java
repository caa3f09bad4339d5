package dev.lightfast.core.outbound;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.subscription.Subscription;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fact that a subscription was disabled because its endpoint failed for five days, kept in the
 * tenant's log like any other: people and agents find it, and other subscriptions can be sent it.
 * Only the endpoint's host is told: a URL's path may carry a token.
 */
public final class SubscriptionDisabled {
    /** The source of events Lightfast itself records; {@code POST /v1/events} refuses it. */
    public static final String SOURCE = "lightfast";

    public static final String TYPE = "lightfast.subscription.disabled";

    private SubscriptionDisabled() {}

    /** Appends the event; a second server disabling the same streak stores nothing new. */
    public static Appended record(EventLog log, Subscription s, Instant failingSince, String lastFailure, Instant now) {
        String key = "subscription-disabled:" + s.id() + ":" + failingSince.toEpochMilli();
        String host = host(s.url());
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("subscriptionId", s.id());
        attributes.put("host", host);
        attributes.put("failingSince", failingSince.toString());
        attributes.put("lastFailure", lastFailure);
        var draft = EventDraft.builder(SOURCE, TYPE)
                .occurredAt(now)
                .subject(EntityRef.of(
                        "subscription",
                        "lightfast:subscriptions/" + s.id(),
                        s.description().isBlank() ? host : s.description()))
                .title("Webhook subscription " + s.id() + " to " + host + " disabled: failing since " + failingSince)
                .body("Every delivery attempt to " + host + " failed for five days (last: " + lastFailure
                        + "). Messages keep queueing; enable the subscription again to send them.")
                .attribute("subscriptionId", s.id())
                .attribute("host", host)
                .attribute("failingSince", failingSince.toString())
                .attribute("lastFailure", lastFailure)
                .idempotencyKey(key)
                .build();
        return log.append(
                s.tenant(),
                new IncomingDelivery(
                        SOURCE,
                        null,
                        key,
                        TYPE,
                        Map.of("content-type", "application/json"),
                        Json.MAPPER.writeValueAsBytes(attributes),
                        now,
                        List.of(draft)));
    }

    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "?" : host;
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
