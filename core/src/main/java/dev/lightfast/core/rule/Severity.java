package dev.lightfast.core.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a broken rule matters to the team; listed and filtered on, never acted upon by itself. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity of(String value) {
        if (value == null || value.isBlank()) {
            return MEDIUM;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRule("severity", "severity must be low, medium, high or critical; got '" + value + "'");
        }
    }
}
