package dev.lightfast.core.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lightfast.core.event.TypeGlob;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A rule as a team writes it: when an event of some type happens ({@code on}, narrowed by a CEL
 * condition {@code if}), either another event must exist in a window around it ({@code expect}),
 * or a CEL condition over the event and the graph must hold ({@code require}); with neither, the
 * triggering event is itself the violation (a thing that must not happen). The CEL expressions are
 * compiled and type-checked by the {@code reason} module; this record checks everything else.
 *
 * @param severity low, medium (the default), high or critical
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(
        String name, String description, Severity severity, Trigger on, Expectation expect, String require) {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2_000;
    public static final int MAX_EXPRESSION = 4_000;
    /** The longest window an expectation may look across, before or after its trigger. */
    public static final Duration MAX_WITHIN = Duration.ofDays(366);

    /**
     * @param type a {@link TypeGlob}
     * @param condition CEL over {@code event}; absent means every event of the type
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String type, @JsonProperty("if") String condition) {}

    /**
     * @param type a {@link TypeGlob} for the expected event
     * @param match CEL over {@code trigger} and {@code candidate}; absent means any event of the type
     * @param within an ISO-8601 duration: positive ({@code PT2H}) after the trigger, negative ({@code
     *     -P30D}) before it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expectation(String type, String match, String within) {

        public Duration window() {
            return Duration.parse(within);
        }
    }

    public RuleSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidRule("name", "a rule needs a name, such as \"reviewed before merge\"");
        }
        name = name.strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidRule("name", "name is longer than " + MAX_NAME + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidRule("description", "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        severity = severity == null ? Severity.MEDIUM : severity;
        if (on == null || on.type() == null || on.type().isBlank()) {
            throw new InvalidRule(
                    "on.type", "a rule needs on.type, the events it judges, such as \"*.pull_request.merged\"");
        }
        glob("on.type", on.type());
        expression("on.if", on.condition());
        if (expect != null && require != null) {
            throw new InvalidRule(
                    "require",
                    "a rule has either expect (another event must exist) or require (a condition must hold), not both;"
                            + " write two rules");
        }
        if (expect != null) {
            if (expect.type() == null || expect.type().isBlank()) {
                throw new InvalidRule("expect.type", "expect needs the type of the event that must exist");
            }
            glob("expect.type", expect.type());
            expression("expect.match", expect.match());
            within(expect.within());
        }
        if (require != null && require.isBlank()) {
            throw new InvalidRule("require", "require is empty; leave it out or write a CEL condition");
        }
        expression("require", require);
    }

    /**
     * Reads a rule as written, strictly: a misspelt field ({@code requier}) would otherwise be
     * dropped and the rule mean something else, so an unknown field is refused by name.
     *
     * @throws InvalidRule naming the field that is wrong
     */
    public static RuleSpec fromJson(tools.jackson.databind.JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRule("rule", "a rule is a JSON object: {\"name\", \"on\": {\"type\", \"if\"}, ...}");
        }
        try {
            return dev.lightfast.core.json.Json.MAPPER
                    .readerFor(RuleSpec.class)
                    .with(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (tools.jackson.databind.exc.UnrecognizedPropertyException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]" : r.getPropertyName())
                    .collect(java.util.stream.Collectors.joining("."));
            throw new InvalidRule(
                    path,
                    "unknown field '" + path + "'; a rule has name, description, severity, on {type, if}, expect"
                            + " {type, match, within} and require");
        } catch (tools.jackson.core.JacksonException e) {
            if (e.getCause() instanceof InvalidRule invalid) {
                throw invalid;
            }
            String path = e.getPath().stream()
                    .map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]" : r.getPropertyName())
                    .collect(java.util.stream.Collectors.joining("."));
            throw new InvalidRule(
                    path.isEmpty() ? "rule" : path,
                    (path.isEmpty() ? "the rule" : "'" + path + "'") + " has the wrong shape: "
                            + e.getOriginalMessage());
        }
    }

    /** What the rule asks for: {@code expect}, {@code require}, or {@code forbid} (the trigger itself breaks it). */
    public String kind() {
        return expect != null ? "expect" : require != null ? "require" : "forbid";
    }

    public TypeGlob trigger() {
        return new TypeGlob(on.type());
    }

    private static void glob(String field, String value) {
        try {
            new TypeGlob(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(field, e.getMessage());
        }
    }

    private static void expression(String field, String value) {
        if (value != null && value.length() > MAX_EXPRESSION) {
            throw new InvalidRule(field, field + " is longer than " + MAX_EXPRESSION + " characters");
        }
    }

    private static void within(String within) {
        if (within == null || within.isBlank()) {
            throw new InvalidRule(
                    "expect.within",
                    "expect needs within: an ISO-8601 duration, positive after the trigger (PT2H) or negative before"
                            + " it (-P30D)");
        }
        Duration d;
        try {
            d = Duration.parse(within.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRule(
                    "expect.within",
                    "within must be an ISO-8601 duration in days, hours, minutes or seconds such as PT2H or -P30D; got '"
                            + within + "'");
        }
        if (d.isZero()) {
            throw new InvalidRule("expect.within", "within must not be zero: PT2H (after) or -P30D (before)");
        }
        if (d.abs().compareTo(MAX_WITHIN) > 0) {
            throw new InvalidRule("expect.within", "within may span at most " + MAX_WITHIN.toDays() + " days");
        }
    }
}
