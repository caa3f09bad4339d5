package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency keys named after the tool's object and its change of state rather than after the
 * delivery, for the changes a backfill can also see in the API ({@code
 * github:acme/shop/pull/7#merged@2026-03-01T10:00:00Z}). A webhook and a backfill page that report
 * the same change then make one event, and a second backfill makes none (the log keeps one event
 * per source and key). Changes the API does not keep (a label added, an edit) keep their delivery
 * key: no other path reports them, and a key from the object's state alone could merge two
 * different ones made in the same second.
 *
 * <p>Each key holds the time GitHub gives the change, so a pull request closed, reopened and closed
 * again is two closings, not one.
 */
final class GithubStateKeys {
    private GithubStateKeys() {}

    static List<EventDraft> apply(GithubDelivery d, List<EventDraft> drafts) {
        if (drafts.isEmpty()) {
            return drafts;
        }
        var out = new ArrayList<EventDraft>(drafts.size());
        for (EventDraft draft : drafts) {
            String key = key(d, draft);
            out.add(key == null ? draft : draft.withIdempotencyKey(key));
        }
        return out;
    }

    /** The stable key of one event, or null to keep the one the normalizer gave. */
    static String key(GithubDelivery d, EventDraft draft) {
        String repo = d.repoName();
        if (repo == null) {
            return null;
        }
        String base = "github:" + repo;
        return switch (draft.type()) {
            case "github.pull_request.opened" ->
                stamped(
                        base + "/pull/" + prNumber(d) + "#opened",
                        d.path("pull_request").path("created_at"));
            case "github.pull_request.merged" ->
                stamped(
                        base + "/pull/" + prNumber(d) + "#merged",
                        d.path("pull_request").path("merged_at"));
            case "github.pull_request.closed" ->
                stamped(
                        base + "/pull/" + prNumber(d) + "#closed",
                        d.path("pull_request").path("closed_at"));
            case "github.pull_request_review.submitted" ->
                idKey(
                        base + "/pull/" + prNumber(d) + "/review/",
                        d.path("review").path("id"));
            case "github.pull_request_review_comment.created" ->
                idKey(
                        base + "/pull/" + prNumber(d) + "/comment/",
                        d.path("comment").path("id"));
            case "github.issue.opened" ->
                stamped(
                        base + "/issues/" + number(d.path("issue").path("number")) + "#opened",
                        d.path("issue").path("created_at"));
            case "github.issue.closed" ->
                stamped(
                        base + "/issues/" + number(d.path("issue").path("number")) + "#closed",
                        d.path("issue").path("closed_at"));
            case "github.issue_comment.created" ->
                idKey(base + "/issues/comment/", d.path("comment").path("id"));
            case "github.release.published" ->
                idKey(base + "/release/", d.path("release").path("id"));
            case "github.deployment.created" ->
                idKey(base + "/deployment/", d.path("deployment").path("id"));
            case "github.commit.pushed" -> commitKey(base, draft);
            default ->
                draft.type().startsWith("github.deployment_status.")
                        ? idKey(
                                base + "/deployment_status/",
                                d.path("deployment_status").path("id"))
                        : null;
        };
    }

    private static Long prNumber(GithubDelivery d) {
        return GithubPayload.or(number(d.path("pull_request").path("number")), number(d.path("number")));
    }

    private static String stamped(String key, JsonNode time) {
        String t = text(time);
        return key.contains("/null#") || t == null ? null : key + "@" + GithubPayload.time(time);
    }

    private static String idKey(String prefix, JsonNode id) {
        Long n = number(id);
        return n == null || prefix.contains("/null/") ? null : prefix + n;
    }

    /** A commit reached a branch: the same commit on two branches is two facts. */
    private static String commitKey(String base, EventDraft draft) {
        Object sha = draft.attributes().get("sha");
        Object ref = draft.attributes().get("ref");
        return sha == null || ref == null ? null : base + "/" + ref + "/commit/" + sha;
    }
}
