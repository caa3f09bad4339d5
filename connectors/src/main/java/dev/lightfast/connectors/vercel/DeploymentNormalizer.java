package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventTypeWords;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * {@code deployment.*}: {@code vercel.deployment.created}, {@code .succeeded}, {@code .error},
 * {@code .canceled}, {@code .promoted} (and any other deployment event Vercel adds, by its own
 * name). The older {@code deployment.ready} is {@code succeeded}, its current name. Each event names
 * the deployment, its project and environment, and the commit, branch, pull request and repository
 * it was built from, so a deploy meets the commit a Sentry release names and the PR that merged it.
 */
final class DeploymentNormalizer {
    private static final int TITLE_MESSAGE = 120;

    EventDraft normalize(VercelDelivery d) {
        String verb = d.type().substring("deployment.".length());
        verb = verb.equals("ready") ? "succeeded" : EventTypeWords.word(verb);
        JsonNode p = d.payload();
        JsonNode deployment = p.path("deployment");
        String id = text(deployment.path("id"));
        String host = text(deployment.path("url"));
        String projectId = text(p.path("project").path("id"));
        String name =
                PayloadFields.or(text(deployment.path("name")), PayloadFields.or(text(p.path("name")), "a project"));
        String target = text(p.path("target"));
        String environment = target != null ? target : "preview";
        VercelGitSource git = VercelGitSource.of(deployment.path("meta"));
        String from = git.describe();
        String message = PayloadFields.firstLine(git.message());
        String quote = message == null ? "" : ": " + PayloadFields.excerpt(message, TITLE_MESSAGE);
        String to = " to " + environment;
        String headline = switch (verb) {
            case "created" -> "Vercel started deploying " + name + to + from;
            case "succeeded" -> "Vercel deployed " + name + to + from;
            case "error" -> "Vercel deployment of " + name + to + " failed" + paren(from);
            case "canceled" -> "Vercel deployment of " + name + to + " was canceled" + paren(from);
            case "promoted" -> "Vercel promoted a deployment of " + name + to + paren(from);
            default -> "Vercel deployment " + verb + " for " + name + to + paren(from);
        };

        var draft = d.draft("deployment", verb)
                .title(headline + quote)
                .body(PayloadFields.paragraphs(
                        git.message(),
                        git.pr() == null ? null : "Pull request #" + git.pr(),
                        host == null ? null : "https://" + host))
                .url(PayloadFields.or(
                        text(p.path("links").path("deployment")), host == null ? null : "https://" + host))
                .subject(VercelEntities.deployment(id, host))
                .subject(VercelEntities.project(projectId, name))
                .subject(VercelEntities.environment(projectId, environment))
                .attribute("deployment_id", id)
                .attribute("deployment_url", host == null ? null : "https://" + host)
                .attribute("inspector_url", text(p.path("links").path("deployment")))
                .attribute("project_id", projectId)
                .attribute("project_name", name)
                .attribute("target", target)
                .attribute("environment", environment)
                .attribute("state", verb)
                .attribute("plan", text(p.path("plan")))
                .attribute("regions", PayloadFields.nonEmpty(PayloadFields.texts(p.path("regions"), null)));
        return git.addTo(draft).build();
    }

    private static String paren(String from) {
        return from.isEmpty() ? "" : " (" + from.strip() + ")";
    }
}
