package dev.lightfast.reason.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.InvalidRule;
import dev.lightfast.core.rule.RuleSpec;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
    private static final RuleCompiler COMPILER = new RuleCompiler();

    private static RuleSpec spec(String json) {
        return Json.MAPPER.readValue(json, RuleSpec.class);
    }

    private static InvalidRule refused(String json) {
        try {
            COMPILER.check(spec(json));
        } catch (InvalidRule e) {
            return e;
        } catch (tools.jackson.core.JacksonException e) {
            if (e.getCause() instanceof InvalidRule invalid) {
                return invalid;
            }
            throw e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void the_issues_example_rule_compiles() {
        int cost = COMPILER.check(spec("""
                {"name": "reviewed before merge", "severity": "high",
                 "on":      {"type": "github.pull_request.merged", "if": "event.attributes.base_branch == 'main'"},
                 "expect":  {"type": "github.pull_request_review.submitted",
                             "match": "candidate.attributes.state == 'approved' && candidate.attributes.reviewer != trigger.attributes.author && shares(candidate, trigger, 'pull_request')",
                             "within": "-P30D"}}"""));
        assertThat(cost).isBetween(10, 100);
    }

    @Test
    void a_misspelt_field_is_refused_with_where_it_is() {
        var e = refused("""
                {"name": "x", "on": {"type": "github.push", "if": "event.atributes.ref == 'main'"}}""");
        assertThat(e.field()).isEqualTo("on.if");
        assertThat(e.getMessage()).contains("atributes").contains("line 1, column 6");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(6);
    }

    @Test
    void a_variable_of_another_part_is_refused() {
        var e = refused("""
                {"name": "x", "on": {"type": "github.push", "if": "candidate.type == 'a.b'"}}""");
        assertThat(e.getMessage()).contains("candidate");
        var match = refused("""
                {"name": "x", "on": {"type": "a.b"}, "expect": {"type": "c.d", "match": "event.type == 'c.d'", "within": "PT1H"}}""");
        assertThat(match.field()).isEqualTo("expect.match");
    }

    @Test
    void an_expression_that_is_not_a_condition_is_refused() {
        var e = refused("""
                {"name": "x", "on": {"type": "a.b"}, "require": "event.title"}""");
        assertThat(e.getMessage()).contains("bool");
    }

    @Test
    void syntax_errors_unknown_functions_and_zones_are_refused() {
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b", "if": "event.type == 'a' &&& true"}}""").line()).isEqualTo(1);
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b"}, "require": "relatd(event, 'fixes').size() > 0"}""").getMessage()).contains("relatd");
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b", "if": "localTime(event.occurredAt, 'Mars/Olympus').hour > 3"}}""").getMessage()).contains("Mars/Olympus");
    }

    @Test
    void the_shape_of_a_rule_is_checked_before_its_expressions() {
        assertThat(refused("""
                        {"on": {"type": "a.b"}}""").field()).isEqualTo("name");
        assertThat(refused("""
                        {"name": "x", "on": {"type": "A B"}}""").field()).isEqualTo("on.type");
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b"}, "expect": {"type": "c.d", "within": "2 hours"}}""").field()).isEqualTo("expect.within");
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b"}, "expect": {"type": "c.d", "within": "PT0S"}}""").getMessage()).contains("zero");
        assertThat(refused("""
                        {"name": "x", "on": {"type": "a.b"}, "require": "true",
                         "expect": {"type": "c.d", "within": "PT1H"}}""").getMessage()).contains("not both");
        assertThat(refused("""
                        {"name": "x", "severity": "urgent", "on": {"type": "a.b"}}""").field()).isEqualTo("severity");
    }

    @Test
    void reading_the_graph_costs_more_than_reading_the_event() {
        int plain = COMPILER.check(spec("""
                {"name": "x", "on": {"type": "a.b"}, "require": "event.attributes.size() > 0"}"""));
        int graph = COMPILER.check(spec("""
                {"name": "x", "on": {"type": "a.b"}, "require": "related(subject(event, 'issue'), 'fixes').size() > 0"}"""));
        assertThat(graph - plain).isGreaterThanOrEqualTo(RuleCompiler.GRAPH_CALL_COST);
    }

    @Test
    void a_match_that_requires_a_shared_entity_files_waiting_expectations_by_it() {
        var rule = new dev.lightfast.core.rule.Rule(
                "rul_x", 1, dev.lightfast.core.rule.Rule.Status.ACTIVE, spec("""
                        {"name": "x", "on": {"type": "a.b"}, "expect": {"type": "c.d", "within": "PT1H",
                         "match": "candidate.attributes.state == 'approved' && shares(trigger, candidate, 'pull_request')"}}"""), 0, null, null);
        assertThat(COMPILER.compile(rule).correlation()).isEqualTo("pull_request");
        var either = new dev.lightfast.core.rule.Rule(
                "rul_y", 1, dev.lightfast.core.rule.Rule.Status.ACTIVE, spec("""
                        {"name": "y", "on": {"type": "a.b"}, "expect": {"type": "c.d", "within": "PT1H",
                         "match": "candidate.attributes.ok || shares(candidate, trigger, 'pull_request')"}}"""), 0, null, null);
        assertThat(COMPILER.compile(either).correlation()).isNull();
    }
}
