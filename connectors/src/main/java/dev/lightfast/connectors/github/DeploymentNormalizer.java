package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.bool;
import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * {@code deployment} ({@code github.deployment.created}) and {@code deployment_status} ({@code
 * github.deployment_status.<state>}). Both name the deployed commit and the environment, the two
 * links that let "what broke production?" walk from an incident back to a pull request.
 */
final class DeploymentNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        return List.of("deployment_status".equals(d.event()) ? status(d) : deployment(d));
    }

    private static EventDraft deployment(GithubDelivery d) {
        JsonNode deployment = d.path("deployment");
        String environment = text(deployment.path("environment"));
        String action = GithubPayload.or(d.action(), "created");
        var draft = common(d, deployment, d.draft("deployment", action))
                .title(d.actorName()
                        + " "
                        + ActionPhrases.describe(action, "a deployment of " + what(deployment))
                        + " to "
                        + GithubPayload.or(environment, "an environment")
                        + d.inRepo())
                .body(text(deployment.path("description")))
                .url(environmentPage(d, environment))
                .occurredAt(d.timeOf(deployment.path("created_at")));
        return draft.build();
    }

    private static EventDraft status(GithubDelivery d) {
        JsonNode deployment = d.path("deployment");
        JsonNode status = d.path("deployment_status");
        String state = GithubPayload.or(text(status.path("state")), "unknown");
        String environment = GithubPayload.or(text(status.path("environment")), text(deployment.path("environment")));
        String url = GithubPayload.or(
                text(status.path("target_url")),
                GithubPayload.or(text(status.path("log_url")), text(status.path("environment_url"))));
        var draft = common(d, deployment, d.draft("deployment_status", state.toLowerCase(Locale.ROOT)))
                .title("Deployment of "
                        + what(deployment)
                        + " to "
                        + GithubPayload.or(environment, "an environment")
                        + " "
                        + outcome(state)
                        + d.inRepo())
                .body(GithubPayload.paragraphs(text(status.path("description")), text(deployment.path("description"))))
                .url(GithubPayload.or(url, environmentPage(d, environment)))
                .occurredAt(d.timeOf(status.path("updated_at"), status.path("created_at")))
                .subject(GithubEntities.environment(d.repoName(), environment))
                .attribute("state", state)
                .attribute("environment", environment)
                .attribute("status_id", number(status.path("id")))
                .attribute("status_creator", text(status.path("creator").path("login")))
                .attribute("target_url", text(status.path("target_url")))
                .attribute("log_url", text(status.path("log_url")))
                .attribute("environment_url", text(status.path("environment_url")));
        return draft.build();
    }

    /** What both events say about the deployment itself. */
    private static EventDraft.Builder common(GithubDelivery d, JsonNode deployment, EventDraft.Builder draft) {
        String repo = d.repoName();
        Long id = number(deployment.path("id"));
        String environment = text(deployment.path("environment"));
        return draft.subject(GithubEntities.deployment(repo, id))
                .subject(GithubEntities.environment(repo, environment))
                .subject(GithubEntities.commit(sha(deployment.path("sha"))))
                .subject(GithubEntities.person(text(deployment.path("creator").path("login"))))
                .attribute("deployment_id", id)
                .attribute("environment", environment)
                .attribute("ref", text(deployment.path("ref")))
                .attribute("sha", sha(deployment.path("sha")))
                .attribute("task", text(deployment.path("task")))
                .attribute("creator", text(deployment.path("creator").path("login")))
                .attribute("production_environment", bool(deployment.path("production_environment")))
                .attribute("transient_environment", bool(deployment.path("transient_environment")));
    }

    /** "main (f95f852)". */
    private static String what(JsonNode deployment) {
        String ref = text(deployment.path("ref"));
        String sha = GithubPayload.shortSha(sha(deployment.path("sha")));
        if (ref == null) {
            return GithubPayload.or(sha, "an unknown commit");
        }
        return sha == null || ref.startsWith(sha) ? ref : ref + " (" + sha + ")";
    }

    private static String outcome(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "success" -> "succeeded";
            case "failure" -> "failed";
            case "error" -> "errored";
            case "pending" -> "is pending";
            case "queued" -> "is queued";
            case "in_progress" -> "is in progress";
            case "inactive" -> "is inactive";
            default -> "is " + state;
        };
    }

    /** GitHub has no page per deployment, but has one per environment listing its deployments. */
    private static String environmentPage(GithubDelivery d, String environment) {
        return environment == null
                ? d.repoUrl("/deployments")
                : d.repoUrl("/deployments/"
                        + URLEncoder.encode(environment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
