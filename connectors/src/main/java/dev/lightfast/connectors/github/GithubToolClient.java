package dev.lightfast.connectors.github;

import dev.lightfast.connectors.act.ActionMarker;
import dev.lightfast.connectors.act.InvalidToolCall;
import dev.lightfast.connectors.act.ToolArguments;
import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.act.ToolUnreachable;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolClient;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's REST API for what intents do on GitHub: comment, open an issue, assign, label and
 * request a review. GitHub takes no idempotency key, so the key rides along twice: as the {@code
 * Idempotency-Key} header (harmless to GitHub, counted by the emulator) and as a hidden HTML
 * comment in the bodies Lightfast writes, which {@link #findDone} searches for. Assigning,
 * labelling and requesting a review are idempotent on GitHub's side; for them findDone checks the
 * state instead.
 */
public final class GithubToolClient implements ToolClient {
    static final String NAME = "GitHub";
    /** The tool's own API, for a credential that names no other. */
    static final java.net.URI DEFAULT_API = java.net.URI.create("https://api.github.com");

    static final String API_VERSION = "2022-11-28";
    private static final Set<ToolOperation> OPERATIONS = GithubOperations.ALL;
    /** How many pages of 100 findDone reads before it gives up: bounded work after a crash. */
    private static final int MAX_PAGES = 10;

    private final ToolHttp http;

    public GithubToolClient(ToolHttp http) {
        this.http = http;
    }

    public GithubToolClient() {
        this(ToolHttp.standard());
    }

    @Override
    public String tool() {
        return GithubConnector.PROVIDER;
    }

    @Override
    public String title() {
        return NAME;
    }

    @Override
    public java.util.Optional<java.net.URI> defaultApiBase() {
        return java.util.Optional.of(DEFAULT_API);
    }

    @Override
    public Set<ToolOperation> operations() {
        return OPERATIONS;
    }

    @Override
    public ToolResult call(ToolCall call, ToolCredential credential) {
        try {
            var args = ToolArguments.of(call, OPERATIONS);
            String repo = args.repository("repo");
            return switch (call.operation()) {
                case ToolOperation o
                when GithubOperations.COMMENT.equals(o) -> {
                    ObjectNode body = Json.MAPPER.createObjectNode().put("body", marked(args.text("body"), call));
                    yield post(
                            call,
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number") + "/comments",
                            body);
                }
                case ToolOperation o
                when GithubOperations.CREATE_ISSUE.equals(o) -> {
                    ObjectNode body = Json.MAPPER
                            .createObjectNode()
                            .put("title", args.text("title"))
                            .put("body", marked(args.text("body"), call));
                    addList(body, "labels", args.strings("labels"));
                    addList(body, "assignees", args.strings("assignees"));
                    yield post(call, credential, "/repos/" + repo + "/issues", body);
                }
                case ToolOperation o
                when GithubOperations.ASSIGN.equals(o) ->
                    post(
                            call,
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number") + "/assignees",
                            addList(Json.MAPPER.createObjectNode(), "assignees", args.strings("assignees")));
                case ToolOperation o
                when GithubOperations.LABEL.equals(o) -> {
                    ToolResult r = post(
                            call,
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number") + "/labels",
                            addList(Json.MAPPER.createObjectNode(), "labels", args.strings("labels")));
                    // GitHub answers with the labels, not the issue: point at the issue.
                    yield r instanceof ToolResult.Succeeded s
                            ? new ToolResult.Succeeded(
                                    s.status(), s.response(), issueUrl(credential, repo, args.number("number")))
                            : r;
                }
                case ToolOperation o
                when GithubOperations.REQUEST_REVIEW.equals(o) ->
                    post(
                            call,
                            credential,
                            "/repos/" + repo + "/pulls/" + args.number("number") + "/requested_reviewers",
                            addList(Json.MAPPER.createObjectNode(), "reviewers", args.strings("reviewers")));
                default -> throw new InvalidToolCall(call.operation() + " is not a GitHub operation");
            };
        } catch (InvalidToolCall e) {
            return e.result();
        } catch (ToolUnreachable e) {
            return e.result();
        }
    }

    @Override
    public Optional<ToolResult.Succeeded> findDone(ToolCall call, ToolCredential credential) {
        try {
            var args = ToolArguments.of(call, OPERATIONS);
            String repo = args.repository("repo");
            return switch (call.operation()) {
                case ToolOperation o
                when GithubOperations.COMMENT.equals(o) ->
                    findInPages(
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number") + "/comments?per_page=100",
                            c -> ActionMarker.isIn(c.path("body").asString(""), call.idempotencyKey()));
                case ToolOperation o
                when GithubOperations.CREATE_ISSUE.equals(o) ->
                    findInPages(
                            credential,
                            "/repos/" + repo + "/issues?state=all&sort=created&direction=desc&per_page=100",
                            i -> !i.has("pull_request")
                                    && ActionMarker.isIn(i.path("body").asString(""), call.idempotencyKey()));
                case ToolOperation o
                when GithubOperations.ASSIGN.equals(o) ->
                    findState(
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number"),
                            i -> logins(i.path("assignees"), "login").containsAll(lower(args.strings("assignees"))));
                case ToolOperation o
                when GithubOperations.LABEL.equals(o) ->
                    findState(
                            credential,
                            "/repos/" + repo + "/issues/" + args.number("number"),
                            i -> logins(i.path("labels"), "name").containsAll(lower(args.strings("labels"))));
                case ToolOperation o
                when GithubOperations.REQUEST_REVIEW.equals(o) ->
                    findState(
                            credential,
                            "/repos/" + repo + "/pulls/" + args.number("number"),
                            p -> logins(p.path("requested_reviewers"), "login")
                                    .containsAll(lower(args.strings("reviewers"))));
                default -> Optional.empty();
            };
        } catch (InvalidToolCall | ToolUnreachable e) {
            // Not knowing is not finding: the executor sends the call again.
            return Optional.empty();
        }
    }

    private Optional<ToolResult.Succeeded> findInPages(
            ToolCredential credential, String path, Predicate<JsonNode> match) throws ToolUnreachable {
        for (int page = 1; page <= MAX_PAGES; page++) {
            ToolHttp.Reply reply = http.send(NAME, get(credential, path + "&page=" + page));
            if (!reply.ok() || !reply.body().isArray()) {
                return Optional.empty();
            }
            for (JsonNode item : reply.body()) {
                if (match.test(item)) {
                    return Optional.of(new ToolResult.Succeeded(
                            200, item, item.path("html_url").asString(null)));
                }
            }
            if (reply.body().size() < 100) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<ToolResult.Succeeded> findState(ToolCredential credential, String path, Predicate<JsonNode> done)
            throws ToolUnreachable {
        ToolHttp.Reply reply = http.send(NAME, get(credential, path));
        if (reply.ok() && done.test(reply.body())) {
            return Optional.of(new ToolResult.Succeeded(
                    200, reply.body(), reply.body().path("html_url").asString(null)));
        }
        return Optional.empty();
    }

    private ToolResult post(ToolCall call, ToolCredential credential, String path, ObjectNode body)
            throws ToolUnreachable {
        HttpRequest request = headers(http.request(credential.apiBase(), path, call), credential)
                .header("Content-Type", "application/json")
                .POST(ToolHttp.json(body))
                .build();
        ToolHttp.Reply reply = http.send(NAME, request);
        if (reply.ok()) {
            return new ToolResult.Succeeded(
                    reply.status(), reply.body(), reply.body().path("html_url").asString(null));
        }
        if (reply.status() == 403 && "0".equals(reply.header("x-ratelimit-remaining"))) {
            // GitHub's primary rate limit: a 403 that says when the window resets.
            return new ToolResult.Retryable(
                    403,
                    dev.lightfast.connectors.act.RetryAfter.untilEpochSeconds(
                            reply.header("x-ratelimit-reset"), http.clock().instant()),
                    NAME + " answered 403: " + message(reply.body()));
        }
        return reply.failure(message(reply.body()));
    }

    private HttpRequest get(ToolCredential credential, String path) {
        return headers(http.request(credential.apiBase(), path), credential)
                .GET()
                .build();
    }

    private static HttpRequest.Builder headers(HttpRequest.Builder b, ToolCredential credential) {
        return b.header("Authorization", "Bearer " + credential.token())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    /** GitHub's error shape: {@code message}, and for 422 the {@code errors} that say which field. */
    static String message(JsonNode body) {
        if (!body.isObject()) {
            return body.asString("");
        }
        StringBuilder m = new StringBuilder(body.path("message").asString(""));
        for (JsonNode e : body.path("errors")) {
            String detail = e.isObject()
                    ? e.path("message")
                            .asString(e.path("field").asString("") + " "
                                    + e.path("code").asString(""))
                    : e.asString("");
            m.append(m.isEmpty() ? "" : "; ").append(detail.strip());
        }
        return m.toString();
    }

    private static String marked(String body, ToolCall call) {
        return body + "\n\n" + ActionMarker.html(call.idempotencyKey());
    }

    private static ObjectNode addList(ObjectNode body, String name, List<String> values) {
        if (!values.isEmpty()) {
            var array = body.putArray(name);
            values.forEach(array::add);
        }
        return body;
    }

    /** github.com's page, or GitHub Enterprise's when the API lives under {@code /api/v3} on its host. */
    private static String issueUrl(ToolCredential credential, String repo, long number) {
        URI api = credential.apiBase();
        String web = api.getPath() != null && api.getPath().startsWith("/api/v3")
                ? api.getScheme() + "://" + api.getAuthority()
                : "https://github.com";
        return web + "/" + repo + "/issues/" + number;
    }

    private static Set<String> logins(JsonNode array, String field) {
        var out = new java.util.HashSet<String>();
        for (JsonNode n : array) {
            out.add(n.path(field).asString("").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
