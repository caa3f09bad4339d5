package dev.lightfast.core.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lightfast.core.InvalidInput;
import java.util.regex.Pattern;

/** The tenant every row, document and cache key belongs to. */
public record TenantId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TenantId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("tenant id must be 1-64 letters, digits, '_' or '-': " + value);
        }
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
