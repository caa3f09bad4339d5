package dev.lightfast.core.rule;

/**
 * A rule that cannot be accepted as written: a missing part, a malformed type glob or duration, or a
 * CEL expression that does not parse or type-check. Says which field, and for an expression where
 * in it ({@code line} and {@code column} from 1; 0 when the error is about the whole field).
 */
public final class InvalidRule extends RuntimeException {
    private final String field;
    private final int line;
    private final int column;

    public InvalidRule(String field, String message) {
        this(field, message, 0, 0);
    }

    public InvalidRule(String field, String message, int line, int column) {
        super(message, null, false, false);
        this.field = field;
        this.line = line;
        this.column = column;
    }

    public String field() {
        return field;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
