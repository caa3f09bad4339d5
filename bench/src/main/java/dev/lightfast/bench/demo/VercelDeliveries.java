package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vercel's side of the story: the dashboard project's deployment webhooks, built from the field
 * table of Vercel's webhook reference ({@code id}, {@code type}, {@code createdAt}, {@code region},
 * {@code payload.deployment} with the git metadata in {@code meta}, {@code payload.links}, {@code
 * payload.target}, {@code payload.project}, {@code payload.team}, {@code payload.user}). Vercel
 * sends no delivery header: the payload's {@code id} names the delivery.
 */
final class VercelDeliveries {
    private static final String TEAM_ID = "team_" + StoryIds.base62("vercel team ledgerloop", 24);
    private static final String PROJECT_ID = "prj_" + StoryIds.base62("vercel project dashboard", 28);
    private static final String PROJECT = "dashboard";
    static final String PRODUCTION_DOMAIN = "dashboard.ledgerloop.dev";

    /** One Vercel deployment and the deliveries about it. */
    static final class Deployment {
        final String id;
        final String url;
        final String target;
        final GithubRepo repo;
        final String sha;
        final String branch;
        final String commitMessage;
        final Person author;
        final Integer pullRequest;
        Delivery created;
        Delivery outcome;
        Delivery promoted;

        Deployment(
                String id,
                String url,
                String target,
                GithubRepo repo,
                String sha,
                String branch,
                String commitMessage,
                Person author,
                Integer pullRequest) {
            this.id = id;
            this.url = url;
            this.target = target;
            this.repo = repo;
            this.sha = sha;
            this.branch = branch;
            this.commitMessage = commitMessage;
            this.author = author;
            this.pullRequest = pullRequest;
        }

        String inspectorUrl() {
            return "https://vercel.com/" + Team.ORG + "/" + PROJECT + "/" + id.substring("dpl_".length());
        }
    }

    private final History history;
    private final JsonMapper mapper;

    VercelDeliveries(History history, JsonMapper mapper) {
        this.history = history;
        this.mapper = mapper;
    }

    /**
     * Vercel starts building a push: a production deployment for main, a preview for any other
     * branch; either names the pull request it belongs to, when there is one (for main, the pull
     * request whose merge made the commit).
     */
    Deployment create(
            GithubRepo repo, GitCommit commit, String branch, Person author, GithubPullRequest pr, Instant at) {
        String id = "dpl_" + StoryIds.base62("vercel deployment " + commit.sha() + " " + at, 28);
        String hash = StoryIds.base62("vercel url " + id, 9).toLowerCase();
        String target = branch.equals("main") ? "production" : null;
        var deployment = new Deployment(
                id,
                PROJECT + "-" + hash + "-" + Team.ORG + ".vercel.app",
                target,
                repo,
                commit.sha(),
                branch,
                commit.message(),
                author,
                pr == null ? null : pr.number);
        deployment.created = add("deployment.created", deployment, author, at);
        return deployment;
    }

    Delivery succeeded(Deployment deployment, Instant at) {
        deployment.outcome = add("deployment.succeeded", deployment, deployment.author, at);
        return deployment.outcome;
    }

    Delivery error(Deployment deployment, Instant at) {
        deployment.outcome = add("deployment.error", deployment, deployment.author, at);
        return deployment.outcome;
    }

    Delivery canceled(Deployment deployment, Instant at) {
        deployment.outcome = add("deployment.canceled", deployment, deployment.author, at);
        return deployment.outcome;
    }

    /** Someone promotes an earlier production deployment again: Vercel's instant rollback. */
    Delivery promote(Deployment deployment, Person by, Instant at) {
        deployment.promoted = add("deployment.promoted", deployment, by, at);
        return deployment.promoted;
    }

    private Delivery add(String type, Deployment deployment, Person user, Instant at) {
        String eventId = StoryIds.base62("vercel event " + type + " " + deployment.id + " " + at, 24);
        var body = mapper.createObjectNode();
        body.put("id", eventId);
        body.put("type", type);
        body.put("createdAt", at.toEpochMilli() + Math.floorMod(eventId.hashCode(), 900));
        body.put("region", "iad1");
        var payload = body.putObject("payload");
        payload.putObject("team").put("id", TEAM_ID);
        payload.putObject("user").put("id", StoryIds.base62("vercel user " + user.login(), 24));
        if ("production".equals(deployment.target) && !type.equals("deployment.created")) {
            payload.putArray("alias").add(PRODUCTION_DOMAIN).add(PROJECT + "-" + Team.ORG + ".vercel.app");
        }
        var d = payload.putObject("deployment");
        d.put("id", deployment.id);
        d.set("meta", meta(deployment));
        d.put("url", deployment.url);
        d.put("name", PROJECT);
        d.put("inspectorUrl", deployment.inspectorUrl());
        var links = payload.putObject("links");
        links.put("deployment", deployment.inspectorUrl());
        links.put("project", "https://vercel.com/" + Team.ORG + "/" + PROJECT);
        payload.put("name", PROJECT);
        payload.put("url", deployment.url);
        payload.put("target", deployment.target);
        payload.putObject("project").put("id", PROJECT_ID);
        payload.put("plan", "pro");
        payload.putArray("regions").add("iad1");
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        return history.add(new Delivery("vercel", type, eventId, at, headers, body, null, null));
    }

    /** The git metadata Vercel records for a deployment made from a GitHub push; all values are text. */
    private ObjectNode meta(Deployment deployment) {
        var m = mapper.createObjectNode();
        m.put("githubCommitAuthorName", deployment.author.name());
        m.put("githubCommitAuthorLogin", deployment.author.login());
        m.put("githubCommitMessage", deployment.commitMessage);
        m.put("githubCommitOrg", Team.ORG);
        m.put("githubCommitRef", deployment.branch);
        m.put("githubCommitRepo", deployment.repo.name());
        m.put("githubCommitRepoId", Long.toString(deployment.repo.id()));
        m.put("githubCommitSha", deployment.sha);
        m.put("githubDeployment", "1");
        m.put("githubOrg", Team.ORG);
        m.put("githubRepo", deployment.repo.name());
        m.put("githubRepoId", Long.toString(deployment.repo.id()));
        m.put("githubRepoOwnerType", "Organization");
        if (deployment.pullRequest != null) {
            m.put("githubPrId", Integer.toString(deployment.pullRequest));
        }
        return m;
    }
}
