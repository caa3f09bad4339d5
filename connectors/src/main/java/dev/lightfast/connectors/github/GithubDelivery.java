package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One delivery as every normalizer sees it, with the facts nearly all GitHub payloads share
 * (repository, sender, action). Keeping them here means every event of the same repository carries
 * the same repository subject and every event starts from the same defaults.
 *
 * @param receivedAt our time of receipt: the occurrence time when the payload has none
 */
record GithubDelivery(String deliveryKey, String event, JsonNode payload, Instant receivedAt) {

    GithubDelivery {
        payload = payload == null ? MissingNode.getInstance() : payload;
        event = event == null ? "" : event;
    }

    JsonNode path(String field) {
        return payload.path(field);
    }

    /**
     * The {@code action} GitHub put in the body; null for events without one ({@code push}, {@code
     * create}).
     */
    String action() {
        return text(payload.path("action"));
    }

    /**
     * {@code owner/name} of the repository the delivery is about, or null for organisation-level
     * events.
     */
    String repoName() {
        JsonNode repo = payload.path("repository");
        String fullName = text(repo.path("full_name"));
        if (fullName != null) {
            return fullName;
        }
        String owner = text(repo.path("owner").path("login"));
        String name = text(repo.path("name"));
        return owner == null || name == null ? null : owner + "/" + name;
    }

    String repoUrl() {
        return text(payload.path("repository").path("html_url"));
    }

    /** The repository's page plus a path, or null when the payload has no repository page. */
    String repoUrl(String suffix) {
        String base = repoUrl();
        return base == null ? null : base + suffix;
    }

    EntityRef repository() {
        return GithubEntities.repository(repoName());
    }

    String senderLogin() {
        return text(payload.path("sender").path("login"));
    }

    /** Who did it, as titles name them. */
    String actorName() {
        return GithubPayload.or(senderLogin(), "Someone");
    }

    /** " in owner/repo", or nothing when there is no repository. */
    String inRepo() {
        String repo = repoName();
        return repo == null ? "" : " in " + repo;
    }

    /** The first candidate that is a time, else the time we received the delivery. */
    Instant timeOf(JsonNode... candidates) {
        Instant t = GithubPayload.firstTime(candidates);
        return t != null ? t : receivedAt;
    }

    /**
     * A draft with what every event of this delivery shares: source, type, the sender as actor, the
     * repository as first subject, our receipt time until a normalizer knows better, and the delivery
     * as idempotency key (the key of the delivery's main event).
     */
    EventDraft.Builder draft(String... typeWords) {
        return EventDraft.builder(GithubConnector.PROVIDER, GithubEventType.of(typeWords))
                .actor(GithubEntities.person(senderLogin()))
                .subject(repository())
                // The sender's numeric id survives a login rename; identity joins on it. Kept with the
                // sender's login because some events' actor is someone else (a commit's author).
                .attribute("sender", senderLogin())
                .attribute(
                        "sender_id", GithubPayload.number(payload.path("sender").path("id")))
                .occurredAt(receivedAt)
                .idempotencyKey(deliveryKey);
    }
}
