package dev.lightfast.emulators.sentry;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code /api/0/issues/{id}/} and {@code /api/0/issues/{id}/comments/} (also under {@code /organizations/{org}}). */
final class SentryRoutes {
    private static final Pattern ISSUE =
            Pattern.compile("^/api/0/(?:organizations/[^/]+/)?issues/([^/]+)/(comments/)?$");
    private static final Set<String> STATUSES = Set.of("resolved", "unresolved", "ignored", "resolvedInNextRelease");

    private final SentryState state;
    private final SentryWebhooks webhooks;

    SentryRoutes(SentryState state, SentryWebhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    EmulatorResponse route(EmulatorRequest req) {
        Matcher m = ISSUE.matcher(req.path());
        if (!m.matches()) {
            return SentryEmulator.detail(404, "The requested resource does not exist");
        }
        Optional<SentryState.Issue> found = state.issue(m.group(1));
        if (found.isEmpty()) {
            return SentryEmulator.detail(404, "The requested resource does not exist");
        }
        SentryState.Issue issue = found.get();
        boolean comments = m.group(2) != null;
        return switch (req.method() + (comments ? " comments" : "")) {
            case "GET" -> EmulatorResponse.json(200, state.issueJson(issue));
            case "PUT" -> update(req, issue);
            case "GET comments" -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                issue.notes().reversed().forEach(n -> out.add(SentryState.noteJson(n)));
                yield EmulatorResponse.json(200, out);
            }
            case "POST comments" -> note(req, issue);
            default -> SentryEmulator.detail(405, "Method \"" + req.method() + "\" not allowed.");
        };
    }

    private EmulatorResponse update(EmulatorRequest req, SentryState.Issue issue) {
        JsonNode body = req.json();
        if (!body.isObject()) {
            return SentryEmulator.detail(400, "JSON parse error");
        }
        List<OutgoingWebhook> sent = new ArrayList<>();
        if (body.has("status")) {
            String status = body.path("status").asString("");
            if (!STATUSES.contains(status)) {
                return field("status", "\"" + status + "\" is not a valid choice.");
            }
            boolean changed = !status.equals(issue.status());
            state.status(issue, status);
            if (changed && status.equals("resolved")) {
                sent.add(webhooks.issue("resolved", issue));
            }
        }
        if (body.has("assignedTo")) {
            String to = body.path("assignedTo").asString("");
            if (to.isBlank()) {
                state.assign(issue, null);
            } else {
                Optional<SentryState.Assignee> actor = state.actor(to);
                if (actor.isEmpty()) {
                    return field("assignedTo", "Unknown actor input");
                }
                state.assign(issue, actor.get());
                sent.add(webhooks.issue("assigned", issue));
            }
        }
        return EmulatorResponse.json(200, state.issueJson(issue)).withWebhooks(sent);
    }

    private EmulatorResponse note(EmulatorRequest req, SentryState.Issue issue) {
        String text = req.json().path("text").asString("");
        if (text.isBlank()) {
            return field("text", "This field is required.");
        }
        SentryState.Note note = state.note(issue, text);
        return EmulatorResponse.json(201, SentryState.noteJson(note))
                .withWebhooks(List.of(webhooks.commentCreated(issue, note)));
    }

    private static EmulatorResponse field(String name, String message) {
        var body = Json.MAPPER.createObjectNode();
        body.putArray(name).add(message);
        return EmulatorResponse.json(400, body);
    }
}
