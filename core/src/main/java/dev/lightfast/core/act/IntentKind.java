package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The intents an agent or a person can express, tool-agnostic, each with the arguments it takes.
 * Arguments name things the way people do ("the PR that fixed #41", "Priya", "payments-api's
 * incident"); the resolver reads them like questions.
 */
public enum IntentKind {
    NOTIFY(
            "Tell a person, a team or a channel something",
            List.of(
                    arg(
                            "to",
                            "a person, a channel, or a service's incident channel: \"Priya\", \"#payments\","
                                    + " \"the reviewer of the PR that fixed payments-api#301\""),
                    arg("message", "what to say")),
            List.of()),
    OPEN_TICKET(
            "Open an issue in the tracker the team uses for what it is about",
            List.of(
                    arg("title", "the ticket's title"),
                    arg("body", "what it says"),
                    arg("about", "the repository or service it concerns: \"payments-api\"")),
            List.of()),
    COMMENT(
            "Comment on an issue, a pull request or an incident",
            List.of(
                    arg("on", "\"the PR that fixed #41\", \"ENG-12\", \"payments-api's incident\""),
                    arg("text", "the comment")),
            List.of()),
    ASSIGN(
            "Assign an issue, a pull request or an incident to a person",
            List.of(arg("item", "what to assign"), arg("to", "who: \"Priya\"")),
            List.of()),
    LABEL(
            "Label an issue or a pull request",
            List.of(arg("item", "what to label"), arg("labels", "the labels, comma-separated")),
            List.of()),
    REQUEST_REVIEW(
            "Ask a person to review a pull request",
            List.of(arg("pr", "the pull request"), arg("by", "who should review it")),
            List.of()),
    ROLLBACK(
            "Roll a deployment back to the one before it",
            List.of(arg("deployment", "the deployment: an id, \"what shipped commit 670ad44\"")),
            List.of()),
    INCIDENT_NOTE(
            "Write a note on an incident, in the incident tool and the service's incident channel",
            List.of(
                    arg("incident", "the incident: \"payments-api's incident\", \"PAYMENTS-API-3\""),
                    arg("text", "the note")),
            List.of());

    /** One argument: its name and what it holds, for the JSON schema. */
    public record Arg(String name, String description) {}

    private final String summary;
    private final List<Arg> required;
    private final List<Arg> optional;

    IntentKind(String summary, List<Arg> required, List<Arg> optional) {
        this.summary = summary;
        this.required = required;
        this.optional = optional;
    }

    private static Arg arg(String name, String description) {
        return new Arg(name, description);
    }

    /** The name on the wire: {@code request_review}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String summary() {
        return summary;
    }

    public List<Arg> required() {
        return required;
    }

    public static IntentKind of(String wire) {
        if (wire == null || wire.isBlank()) {
            throw new InvalidInput("intent is required: one of " + names());
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("unknown intent '" + wire + "': one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(IntentKind::wire).collect(Collectors.joining(", "));
    }

    /** The JSON schema of the intent's {@code args}. */
    public ObjectNode schema() {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        schema.put("description", summary);
        ObjectNode props = schema.putObject("properties");
        var req = schema.putArray("required");
        for (Arg a : required) {
            props.putObject(a.name()).put("type", "string").put("description", a.description());
            req.add(a.name());
        }
        for (Arg a : optional) {
            props.putObject(a.name()).put("type", "string").put("description", a.description());
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
