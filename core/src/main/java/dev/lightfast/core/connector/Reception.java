package dev.lightfast.core.connector;

import tools.jackson.databind.JsonNode;

/** What a connector makes of a verified delivery: something to store, or a reply and nothing more. */
public sealed interface Reception {

    /**
     * A delivery to keep.
     *
     * @param deliveryKey the tool's own delivery id: the same key twice is one delivery
     * @param eventName the tool's name for the kind of delivery ({@code pull_request})
     */
    record Deliver(String deliveryKey, String eventName, JsonNode payload) implements Reception {}

    /** A delivery that is answered but not kept, such as a tool's {@code ping}. */
    record Reply(int status, String message) implements Reception {}
}
