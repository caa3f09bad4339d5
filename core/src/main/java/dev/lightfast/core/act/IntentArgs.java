package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An intent's arguments, typed per kind and checked against its schema. */
public sealed interface IntentArgs {
    /** The longest argument accepted: a message, a ticket's body. */
    int MAX_LENGTH = 10_000;

    IntentKind kind();

    record Notify(String to, String message) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.NOTIFY;
        }
    }

    record OpenTicket(String title, String body, String about) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.OPEN_TICKET;
        }
    }

    record Comment(String on, String text) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.COMMENT;
        }
    }

    record Assign(String item, String to) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.ASSIGN;
        }
    }

    record Label(String item, List<String> labels) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.LABEL;
        }
    }

    record RequestReview(String pr, String by) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.REQUEST_REVIEW;
        }
    }

    record Rollback(String deployment) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.ROLLBACK;
        }
    }

    record IncidentNote(String incident, String text) implements IntentArgs {
        public IntentKind kind() {
            return IntentKind.INCIDENT_NOTE;
        }
    }

    /**
     * Reads a request's arguments for {@code kind}: every required argument present and non-blank, no
     * unknown one, none too long.
     */
    static IntentArgs of(IntentKind kind, Map<String, ?> args) {
        if (args == null) {
            throw new InvalidInput("args is required for " + kind.wire() + ": " + names(kind));
        }
        for (String name : args.keySet()) {
            if (kind.required().stream().noneMatch(a -> a.name().equals(name))) {
                throw new InvalidInput(
                        "unknown argument '" + name + "' for " + kind.wire() + ": it takes " + names(kind));
            }
        }
        for (var a : kind.required()) {
            Object v = args.get(a.name());
            if (!(v instanceof String s) || s.isBlank()) {
                throw new InvalidInput(kind.wire() + " needs '" + a.name() + "' (" + a.description() + ")");
            }
            if (s.length() > MAX_LENGTH) {
                throw new InvalidInput("'" + a.name() + "' is longer than " + MAX_LENGTH + " characters");
            }
        }
        java.util.function.Function<String, String> s = n -> ((String) args.get(n)).strip();
        return switch (kind) {
            case NOTIFY -> new Notify(s.apply("to"), s.apply("message"));
            case OPEN_TICKET -> new OpenTicket(s.apply("title"), s.apply("body"), s.apply("about"));
            case COMMENT -> new Comment(s.apply("on"), s.apply("text"));
            case ASSIGN -> new Assign(s.apply("item"), s.apply("to"));
            case LABEL ->
                new Label(
                        s.apply("item"),
                        Arrays.stream(s.apply("labels").split(","))
                                .map(String::strip)
                                .filter(l -> !l.isEmpty())
                                .toList());
            case REQUEST_REVIEW -> new RequestReview(s.apply("pr"), s.apply("by"));
            case ROLLBACK -> new Rollback(s.apply("deployment"));
            case INCIDENT_NOTE -> new IncidentNote(s.apply("incident"), s.apply("text"));
        };
    }

    private static String names(IntentKind kind) {
        return String.join(
                ", ", kind.required().stream().map(IntentKind.Arg::name).toList());
    }
}
