package dev.lightfast.connectors.vercel;

import dev.lightfast.core.event.EntityRef;
import java.util.Locale;

/**
 * The keys of the things Vercel events are about. Deployments, projects and users are keyed by
 * Vercel's ids ({@code vercel:deployment/dpl_…}); a project's environment by project and target.
 * What a deployment was built from is named with the keys its own tool gives it, so it meets that
 * tool's events without a mapping: the commit is {@code git:<sha>}, the branch, pull request and
 * repository are GitHub's ({@code github:acme/shop/pull/42}), the commit's author a GitHub person.
 */
final class VercelEntities {
    private static final int MAX_KEY = 512;

    private VercelEntities() {}

    static EntityRef deployment(String id, String url) {
        return id == null ? null : ref("deployment", "vercel:deployment/" + id, url != null ? url : id);
    }

    static EntityRef project(String id, String name) {
        return id == null ? null : ref("project", "vercel:project/" + id, name != null ? name : id);
    }

    /** Production, preview or a custom environment, of one project. */
    static EntityRef environment(String projectId, String target) {
        if (target == null) {
            return null;
        }
        String key = projectId == null
                ? "vercel:environment/" + target
                : "vercel:project/" + projectId + "/environment/" + target;
        return ref("environment", key, target);
    }

    static EntityRef user(String id) {
        return id == null ? null : ref("person", "vercel:user/" + id, id);
    }

    static EntityRef commit(String sha) {
        return sha == null || sha.length() < 7
                ? null
                : ref(
                        "commit",
                        "git:" + sha.toLowerCase(Locale.ROOT),
                        sha.substring(0, 7).toLowerCase(Locale.ROOT));
    }

    static EntityRef repository(String repo) {
        return repo == null ? null : ref("repository", "github:" + repo, repo);
    }

    static EntityRef branch(String repo, String name) {
        return repo == null || name == null ? null : ref("branch", "github:" + repo + "/branch/" + name, name);
    }

    static EntityRef pullRequest(String repo, Long number) {
        return repo == null || number == null
                ? null
                : ref("pull_request", "github:" + repo + "/pull/" + number, repo + "#" + number);
    }

    static EntityRef githubPerson(String login) {
        return login == null ? null : ref("person", "github:" + login, login);
    }

    /** Null when the key would be longer than an entity key may be: a payload with a giant id loses one link. */
    private static EntityRef ref(String kind, String key, String label) {
        return key.length() > MAX_KEY ? null : new EntityRef(kind, key, label);
    }
}
