package dev.lightfast.emulators.linear;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /graphql}. There is no GraphQL parser here: the operation is told by its root field
 * and every argument is read from {@code variables}, which is how the tool client sends them. The
 * answer holds the fields the client selects, whatever the selection says.
 */
final class LinearRoutes {
    private static final Pattern ROOT =
            Pattern.compile("\\b(issueCreate|commentCreate|issueUpdate|issueLabels|teams|issue|comment)\\s*\\(");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final LinearState state;
    private final LinearWebhooks webhooks;

    LinearRoutes(LinearState state, LinearWebhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    static boolean isMutation(EmulatorRequest req) {
        return req.json().path("query").asString("").strip().startsWith("mutation");
    }

    EmulatorResponse route(EmulatorRequest req) {
        if (!req.path().equals("/graphql") || !req.method().equals("POST")) {
            return EmulatorResponse.json(404, Json.MAPPER.createObjectNode().put("error", "Not found"));
        }
        JsonNode body = req.json();
        Matcher m = ROOT.matcher(body.path("query").asString(""));
        if (!m.find()) {
            return LinearEmulator.graphqlError(400, "GRAPHQL_VALIDATION_FAILED", "Unknown or missing operation");
        }
        JsonNode v = body.path("variables");
        return switch (m.group(1)) {
            case "issueCreate" -> issueCreate(v.path("input"));
            case "commentCreate" -> commentCreate(v.path("input"));
            case "issueUpdate" -> issueUpdate(v.path("id").asString(""), v.path("input"));
            case "issueLabels" -> issueLabels(v.path("names"));
            case "teams" -> teams(v.path("key").asString(""));
            case "issue" ->
                state.issue(v.path("id").asString(""))
                        .map(i -> data("issue", state.issueJson(i)))
                        .orElseGet(() -> notFound("Issue"));
            case "comment" ->
                state.comment(v.path("id").asString(""))
                        .map(c -> data("comment", state.commentJson(c)))
                        .orElseGet(() -> notFound("Comment"));
            default -> LinearEmulator.graphqlError(400, "GRAPHQL_VALIDATION_FAILED", "Unknown operation");
        };
    }

    private EmulatorResponse issueCreate(JsonNode input) {
        Optional<LinearState.Team> team = state.findTeam(input.path("teamId").asString(""));
        if (team.isEmpty()) {
            return invalid("teamId must be the UUID of an existing team");
        }
        String title = input.path("title").asString("");
        if (title.isBlank()) {
            return invalid("title should not be empty");
        }
        String id = clientId(input);
        if (id == null) {
            return invalid("id must be a UUID");
        }
        if (state.idTaken(id)) {
            return invalid("An entity with this id already exists");
        }
        LinearState.Issue issue =
                state.create(id, team.get(), title, input.path("description").asString(""));
        ObjectNode payload = Json.MAPPER.createObjectNode().put("success", true);
        payload.set("issue", state.issueJson(issue));
        return data("issueCreate", payload).withWebhooks(List.of(webhooks.issue("create", issue)));
    }

    private EmulatorResponse commentCreate(JsonNode input) {
        Optional<LinearState.Issue> issue = state.issue(input.path("issueId").asString(""));
        if (issue.isEmpty()) {
            return notFound("Issue");
        }
        String body = input.path("body").asString("");
        if (body.isBlank()) {
            return invalid("body should not be empty");
        }
        String id = clientId(input);
        if (id == null) {
            return invalid("id must be a UUID");
        }
        if (state.idTaken(id)) {
            return invalid("An entity with this id already exists");
        }
        LinearState.Comment c = state.comment(id, issue.get(), body);
        ObjectNode payload = Json.MAPPER.createObjectNode().put("success", true);
        payload.set("comment", state.commentJson(c));
        return data("commentCreate", payload).withWebhooks(List.of(webhooks.commentCreated(c, issue.get())));
    }

    private EmulatorResponse issueUpdate(String id, JsonNode input) {
        Optional<LinearState.Issue> found = state.issue(id);
        if (found.isEmpty()) {
            return notFound("Issue");
        }
        LinearState.Issue issue = found.get();
        if (input.has("assigneeId")) {
            String assignee = input.path("assigneeId").asString("");
            if (!state.userExists(assignee)) {
                return notFound("User");
            }
            state.assign(issue, assignee);
        }
        if (input.has("addedLabelIds")) {
            List<String> ids = new ArrayList<>();
            for (JsonNode l : input.path("addedLabelIds")) {
                if (!state.labelExists(l.asString(""))) {
                    return notFound("IssueLabel");
                }
                ids.add(l.asString());
            }
            state.addLabels(issue, ids);
        }
        ObjectNode payload = Json.MAPPER.createObjectNode().put("success", true);
        payload.set("issue", state.issueJson(issue));
        return data("issueUpdate", payload).withWebhooks(List.of(webhooks.issue("update", issue)));
    }

    private EmulatorResponse issueLabels(JsonNode names) {
        List<String> wanted = new ArrayList<>();
        names.forEach(n -> wanted.add(n.asString("")));
        ObjectNode conn = Json.MAPPER.createObjectNode();
        var nodes = conn.putArray("nodes");
        state.labelsNamed(wanted)
                .forEach(l -> nodes.addObject().put("id", l.id()).put("name", l.name()));
        return data("issueLabels", conn);
    }

    private EmulatorResponse teams(String key) {
        ObjectNode conn = Json.MAPPER.createObjectNode();
        var nodes = conn.putArray("nodes");
        state.teamByKey(key).ifPresent(t -> nodes.addObject().put("id", t.id()).put("key", t.key()));
        return data("teams", conn);
    }

    private static String clientId(JsonNode input) {
        if (!input.has("id")) {
            return java.util.UUID.randomUUID().toString();
        }
        String id = input.path("id").asString("");
        return UUID.matcher(id).matches() ? id : null;
    }

    private static EmulatorResponse data(String field, JsonNode value) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("data").set(field, value);
        return EmulatorResponse.json(200, body);
    }

    private static EmulatorResponse notFound(String entity) {
        return LinearEmulator.graphqlError(
                400, "INVALID_INPUT", "Entity not found: " + entity, "Could not find referenced " + entity + ".");
    }

    private static EmulatorResponse invalid(String message) {
        return LinearEmulator.graphqlError(400, "INVALID_INPUT", "Argument Validation Error", message);
    }
}
