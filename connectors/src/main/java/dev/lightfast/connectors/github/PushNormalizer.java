package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.bool;
import static dev.lightfast.connectors.github.GithubPayload.nonEmpty;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code push}: one {@code github.push} event for the push itself, then one {@code
 * github.commit.pushed} per commit, so that a commit can be found by its own message and author
 * even when it arrived in a push of twenty.
 *
 * <p>The push happened when the repository says it was pushed ({@code repository.pushed_at}); the
 * head commit's timestamp is only the author's clock, which can be days older for a rebased branch,
 * and is the fallback.
 */
final class PushNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        GitRef ref = GitRef.parse(text(d.path("ref")));
        List<JsonNode> commits = distinctCommits(d.path("commits"));
        List<EventDraft> drafts = new ArrayList<>();
        drafts.add(push(d, ref, commits));
        for (JsonNode commit : commits) {
            drafts.add(commit(d, ref, commit));
        }
        return drafts;
    }

    private static EventDraft push(GithubDelivery d, GitRef ref, List<JsonNode> commits) {
        boolean created = Boolean.TRUE.equals(bool(d.path("created")));
        boolean deleted = Boolean.TRUE.equals(bool(d.path("deleted")));
        boolean forced = Boolean.TRUE.equals(bool(d.path("forced")));
        var draft = d.draft("push")
                .title(d.actorName() + " " + summary(ref, commits.size(), created, deleted, forced) + d.inRepo())
                .body(commitList(commits))
                .subject(ref.entity(d.repoName()))
                .url(deleted ? d.repoUrl() : GithubPayload.or(text(d.path("compare")), d.repoUrl()))
                .occurredAt(d.timeOf(
                        d.path("repository").path("pushed_at"),
                        d.path("head_commit").path("timestamp")))
                .attribute("ref", ref.full())
                .attribute("ref_type", ref.kind())
                .attribute(ref.kind(), ref.name())
                .attribute("before", text(d.path("before")))
                .attribute("after", text(d.path("after")))
                .attribute("forced", forced)
                .attribute("created", created)
                .attribute("deleted", deleted)
                .attribute("commit_count", commits.size())
                .attribute("base_ref", text(d.path("base_ref")))
                .attribute("pusher", text(d.path("pusher").path("name")));
        for (JsonNode commit : commits) {
            draft.subject(GithubEntities.commit(sha(commit.path("id"))));
        }
        draft.subject(GithubEntities.commit(sha(d.path("head_commit").path("id"))));
        return draft.build();
    }

    private static EventDraft commit(GithubDelivery d, GitRef ref, JsonNode commit) {
        String sha = sha(commit.path("id"));
        String message = text(commit.path("message"));
        String author = text(commit.path("author").path("username"));
        String committer = text(commit.path("committer").path("username"));
        var draft = d.draft("commit", "pushed")
                .title(GithubPayload.or(
                        GithubPayload.firstLine(message), "Commit " + GithubPayload.shortSha(sha) + d.inRepo()))
                .body(message)
                .subject(GithubEntities.commit(sha))
                .subject(ref.entity(d.repoName()))
                .subject(GithubEntities.person(author))
                .subject(GithubEntities.person(committer))
                .url(text(commit.path("url")))
                .occurredAt(d.timeOf(commit.path("timestamp")))
                .idempotencyKey(d.deliveryKey() + "/commit/" + sha)
                .attribute("sha", sha)
                .attribute(Event.LOCAL_TIME, text(commit.path("timestamp")))
                .attribute("ref", ref.full())
                .attribute(ref.kind(), ref.name())
                .attribute("author_name", text(commit.path("author").path("name")))
                .attribute("author_email", text(commit.path("author").path("email")))
                .attribute("author_username", author)
                .attribute("committer_name", text(commit.path("committer").path("name")))
                .attribute("committer_username", committer)
                .attribute("distinct", bool(commit.path("distinct")))
                .attribute("added", nonEmpty(GithubPayload.texts(commit.path("added"), null)))
                .attribute("removed", nonEmpty(GithubPayload.texts(commit.path("removed"), null)))
                .attribute("modified", nonEmpty(GithubPayload.texts(commit.path("modified"), null)));
        if (author != null) {
            draft.actor(GithubEntities.person(author));
        }
        return draft.build();
    }

    /** Commits with a SHA, each once: a commit's idempotency key is its SHA within the delivery. */
    private static List<JsonNode> distinctCommits(JsonNode commits) {
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode commit : commits.isArray() ? commits : List.<JsonNode>of()) {
            String sha = sha(commit.path("id"));
            if (sha != null && seen.add(sha)) {
                out.add(commit);
            }
        }
        return out;
    }

    private static String summary(GitRef ref, int commits, boolean created, boolean deleted, boolean forced) {
        String what = ref.kind() + " " + ref.name();
        if (deleted) {
            return "deleted " + what;
        }
        if (ref.isTag()) {
            return (created ? "pushed new " : "moved ") + what;
        }
        if (created && commits == 0) {
            return "created " + what;
        }
        String verb = forced ? "force-pushed " : "pushed ";
        return verb + commits + (commits == 1 ? " commit" : " commits") + " to " + ref.name();
    }

    private static String commitList(List<JsonNode> commits) {
        var sb = new StringBuilder();
        for (JsonNode commit : commits) {
            String message = text(commit.path("message"));
            sb.append(GithubPayload.shortSha(sha(commit.path("id"))))
                    .append(' ')
                    .append(message == null ? "" : message.strip())
                    .append("\n\n");
        }
        return sb.toString().strip();
    }

    /**
     * A git ref as people name it: branch {@code main}, tag {@code v1.0}, or the full ref when
     * neither.
     */
    record GitRef(String full, String kind, String name) {
        static GitRef parse(String ref) {
            if (ref == null) {
                return new GitRef(null, "ref", "(unknown ref)");
            }
            if (ref.startsWith("refs/heads/")) {
                return new GitRef(ref, "branch", ref.substring("refs/heads/".length()));
            }
            if (ref.startsWith("refs/tags/")) {
                return new GitRef(ref, "tag", ref.substring("refs/tags/".length()));
            }
            return new GitRef(ref, "ref", ref);
        }

        boolean isTag() {
            return kind.equals("tag");
        }

        EntityRef entity(String repo) {
            return switch (kind) {
                case "branch" -> GithubEntities.branch(repo, name);
                case "tag" -> GithubEntities.tag(repo, name);
                default -> null;
            };
        }
    }
}
