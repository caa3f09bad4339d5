package dev.lightfast.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.InvalidInput;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pointer from an event to a thing it is about.
 *
 * <p>{@code key} is a natural key qualified by the tool that owns the namespace, shaped like the
 * tool's own URL path so a person can read it: {@code tool:octo/repo}, {@code
 * tool:octo/repo/pull/12}, {@code tool:octocat} (a person). Commits are the exception: a SHA
 * means the same commit in every tool, so they are {@code git:<sha>} and link across tools without
 * any mapping. {@code label} is for display only and never part of identity.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityRef(String kind, String key, String label) {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public EntityRef {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new InvalidInput("entity kind must be lower_snake_case, at most 40 chars: " + kind);
        }
        if (key == null || key.isBlank() || key.length() > 512) {
            throw new InvalidInput("entity key must be 1-512 characters");
        }
    }

    public static EntityRef of(String kind, String key, String label) {
        return new EntityRef(kind, key, label);
    }

    /** Same kind and key: labels do not matter for identity. */
    public boolean sameEntity(EntityRef other) {
        return kind.equals(other.kind) && key.equals(other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityRef other && sameEntity(other) && Objects.equals(label, other.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, key, label);
    }
}
