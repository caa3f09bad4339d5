package dev.lightfast.server.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.rule.InvalidRule;

/**
 * The error of a rule that does not compile: the usual {@code {"error":{"code","message"}}}, with
 * the field and, for an expression, the line and column of the problem beside them.
 */
record InvalidRuleBody(Detail error) {

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Detail(String code, String message, String field, int line, int column) {}

    static InvalidRuleBody of(InvalidRule e) {
        return new InvalidRuleBody(new Detail("invalid_rule", e.getMessage(), e.field(), e.line(), e.column()));
    }
}
