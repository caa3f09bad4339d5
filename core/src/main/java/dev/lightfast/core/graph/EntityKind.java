package dev.lightfast.core.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of things events are about, named once. Connectors make entities of these kinds, the
 * graph stores their {@link #wire()} name, and questions ask for them by any of their {@link
 * #words()} ("which deploy", "what PR"). {@link #hub()} kinds connect everything to everything (a
 * person, a repository), so walks reach them but do not pass through.
 */
public enum EntityKind {
    PERSON("person", true, "person", "people", "author", "reviewer", "engineer"),
    ORGANIZATION("organization", true, "organization", "org"),
    TEAM("team", true, "team"),
    REPOSITORY("repository", true, "repository", "repo"),
    PROJECT("project", true, "project"),
    SERVICE("service", true, "service"),
    ENVIRONMENT("environment", true, "environment", "env"),
    CHANNEL("channel", true, "channel"),
    BRANCH("branch", true, "branch"),
    CYCLE("cycle", true, "cycle", "sprint"),
    LABEL("label", true, "label"),
    MILESTONE("milestone", true, "milestone"),
    TAG("tag", true, "tag"),
    PULL_REQUEST("pull_request", false, "pull request", "pr", "merge request"),
    COMMIT("commit", false, "commit", "change", "changeset"),
    ISSUE("issue", false, "issue", "ticket", "bug"),
    REVIEW("review", false, "review"),
    RELEASE("release", false, "release", "version"),
    DEPLOYMENT("deployment", false, "deployment", "deploy"),
    INCIDENT("incident", false, "incident", "outage", "error"),
    ALERT_RULE("alert_rule", false, "alert rule", "alert"),
    MESSAGE("message", false, "message", "post"),
    THREAD("thread", false, "thread", "conversation"),
    DECISION("decision", false, "decision"),
    WORKFLOW_RUN("workflow_run", false, "workflow run", "workflow", "build"),
    CHECK_RUN("check_run", false, "check run", "check"),
    CHECK_SUITE("check_suite", false, "check suite");

    private static final Map<String, EntityKind> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EntityKind::wire, Function.identity()));

    private final String wire;
    private final boolean hub;
    private final String[] words;

    EntityKind(String wire, boolean hub, String... words) {
        this.wire = wire;
        this.hub = hub;
        this.words = words;
    }

    /** The name stored and shown in the API: {@code pull_request}. */
    public String wire() {
        return wire;
    }

    /** Whether everything connects through it, so a walk should stop there. */
    public boolean hub() {
        return hub;
    }

    /** How people call it in a question, singular, the first being its plain name. */
    public java.util.List<String> words() {
        return java.util.List.of(words);
    }

    /** The plain name: {@code pull request}. */
    public String noun() {
        return words[0];
    }

    /** The plain name of more than one: {@code pull requests}, {@code people}, {@code repositories}. */
    public String plural() {
        return plural(noun());
    }

    /** {@code "1 commit"}, {@code "3 pull requests"}. */
    public String count(int n) {
        return n + " " + (n == 1 ? noun() : plural());
    }

    /** The plural of an English noun as the vocabulary's words need it. */
    public static String plural(String noun) {
        if (noun.equals("person")) {
            return "people";
        }
        if (noun.matches(".*(s|sh|ch|x)")) {
            return noun + "es";
        }
        if (noun.matches(".*[^aeiou]y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    /** The kind stored under {@code wire}, if it is one of the vocabulary's. */
    public static Optional<EntityKind> of(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire.toLowerCase(Locale.ROOT)));
    }

    /** Whether a kind named by its wire name is a hub; kinds outside the vocabulary are not. */
    public static boolean isHub(String wire) {
        return of(wire).map(EntityKind::hub).orElse(false);
    }

    public boolean is(String wire) {
        return this.wire.equals(wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
