package dev.lightfast.connectors.linear;

import dev.lightfast.connectors.act.InvalidToolCall;
import dev.lightfast.connectors.act.RetryAfter;
import dev.lightfast.connectors.act.ToolArguments;
import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.act.ToolUnreachable;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolClient;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linear's GraphQL API ({@code POST /graphql}): {@code issueCreate}, {@code commentCreate} and
 * {@code issueUpdate} (assignee, labels). Linear lets the client choose the id of what it creates,
 * so the id is derived from the idempotency key: {@link #findDone} asks for that id, and a create
 * that Linear refuses because the id exists already is the earlier call, found. GraphQL errors
 * come as {@code errors[].extensions.code}: {@code AUTHENTICATION_ERROR} is a refused token,
 * {@code RATELIMITED} is retried.
 */
public final class LinearToolClient implements ToolClient {
    static final String NAME = "Linear";
    /** The tool's own API, for a credential that names no other. */
    static final java.net.URI DEFAULT_API = java.net.URI.create("https://api.linear.app");

    private static final Set<ToolOperation> OPERATIONS = LinearOperations.ALL;

    static final String ISSUE_CREATE = "mutation IssueCreate($input: IssueCreateInput!) {"
            + " issueCreate(input: $input) { success issue { id identifier url } } }";
    static final String COMMENT_CREATE = "mutation CommentCreate($input: CommentCreateInput!) {"
            + " commentCreate(input: $input) { success comment { id url } } }";
    static final String ISSUE_UPDATE = "mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) {"
            + " issueUpdate(id: $id, input: $input) { success issue { id identifier url assignee { id }"
            + " labels { nodes { id name } } } } }";
    static final String ISSUE_LABELS = "query IssueLabels($names: [String!]) {"
            + " issueLabels(filter: { name: { in: $names } }) { nodes { id name } } }";
    private static final java.util.regex.Pattern UUID_SHAPE = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final String TEAMS =
            "query Teams($key: String!) { teams(filter: { key: { eq: $key } }) { nodes { id key } } }";
    static final String ISSUE = "query Issue($id: String!) { issue(id: $id) { id identifier url assignee { id }"
            + " labels { nodes { id name } } } }";
    static final String COMMENT = "query Comment($id: String!) { comment(id: $id) { id url } }";

    private final ToolHttp http;

    public LinearToolClient(ToolHttp http) {
        this.http = http;
    }

    public LinearToolClient() {
        this(ToolHttp.standard());
    }

    @Override
    public String tool() {
        return LinearConnector.PROVIDER;
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

    /** The id Linear is asked to give what a call creates: a v4-shaped UUID from the key. */
    public static String clientId(String idempotencyKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x40);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (h[i] & 0xff);
                lsb = (lsb << 8) | (h[8 + i] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public ToolResult call(ToolCall call, ToolCredential credential) {
        try {
            var args = ToolArguments.of(call, OPERATIONS);
            String id = clientId(call.idempotencyKey());
            ToolResult result = switch (call.operation()) {
                case ToolOperation o
                when LinearOperations.CREATE_ISSUE.equals(o) -> {
                    // Plans name a team by its key (ENG), as people and the graph do; issueCreate wants its UUID.
                    String team = args.text("teamId");
                    if (!UUID_SHAPE.matcher(team).matches()) {
                        ObjectNode k = Json.MAPPER.createObjectNode().put("key", team);
                        ToolHttp.Reply teams = query(credential, TEAMS, k);
                        Optional<ToolResult> failed = failure(teams);
                        if (failed.isPresent()) {
                            yield failed.get();
                        }
                        JsonNode nodes = teams.body().path("data").path("teams").path("nodes");
                        if (nodes.isEmpty()) {
                            yield new ToolResult.Failed(404, NAME + " has no team with the key " + team);
                        }
                        team = nodes.get(0).path("id").asString();
                    }
                    ObjectNode input = Json.MAPPER
                            .createObjectNode()
                            .put("id", id)
                            .put("teamId", team)
                            .put("title", args.text("title"))
                            .put("description", args.text("description"));
                    yield mutate(call, credential, ISSUE_CREATE, vars("input", input), "issueCreate", "issue");
                }
                case ToolOperation o
                when LinearOperations.COMMENT.equals(o) -> {
                    ObjectNode input = Json.MAPPER
                            .createObjectNode()
                            .put("id", id)
                            .put("issueId", args.text("issueId"))
                            .put("body", args.text("body"));
                    yield mutate(call, credential, COMMENT_CREATE, vars("input", input), "commentCreate", "comment");
                }
                case ToolOperation o
                when LinearOperations.ASSIGN.equals(o) -> {
                    ObjectNode v = Json.MAPPER.createObjectNode().put("id", args.text("issueId"));
                    v.putObject("input").put("assigneeId", args.text("assigneeId"));
                    yield mutate(call, credential, ISSUE_UPDATE, v, "issueUpdate", "issue");
                }
                case ToolOperation o
                when LinearOperations.LABEL.equals(o) ->
                    label(call, credential, args.text("issueId"), args.strings("labelNames"));
                default -> throw new InvalidToolCall(call.operation() + " is not a Linear operation");
            };
            boolean creates = call.operation().equals(LinearOperations.CREATE_ISSUE)
                    || call.operation().equals(LinearOperations.COMMENT);
            if (creates && result instanceof ToolResult.Failed) {
                // Refused because the id exists: an earlier attempt of this very call got through.
                Optional<ToolResult.Succeeded> earlier = findDone(call, credential);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            return result;
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
            return switch (call.operation()) {
                case ToolOperation o
                when LinearOperations.CREATE_ISSUE.equals(o) ->
                    found(query(credential, ISSUE, vars("id", clientId(call.idempotencyKey()))), "issue", n -> true);
                case ToolOperation o
                when LinearOperations.COMMENT.equals(o) ->
                    found(
                            query(credential, COMMENT, vars("id", clientId(call.idempotencyKey()))),
                            "comment",
                            n -> true);
                case ToolOperation o
                when LinearOperations.ASSIGN.equals(o) ->
                    found(
                            query(credential, ISSUE, vars("id", args.text("issueId"))),
                            "issue",
                            n -> args.text("assigneeId")
                                    .equals(n.path("assignee").path("id").asString("")));
                case ToolOperation o
                when LinearOperations.LABEL.equals(o) ->
                    found(query(credential, ISSUE, vars("id", args.text("issueId"))), "issue", n -> {
                        Set<String> names = new HashSet<>();
                        n.path("labels")
                                .path("nodes")
                                .forEach(l ->
                                        names.add(l.path("name").asString("").toLowerCase(Locale.ROOT)));
                        return args.strings("labelNames").stream()
                                .allMatch(l -> names.contains(l.toLowerCase(Locale.ROOT)));
                    });
                default -> Optional.empty();
            };
        } catch (InvalidToolCall | ToolUnreachable e) {
            return Optional.empty();
        }
    }

    private Optional<ToolResult.Succeeded> found(
            ToolHttp.Reply reply, String field, java.util.function.Predicate<JsonNode> done) {
        JsonNode node = reply.body().path("data").path(field);
        if (failure(reply).isEmpty() && node.isObject() && done.test(node)) {
            return Optional.of(
                    new ToolResult.Succeeded(200, node, node.path("url").asString(null)));
        }
        return Optional.empty();
    }

    private ToolResult label(ToolCall call, ToolCredential credential, String issueId, List<String> names)
            throws ToolUnreachable {
        ObjectNode v = Json.MAPPER.createObjectNode();
        var array = v.putArray("names");
        names.forEach(array::add);
        ToolHttp.Reply labels = query(credential, ISSUE_LABELS, v);
        Optional<ToolResult> failed = failure(labels);
        if (failed.isPresent()) {
            return failed.get();
        }
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>(names);
        for (JsonNode l : labels.body().path("data").path("issueLabels").path("nodes")) {
            ids.add(l.path("id").asString());
            missing.removeIf(n -> n.equalsIgnoreCase(l.path("name").asString("")));
        }
        if (!missing.isEmpty()) {
            return new ToolResult.Failed(404, NAME + " has no label named " + String.join(", ", missing));
        }
        ObjectNode u = Json.MAPPER.createObjectNode().put("id", issueId);
        var added = u.putObject("input").putArray("addedLabelIds");
        ids.forEach(added::add);
        return mutate(call, credential, ISSUE_UPDATE, u, "issueUpdate", "issue");
    }

    private ToolResult mutate(
            ToolCall call,
            ToolCredential credential,
            String document,
            ObjectNode variables,
            String field,
            String entity)
            throws ToolUnreachable {
        ToolHttp.Reply reply = http.send(
                NAME, request(http.request(credential.apiBase(), "/graphql", call), credential, document, variables));
        Optional<ToolResult> failed = failure(reply);
        if (failed.isPresent()) {
            return failed.get();
        }
        JsonNode payload = reply.body().path("data").path(field);
        if (!payload.path("success").asBoolean(false)) {
            return new ToolResult.Failed(reply.status(), NAME + " answered success: false for " + field);
        }
        return new ToolResult.Succeeded(
                reply.status(), payload, payload.path(entity).path("url").asString(null));
    }

    private ToolHttp.Reply query(ToolCredential credential, String document, ObjectNode variables)
            throws ToolUnreachable {
        return http.send(
                NAME, request(http.request(credential.apiBase(), "/graphql"), credential, document, variables));
    }

    private static HttpRequest request(
            HttpRequest.Builder b, ToolCredential credential, String document, ObjectNode variables) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("query", document);
        body.set("variables", variables);
        String token = credential.token();
        // A personal API key goes as it is; an OAuth access token as a Bearer token.
        String auth = token.startsWith("lin_api_") ? token : "Bearer " + token;
        return b.header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(ToolHttp.json(body))
                .build();
    }

    /** HTTP status first (429, 5xx), then GraphQL's {@code errors}, read by their extension code. */
    static Optional<ToolResult> failure(ToolHttp.Reply reply) {
        JsonNode errors = reply.body().path("errors");
        JsonNode first = errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
        String code = first == null ? "" : first.path("extensions").path("code").asString("");
        String said = first == null
                ? ""
                : first.path("extensions")
                        .path("userPresentableMessage")
                        .asString(first.path("message").asString(""));
        if ("RATELIMITED".equals(code)) {
            return Optional.of(new ToolResult.Retryable(
                    429,
                    RetryAfter.parse(reply.header("Retry-After"), reply.clock().instant()),
                    NAME + " answered RATELIMITED: " + said));
        }
        if ("AUTHENTICATION_ERROR".equals(code) || reply.status() == 401) {
            return Optional.of(
                    ToolHttp.Reply.tokenRefused(NAME, 401, said.isEmpty() ? "HTTP " + reply.status() : said));
        }
        if (!reply.ok()) {
            return Optional.of(reply.failure(said.isEmpty() ? "HTTP " + reply.status() : said));
        }
        if (first != null) {
            return Optional.of(
                    new ToolResult.Failed(400, NAME + " answered " + (code.isEmpty() ? "" : code + ": ") + said));
        }
        return Optional.empty();
    }

    private static ObjectNode vars(String name, Object value) {
        ObjectNode v = Json.MAPPER.createObjectNode();
        if (value instanceof JsonNode n) {
            v.set(name, n);
        } else {
            v.put(name, String.valueOf(value));
        }
        return v;
    }
}
