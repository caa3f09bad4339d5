package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.backfill.BackfillFailed;
import dev.lightfast.core.backfill.HistoryReader;
import dev.lightfast.core.backfill.Sleeper;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repository's history through GitHub's REST API: pull requests with their reviews, issues,
 * commits on the default branch, releases, deployments with their statuses. Each object becomes the
 * payload its webhook would have carried (an {@code opened} pull request, a {@code closed} one with
 * {@code merged}, a push of one commit ...) and goes through {@link GithubConnector}'s own
 * normalizers, whose keys ({@link GithubStateKeys}) make it the same event a webhook makes.
 *
 * <p>The cursor is {@code repository index, kind index, next page URL}: a page is one call's worth
 * (100 objects) and the reader reads one page per {@link #read}.
 */
public final class GithubHistoryReader implements HistoryReader {
    /** What can be read, in the order it is read. */
    public static final List<String> KINDS = List.of("pulls", "issues", "commits", "releases", "deployments");

    public static final String DEFAULT_API = "https://api.github.com";
    private static final int MAX_KEY = 240;

    private final GithubApi api;
    private final GithubConnector connector = new GithubConnector();

    public GithubHistoryReader(HttpClient http, Clock clock) {
        this(http, Sleeper.REAL, clock);
    }

    /** Waiting with {@code sleeper} and reading limits' reset times on {@code clock} (tests give both). */
    public GithubHistoryReader(HttpClient http, Sleeper sleeper, Clock clock) {
        this(new GithubApi(http, sleeper, clock));
    }

    GithubHistoryReader(GithubApi api) {
        this.api = api;
    }

    @Override
    public String provider() {
        return GithubConnector.PROVIDER;
    }

    private record Cursor(int repo, int kind, String url) {
        static Cursor parse(String s) {
            if (s == null) {
                return new Cursor(0, 0, null);
            }
            String[] p = s.split("\t", 3);
            return new Cursor(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p[2].isEmpty() ? null : p[2]);
        }

        String write() {
            return repo + "\t" + kind + "\t" + (url == null ? "" : url);
        }
    }

    @Override
    public Page read(Request request, String cursorText, Instant now) throws InterruptedException {
        var kinds = request.what() == null || request.what().isEmpty() ? KINDS : request.what();
        for (String k : kinds) {
            if (!KINDS.contains(k)) {
                throw new BackfillFailed("GitHub backfill reads " + KINDS + "; not '" + k + "'");
            }
        }
        Cursor c = Cursor.parse(cursorText);
        while (c.kind < KINDS.size() && !kinds.contains(KINDS.get(c.kind))) {
            c = new Cursor(c.repo, c.kind + 1, null);
        }
        if (c.repo >= request.repositories().size()) {
            return new Page(List.of(), null, null, api.takeRetries());
        }
        if (c.kind >= KINDS.size()) {
            var next = new Cursor(c.repo + 1, 0, null);
            return new Page(
                    List.of(),
                    next.repo >= request.repositories().size() ? null : next.write(),
                    null,
                    api.takeRetries());
        }
        String repo = request.repositories().get(c.repo);
        String base =
                request.apiBase() == null ? DEFAULT_API : request.apiBase().replaceAll("/+$", "");
        var ctx = new Context(repo, base, request, now);
        api.learnLimit(base, request.token());
        URI uri = c.url != null ? URI.create(c.url) : URI.create(base + first(ctx, KINDS.get(c.kind)));
        var response = api.get(uri, request.token());
        var out = new ArrayList<Backfilled>();
        boolean older = switch (KINDS.get(c.kind)) {
            case "pulls" -> pulls(ctx, response.body(), out);
            case "issues" -> issues(ctx, response.body(), out);
            case "commits" -> commits(ctx, branchIn(uri), response.body(), out);
            case "releases" -> releases(ctx, response.body(), out);
            default -> deployments(ctx, response.body(), out);
        };
        Optional<String> nextUrl = older ? Optional.empty() : response.next();
        Cursor next =
                nextUrl.isPresent() ? new Cursor(c.repo, c.kind, nextUrl.get()) : new Cursor(c.repo, c.kind + 1, null);
        if (next.kind >= KINDS.size()) {
            next = new Cursor(c.repo + 1, 0, null);
        }
        boolean done = next.repo >= request.repositories().size();
        return new Page(out, done ? null : next.write(), null, api.takeRetries());
    }

    private record Context(String repo, String base, Request request, Instant now) {
        boolean inWindow(Instant t) {
            return t != null
                    && !t.isBefore(request.since())
                    && (request.until() == null || t.isBefore(request.until()));
        }

        ObjectNode repository() {
            var r = Json.MAPPER.createObjectNode();
            r.put("full_name", repo);
            r.put("name", repo.substring(repo.indexOf('/') + 1));
            r.putObject("owner").put("login", repo.substring(0, repo.indexOf('/')));
            r.put("html_url", "https://github.com/" + repo);
            return r;
        }
    }

    private String first(Context ctx, String kind) throws InterruptedException {
        String r = "/repos/" + ctx.repo;
        String since = enc(ctx.request.since().toString());
        return switch (kind) {
            case "pulls" -> r + "/pulls?state=all&sort=updated&direction=desc&per_page=100";
            case "issues" -> r + "/issues?state=all&sort=updated&direction=desc&per_page=100&since=" + since;
            case "commits" -> {
                String branch = text(api.get(URI.create(ctx.base + r), ctx.request.token())
                        .body()
                        .path("default_branch"));
                yield r + "/commits?per_page=100&sha=" + enc(branch == null ? "main" : branch) + "&since=" + since
                        + (ctx.request.until() == null
                                ? ""
                                : "&until=" + enc(ctx.request.until().toString()));
            }
            case "releases" -> r + "/releases?per_page=100";
            default -> r + "/deployments?per_page=100";
        };
    }

    /** Newest updated first: a page reaching before {@code since} is the last one needed. */
    private boolean pulls(Context ctx, JsonNode page, List<Backfilled> out) throws InterruptedException {
        boolean older = false;
        for (JsonNode pr : page) {
            Instant updated = GithubPayload.time(pr.path("updated_at"));
            if (updated != null && updated.isBefore(ctx.request.since())) {
                older = true;
                continue;
            }
            var payload = envelope(ctx, pr.path("user"));
            ObjectNode copy = ((ObjectNode) pr).deepCopy();
            boolean merged = !pr.path("merged_at").isNull() && text(pr.path("merged_at")) != null;
            if (merged && !pr.has("merged_by") && ctx.inWindow(GithubPayload.time(pr.path("merged_at")))) {
                // The list leaves out who merged; the pull request's own page names them, as the webhook's sender.
                copy = (ObjectNode) api.get(
                                URI.create(ctx.base + "/repos/" + ctx.repo + "/pulls/"
                                        + pr.path("number").asLong()),
                                ctx.request.token())
                        .body()
                        .deepCopy();
                pr = copy;
            }
            copy.put("merged", merged);
            payload.set("pull_request", copy);
            payload.put("number", pr.path("number").asLong());
            if (ctx.inWindow(GithubPayload.time(pr.path("created_at")))) {
                add(ctx, "pull_request", payload.deepCopy().put("action", "opened"), out);
            }
            if (ctx.inWindow(GithubPayload.time(pr.path(merged ? "merged_at" : "closed_at")))) {
                var closed = payload.deepCopy().put("action", "closed");
                if (merged && pr.has("merged_by") && !pr.path("merged_by").isNull()) {
                    closed.set("sender", pr.path("merged_by"));
                }
                add(ctx, "pull_request", closed, out);
            }
            var reviews = api.get(
                    URI.create(ctx.base + "/repos/" + ctx.repo + "/pulls/"
                            + pr.path("number").asLong() + "/reviews?per_page=100"),
                    ctx.request.token());
            for (JsonNode review : reviews.body()) {
                if (!ctx.inWindow(GithubPayload.time(review.path("submitted_at")))) {
                    continue;
                }
                var p = envelope(ctx, review.path("user"));
                p.put("action", "submitted");
                p.set("review", review);
                p.set("pull_request", copy);
                add(ctx, "pull_request_review", p, out);
            }
        }
        return older;
    }

    private boolean issues(Context ctx, JsonNode page, List<Backfilled> out) throws InterruptedException {
        for (JsonNode listed : page) {
            if (listed.has("pull_request")) {
                continue; // the issues list holds pull requests too; they were read as pull requests
            }
            JsonNode issue = listed;
            if (ctx.inWindow(GithubPayload.time(listed.path("closed_at"))) && !listed.has("closed_by")) {
                // The list leaves out who closed it; the issue's own page names them, as the webhook's sender.
                issue = api.get(
                                URI.create(ctx.base + "/repos/" + ctx.repo + "/issues/"
                                        + listed.path("number").asLong()),
                                ctx.request.token())
                        .body();
            }
            var payload = envelope(ctx, issue.path("user"));
            payload.set("issue", issue);
            if (ctx.inWindow(GithubPayload.time(issue.path("created_at")))) {
                add(ctx, "issues", payload.deepCopy().put("action", "opened"), out);
            }
            if (ctx.inWindow(GithubPayload.time(issue.path("closed_at")))) {
                var closed = payload.deepCopy().put("action", "closed");
                if (issue.has("closed_by") && !issue.path("closed_by").isNull()) {
                    closed.set("sender", issue.path("closed_by"));
                }
                add(ctx, "issues", closed, out);
            }
        }
        return false;
    }

    /** A commit on the default branch, as a push of that one commit; only its commit event is kept. */
    private boolean commits(Context ctx, String branch, JsonNode page, List<Backfilled> out) {
        String ref = "refs/heads/" + branch;
        for (JsonNode c : page) {
            var payload = envelope(ctx, c.path("author"));
            payload.put("ref", ref);
            ArrayNode commits = payload.putArray("commits");
            var commit = commits.addObject();
            commit.put("id", text(c.path("sha")));
            commit.put("message", text(c.path("commit").path("message")));
            commit.put("timestamp", text(c.path("commit").path("author").path("date")));
            commit.put("url", text(c.path("html_url")));
            commit.put("distinct", true);
            var author = commit.putObject("author");
            author.put("name", text(c.path("commit").path("author").path("name")));
            author.put("email", text(c.path("commit").path("author").path("email")));
            author.put("username", text(c.path("author").path("login")));
            var committer = commit.putObject("committer");
            committer.put("name", text(c.path("commit").path("committer").path("name")));
            committer.put("email", text(c.path("commit").path("committer").path("email")));
            committer.put("username", text(c.path("committer").path("login")));
            add(ctx, "push", payload, out, "github.commit.pushed");
        }
        return false;
    }

    /** The branch a commits URL reads: its {@code sha} parameter, which every next page keeps. */
    private static String branchIn(URI uri) {
        for (String part : String.valueOf(uri.getRawQuery()).split("&")) {
            if (part.startsWith("sha=")) {
                return java.net.URLDecoder.decode(part.substring(4), StandardCharsets.UTF_8);
            }
        }
        return "main";
    }

    private boolean releases(Context ctx, JsonNode page, List<Backfilled> out) {
        for (JsonNode release : page) {
            if (!ctx.inWindow(GithubPayload.time(release.path("published_at")))) {
                continue;
            }
            var payload = envelope(ctx, release.path("author"));
            payload.put("action", "published");
            payload.set("release", release);
            add(ctx, "release", payload, out);
        }
        return false;
    }

    private boolean deployments(Context ctx, JsonNode page, List<Backfilled> out) throws InterruptedException {
        for (JsonNode deployment : page) {
            if (!ctx.inWindow(GithubPayload.time(deployment.path("created_at")))) {
                continue;
            }
            var payload = envelope(ctx, deployment.path("creator"));
            payload.put("action", "created");
            payload.set("deployment", deployment);
            add(ctx, "deployment", payload, out);
            var statuses = api.get(
                    URI.create(ctx.base + "/repos/" + ctx.repo + "/deployments/"
                            + deployment.path("id").asLong() + "/statuses?per_page=100"),
                    ctx.request.token());
            for (JsonNode status : statuses.body()) {
                var p = envelope(ctx, status.path("creator"));
                p.put("action", "created");
                p.set("deployment_status", status);
                p.set("deployment", deployment);
                add(ctx, "deployment_status", p, out);
            }
        }
        return false;
    }

    private static ObjectNode envelope(Context ctx, JsonNode sender) {
        var payload = Json.MAPPER.createObjectNode();
        payload.set("repository", ctx.repository());
        if (sender != null && sender.isObject()) {
            payload.set("sender", sender);
        }
        return payload;
    }

    private void add(Context ctx, String event, ObjectNode payload, List<Backfilled> out) {
        add(ctx, event, payload, out, null);
    }

    /** Normalizes as the webhook path does; {@code onlyType} keeps one type (a push's commit, not the push). */
    private void add(Context ctx, String event, ObjectNode payload, List<Backfilled> out, String onlyType) {
        byte[] body = Json.MAPPER.writeValueAsBytes(payload);
        List<EventDraft> drafts = connector.normalize("backfill", event, payload, ctx.now);
        if (onlyType != null) {
            drafts = drafts.stream().filter(d -> d.type().equals(onlyType)).toList();
        }
        if (drafts.isEmpty() || drafts.getFirst().idempotencyKey().equals("backfill")) {
            return; // nothing a webhook would make with a stable key: it cannot be matched, so it is not made
        }
        var marked = drafts.stream().map(GithubHistoryReader::marked).toList();
        String key = "backfill:" + drafts.getFirst().idempotencyKey();
        if (key.length() > MAX_KEY) {
            key = "backfill:sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(dev.lightfast.core.event.IncomingDelivery.sha256(
                                    key.getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Backfilled(key, event, body, marked));
    }

    /** The event says it came from a backfill; its key, and so its identity, stays the webhook's. */
    private static EventDraft marked(EventDraft d) {
        var attributes = new java.util.LinkedHashMap<String, Object>(d.attributes());
        attributes.put("backfilled", true);
        return new EventDraft(
                d.source(),
                d.type(),
                d.occurredAt(),
                d.actor(),
                d.subjects(),
                d.title(),
                d.body(),
                attributes,
                d.url(),
                d.causes(),
                d.idempotencyKey());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
