package dev.lightfast.core.graph;

import dev.lightfast.core.InvalidInput;
import java.util.Locale;
import java.util.Objects;

/**
 * A name a person goes by in one namespace: {@code email}, {@code name}, or a tool's
 * own namespace such as {@code <tool>_login} and {@code <tool>_user}. Values are compared
 * case-insensitively where the namespace is (emails, logins).
 */
public record Alias(String kind, String value) {
    /** Aliases of this kind are display names: many people share them, so they never join. */
    public static final String NAME = "name";

    public Alias {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new InvalidInput("alias value must not be blank");
        }
        // Emails and logins are case-insensitive in every tool that has them.
        value = kind.equals("email") || kind.endsWith("login") ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
    }

    public static Alias email(String email) {
        return new Alias("email", email);
    }

    public static Alias name(String name) {
        return new Alias(NAME, name);
    }

    /** Whether two people sharing this alias are the same person. */
    public boolean joins() {
        return !NAME.equals(kind);
    }
}
