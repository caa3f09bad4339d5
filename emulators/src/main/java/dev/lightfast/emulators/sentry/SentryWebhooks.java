package dev.lightfast.emulators.sentry;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sentry's integration-platform webhooks for what the emulator changes: {@code issue.assigned},
 * {@code issue.resolved} and {@code comment.created}, with {@code Sentry-Hook-Resource}, {@code
 * Sentry-Hook-Timestamp}, {@code Request-ID} and the HMAC-SHA256 {@code Sentry-Hook-Signature}.
 */
final class SentryWebhooks {
    private final SentryState state;

    SentryWebhooks(SentryState state) {
        this.state = state;
    }

    OutgoingWebhook issue(String action, SentryState.Issue issue) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("action", action);
        p.putObject("data").set("issue", state.issueJson(issue));
        p.set("installation", installation());
        p.putObject("actor").put("type", "application").put("id", "lightfast").put("name", "Lightfast");
        return new OutgoingWebhook(
                "issue." + action, Map.of("Sentry-Hook-Resource", "issue"), Json.MAPPER.writeValueAsBytes(p));
    }

    OutgoingWebhook commentCreated(SentryState.Issue issue, SentryState.Note note) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("action", "created");
        p.putObject("data")
                .put("comment_id", Long.parseLong(note.id()))
                .put("issue_id", issue.id)
                .put("project_slug", issue.project)
                .put("timestamp", note.at().toString())
                .put("comment", note.text());
        p.set("installation", installation());
        p.putObject("actor").put("type", "user").put("id", 1).put("name", note.author());
        return new OutgoingWebhook(
                "comment.created", Map.of("Sentry-Hook-Resource", "comment"), Json.MAPPER.writeValueAsBytes(p));
    }

    private ObjectNode installation() {
        ObjectNode i = Json.MAPPER.createObjectNode().put("uuid", "7a485448-a9e2-4c85-8a3c-4f44175783c9");
        i.putObject("app").put("uuid", "64bf2cf4-37ca-4365-8dd3-6b6e56d741b8").put("slug", "lightfast");
        i.putObject("organization").put("slug", state.org());
        return i;
    }

    static Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return Map.of(
                "Content-Type", "application/json",
                "Request-ID", UUID.randomUUID().toString(),
                "Sentry-Hook-Resource", webhook.headers().get("Sentry-Hook-Resource"),
                "Sentry-Hook-Timestamp", Long.toString(Instant.now().getEpochSecond()),
                "Sentry-Hook-Signature", HmacSignatures.hmacSha256Hex(secret, webhook.body()));
    }
}
