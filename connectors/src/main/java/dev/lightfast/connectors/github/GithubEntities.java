package dev.lightfast.connectors.github;

import dev.lightfast.core.event.EntityRef;

/**
 * The keys of the things GitHub events are about, in one place so that two normalizers can never
 * name the same pull request two ways: the graph links events only through equal keys. Keys follow
 * GitHub's own URL paths ({@code github:octo/repo/pull/12}); commits are {@code git:<sha>} so other
 * tools (deploys, error trackers) meet them without a mapping.
 *
 * <p>Every factory answers {@code null} when a part is missing or the key would be unusable, and
 * the event builder skips null subjects: a payload with a gap loses one link, not the event.
 */
final class GithubEntities {
    private static final int MAX_KEY = 512;

    private GithubEntities() {}

    static EntityRef person(String login) {
        return login == null ? null : ref("person", "github:" + login, login);
    }

    static EntityRef repository(String fullName) {
        return fullName == null ? null : ref("repository", "github:" + fullName, fullName);
    }

    static EntityRef organization(String login) {
        return login == null ? null : ref("organization", "github:" + login, login);
    }

    static EntityRef team(String org, String slug, String name) {
        return org == null || slug == null
                ? null
                : ref("team", "github:orgs/" + org + "/teams/" + slug, GithubPayload.or(name, slug));
    }

    static EntityRef pullRequest(String repo, Long number) {
        return repo == null || number == null
                ? null
                : ref("pull_request", "github:" + repo + "/pull/" + number, repo + "#" + number);
    }

    static EntityRef issue(String repo, Long number) {
        return repo == null || number == null
                ? null
                : ref("issue", "github:" + repo + "/issues/" + number, repo + "#" + number);
    }

    static EntityRef commit(String sha) {
        return sha == null ? null : ref("commit", "git:" + sha, GithubPayload.shortSha(sha));
    }

    static EntityRef branch(String repo, String name) {
        return repo == null || name == null ? null : ref("branch", "github:" + repo + "/branch/" + name, name);
    }

    static EntityRef tag(String repo, String name) {
        return repo == null || name == null ? null : ref("tag", "github:" + repo + "/tag/" + name, name);
    }

    /**
     * Keyed by tag rather than by GitHub's release id, as the release page is: a re-created release
     * is the same release.
     */
    static EntityRef release(String repo, String tag, String name) {
        return repo == null || tag == null
                ? null
                : ref("release", "github:" + repo + "/releases/tag/" + tag, GithubPayload.or(name, tag));
    }

    static EntityRef deployment(String repo, Long id) {
        return repo == null || id == null
                ? null
                : ref("deployment", "github:" + repo + "/deployments/" + id, "deployment " + id);
    }

    static EntityRef environment(String repo, String name) {
        return repo == null || name == null
                ? null
                : ref("environment", "github:" + repo + "/environments/" + name, name);
    }

    static EntityRef workflowRun(String repo, Long id, String label) {
        return repo == null || id == null
                ? null
                : ref("workflow_run", "github:" + repo + "/actions/runs/" + id, GithubPayload.or(label, "run " + id));
    }

    static EntityRef checkRun(String repo, Long id, String name) {
        return repo == null || id == null
                ? null
                : ref("check_run", "github:" + repo + "/runs/" + id, GithubPayload.or(name, "check run " + id));
    }

    static EntityRef checkSuite(String repo, Long id) {
        return repo == null || id == null
                ? null
                : ref("check_suite", "github:" + repo + "/check-suites/" + id, "check suite " + id);
    }

    private static EntityRef ref(String kind, String key, String label) {
        return key.length() > MAX_KEY ? null : new EntityRef(kind, key, label);
    }
}
