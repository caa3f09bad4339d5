package dev.lightfast.core.outbound;

import java.util.Map;

/** Sends one webhook request: the HTTP side of delivery, kept out of the core. */
public interface WebhookSender {

    /**
     * POSTs {@code body} to {@code url} with {@code headers}, never following a redirect, reading at
     * most a bounded part of the answer, within a timeout. Never throws for what the endpoint or the
     * network did: that is the result's outcome.
     */
    SendResult send(String url, Map<String, String> headers, byte[] body);
}
