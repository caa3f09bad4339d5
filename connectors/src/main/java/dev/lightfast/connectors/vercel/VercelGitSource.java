package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What a deployment was built from, as Vercel records it in {@code payload.deployment.meta} for a
 * git-connected project: {@code githubCommitSha}, {@code githubCommitRef}, {@code
 * githubCommitMessage}, {@code githubCommitAuthorLogin}, {@code githubOrg}/{@code githubRepo}
 * (or {@code githubCommitOrg}/{@code githubCommitRepo}) and, for a pull request's preview, {@code
 * githubPrId}. GitLab and Bitbucket projects give only the commit ({@code gitlabCommitSha}, {@code
 * bitbucketCommitSha}), which still meets the commit by its SHA. Events carry these as {@code
 * commit_*}, {@code github_*} attributes.
 */
record VercelGitSource(
        String sha, String ref, String message, String authorLogin, String authorName, String repo, Long pr) {

    static VercelGitSource of(JsonNode meta) {
        String org = PayloadFields.or(text(meta.path("githubOrg")), text(meta.path("githubCommitOrg")));
        String name = PayloadFields.or(text(meta.path("githubRepo")), text(meta.path("githubCommitRepo")));
        String sha = PayloadFields.or(
                text(meta.path("githubCommitSha")),
                PayloadFields.or(text(meta.path("gitlabCommitSha")), text(meta.path("bitbucketCommitSha"))));
        return new VercelGitSource(
                sha == null || !sha.matches("[0-9a-fA-F]{7,64}") ? null : sha.toLowerCase(Locale.ROOT),
                PayloadFields.or(
                        text(meta.path("githubCommitRef")),
                        PayloadFields.or(text(meta.path("gitlabCommitRef")), text(meta.path("bitbucketCommitRef")))),
                PayloadFields.or(
                        text(meta.path("githubCommitMessage")),
                        PayloadFields.or(
                                text(meta.path("gitlabCommitMessage")), text(meta.path("bitbucketCommitMessage")))),
                text(meta.path("githubCommitAuthorLogin")),
                PayloadFields.or(text(meta.path("githubCommitAuthorName")), text(meta.path("gitlabCommitAuthorName"))),
                org == null || name == null ? null : org + "/" + name,
                PayloadFields.number(meta.path("githubPrId")));
    }

    static VercelGitSource from(EventAttributes a) {
        return new VercelGitSource(
                a.text("commit_sha"),
                a.text("commit_ref"),
                a.text("commit_message"),
                a.text("commit_author_login"),
                a.text("commit_author_name"),
                a.text("github_repo"),
                a.number("github_pr"));
    }

    /** " from main @ 9f2d1c7", or what of it is known. */
    String describe() {
        String at = sha == null ? "" : " @ " + sha.substring(0, 7);
        return ref == null && sha == null ? "" : " from " + (ref != null ? ref : "commit") + at;
    }

    EventDraft.Builder addTo(EventDraft.Builder draft) {
        return draft.subject(VercelEntities.commit(sha))
                .subject(VercelEntities.branch(repo, ref))
                .subject(VercelEntities.pullRequest(repo, pr))
                .subject(VercelEntities.repository(repo))
                .subject(VercelEntities.githubPerson(authorLogin))
                .attribute("commit_sha", sha)
                .attribute("commit_ref", ref)
                .attribute("commit_message", message)
                .attribute("commit_author_login", authorLogin)
                .attribute("commit_author_name", authorName)
                .attribute("github_repo", repo)
                .attribute("github_pr", pr);
    }
}
