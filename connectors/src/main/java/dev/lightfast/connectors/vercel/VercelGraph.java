package dev.lightfast.connectors.vercel;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.GraphFactList;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.graph.RelationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vercel events as graph facts, read from the stored event alone. A deployment {@code belongs_to}
 * its project, was {@code deployed_to} its environment, {@code deployed} the commit ({@code
 * git:<sha>}, the same entity a GitHub push, a merged pull request and a Sentry release name), and
 * was {@code built_from} its branch and, for a preview, its pull request. Its state (created,
 * succeeded, error, canceled, promoted) is described at each event's time. The project {@code
 * deploys_from} its repository; the commit's author {@code authored} the commit and is identified
 * by {@code github_login}; the Vercel user by {@code vercel_user}.
 */
public final class VercelGraph implements GraphExtractor {

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        var facts = new GraphFactList(event.occurredAt());
        var a = new EventAttributes(event.attributes());
        EntityRef user = VercelEntities.user(a.text("user_id"));
        facts.describe(user)
                .identify(user, "vercel_user", a.text("user_id"), "Vercel user id in a signed Vercel webhook");
        EntityRef about = event.type().startsWith("vercel.deployment.") ? deployment(facts, a) : other(facts, event);
        if (about != null) {
            for (EntityRef mentioned : mentions.scan(event.title() + "\n" + event.body())) {
                facts.relate(RelationType.MENTIONS, about, mentioned);
            }
        }
        return facts.facts();
    }

    @Override
    public List<EntityRef> mentionsIn(String text) {
        return VercelMentions.in(text);
    }

    private static EntityRef deployment(GraphFactList facts, EventAttributes a) {
        String state = a.text("state");
        EntityRef deployment = VercelEntities.deployment(a.text("deployment_id"), hostOf(a.text("deployment_url")));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("state", state);
        described.put("target", a.text("environment"));
        described.put("url", a.text("deployment_url"));
        described.put("project", a.text("project_name"));
        if ("promoted".equals(state)) {
            described.put("promoted", true);
        }
        facts.describe(deployment, described);

        String projectId = a.text("project_id");
        EntityRef project = VercelEntities.project(projectId, a.text("project_name"));
        EntityRef environment = VercelEntities.environment(projectId, a.text("environment"));
        VercelGitSource git = VercelGitSource.from(a);
        EntityRef commit = VercelEntities.commit(git.sha());
        EntityRef repository = VercelEntities.repository(git.repo());
        EntityRef author = VercelEntities.githubPerson(git.authorLogin());
        facts.describe(project)
                .describe(environment)
                .describe(commit)
                .describe(repository)
                .describe(author, git.authorName() == null ? Map.of() : Map.of("name", git.authorName()))
                .relate(RelationType.BELONGS_TO, deployment, project)
                .relate(RelationType.DEPLOYED_TO, deployment, environment)
                .relate(RelationType.DEPLOYED, deployment, commit)
                .relate(RelationType.BUILT_FROM, deployment, VercelEntities.branch(git.repo(), git.ref()))
                .relate(RelationType.BUILT_FROM, deployment, VercelEntities.pullRequest(git.repo(), git.pr()))
                .relate(RelationType.DEPLOYS_FROM, project, repository)
                .relate(RelationType.AUTHORED, author, commit)
                .identify(
                        author,
                        "github_login",
                        git.authorLogin(),
                        "commit author's GitHub login in Vercel's git metadata");
        return deployment;
    }

    private static EntityRef other(GraphFactList facts, Event event) {
        event.subjects().forEach(facts::describe);
        return event.subjects().isEmpty() ? null : event.subjects().getFirst();
    }

    private static String hostOf(String url) {
        return url == null ? null : url.replaceFirst("^https?://", "");
    }
}
