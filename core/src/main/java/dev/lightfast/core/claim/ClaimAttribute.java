package dev.lightfast.core.claim;

import dev.lightfast.core.InvalidInput;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a claim can be about, named once: every connector states claims with these, the stores keep
 * their {@link #wire()} name, and truth policies are set per attribute. Each attribute has its
 * values (a closed vocabulary, or free text such as a SHA) and says when two values agree: a
 * tracker's "In Review" and an open pull request both mean the work is not done yet.
 */
public enum ClaimAttribute {
    STATE(
            "state",
            "where the work stands: open, in_progress, in_review, done or canceled",
            List.of("open", "in_progress", "in_review", "done", "canceled")),
    MERGED("merged", "whether the pull request is merged: true or false", List.of("true", "false")),
    ASSIGNEE("assignee", "who it is assigned to: a person's entity id or key, or none", null),
    PRODUCTION(
            "production",
            "what runs in production for a service: the deployed commit's SHA, or a version such as 2.13.1",
            null),
    SHIPPED(
            "shipped",
            "whether the change is live in production: shipped or rolled_back",
            List.of("shipped", "rolled_back"));

    /** The value that says nobody is assigned. */
    public static final String NONE = "none";

    private static final Map<String, ClaimAttribute> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ClaimAttribute::wire, Function.identity()));
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern FREE = Pattern.compile("[\\p{L}\\p{N}_.:/@+#-]{1,200}");

    private final String wire;
    private final String meaning;
    private final List<String> values;

    ClaimAttribute(String wire, String meaning, List<String> values) {
        this.wire = wire;
        this.meaning = meaning;
        this.values = values;
    }

    /** The name stored and shown in the API. */
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    /** The values it takes, or empty when any short text is one (a SHA, a version, a person). */
    public List<String> vocabulary() {
        return values == null ? List.of() : values;
    }

    public static Optional<ClaimAttribute> of(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire.toLowerCase(Locale.ROOT)));
    }

    /** The attribute named by a caller, or a message that lists the ones there are. */
    public static ClaimAttribute parse(String wire) {
        return of(wire).orElseThrow(() -> new InvalidInput("attribute must be one of "
                + Arrays.stream(values()).map(ClaimAttribute::wire).collect(Collectors.joining(", "))
                + "; got '" + wire + "'"));
    }

    /**
     * A caller's value in the attribute's own form: lower case for a closed vocabulary, a SHA in lower
     * case, a version without its tool's prefix.
     *
     * @throws InvalidInput naming the values it takes
     */
    public String normalize(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("value is required for " + wire + ": " + meaning);
        }
        String v = value.strip();
        if (values != null) {
            String lower = v.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (!values.contains(lower)) {
                throw new InvalidInput(wire + " takes " + String.join(", ", values) + "; got '" + value + "'");
            }
            return lower;
        }
        if (!FREE.matcher(v).matches()) {
            throw new InvalidInput(wire + " must be a short name without spaces (a SHA, a version, an entity"
                    + " id or key); got '" + value + "'");
        }
        return this == PRODUCTION ? release(v) : v;
    }

    /**
     * The phase a value is in, for agreement: the open states (open, in progress, in review) are one
     * phase, since two tools at different points of the same open work do not contradict each other.
     */
    public String phase(String value) {
        if (this == STATE && value != null) {
            return switch (value) {
                case "open", "in_progress", "in_review" -> "open";
                default -> value;
            };
        }
        return value;
    }

    /**
     * Whether two values say the same: the same phase, or for production the same commit (a SHA and
     * its prefix) or the same version.
     */
    public boolean agree(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (this == PRODUCTION) {
            String x = release(a);
            String y = release(b);
            if (SHA.matcher(x).matches() && SHA.matcher(y).matches()) {
                return x.startsWith(y) || y.startsWith(x);
            }
            return x.equals(y);
        }
        return phase(a).equals(phase(b));
    }

    /**
     * A release as a comparable name: a SHA in lower case, a version without a leading {@code v} or
     * a {@code service@} prefix ({@code payments-api@2.13.1} and {@code v2.13.1} are both {@code
     * 2.13.1}).
     */
    public static String release(String name) {
        String v = name.strip();
        int at = v.lastIndexOf('@');
        if (at >= 0 && at < v.length() - 1) {
            v = v.substring(at + 1);
        }
        if (SHA.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
            return v.toLowerCase(Locale.ROOT);
        }
        if (v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && Character.isDigit(v.charAt(1))) {
            v = v.substring(1);
        }
        return v;
    }

    @Override
    public String toString() {
        return wire;
    }
}
