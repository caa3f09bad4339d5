package dev.lightfast.emulators;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Posts signed webhooks to the target, one at a time in order, and remembers how each went. */
public final class WebhookSender {
    /** One delivery: the server's status, or -1 with the error when it could not be posted. */
    public record Sent(String event, int status, String error, byte[] body) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Sent> sent = new ArrayList<>();

    synchronized void send(WebhookTarget target, OutgoingWebhook webhook, java.util.Map<String, String> headers) {
        var request = HttpRequest.newBuilder(target.url())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        headers.forEach(request::header);
        try {
            int status = CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            sent.add(new Sent(webhook.event(), status, null, webhook.body()));
        } catch (IOException e) {
            sent.add(new Sent(webhook.event(), -1, e.toString(), webhook.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.add(new Sent(webhook.event(), -1, "interrupted", webhook.body()));
        }
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized void clear() {
        sent.clear();
    }
}
