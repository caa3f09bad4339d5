package dev.lightfast.reason.rule;

import static dev.lightfast.reason.rule.ListEventLog.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.RuleEvents;
import dev.lightfast.core.rule.RuleSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    private final ListEventLog log = new ListEventLog();

    private RuleBook book(RuleLimits limits) {
        return new RuleBook(
                log, new RuleCompiler(), limits, Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static RuleSpec spec(String json) {
        return RuleSpec.fromJson(Json.MAPPER.readTree(json));
    }

    @Test
    void every_change_is_a_new_version_recorded_in_the_log() {
        var book = book(RuleLimits.DEFAULT);
        var created = book.create(TENANT, spec("{\"name\": \"a\", \"on\": {\"type\": \"a.b\"}}"));
        var changed = book.change(TENANT, created.id(), spec("{\"name\": \"b\", \"on\": {\"type\": \"a.b\"}}"))
                .orElseThrow();
        var disabled = book.disable(TENANT, created.id()).orElseThrow();
        assertThat(created.version()).isEqualTo(1);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(disabled.version()).isEqualTo(3);
        assertThat(disabled.active()).isFalse();
        assertThat(book.disable(TENANT, created.id())).contains(disabled);
        assertThat(book.get(TENANT, created.id()).orElseThrow().versions())
                .extracting(r -> r.version() + " " + r.spec().name())
                .containsExactly("1 a", "2 b", "3 b");
        assertThat(log.all())
                .extracting(e -> e.type())
                .containsExactly(RuleEvents.CREATED, RuleEvents.CHANGED, RuleEvents.DISABLED);
        assertThat(book.change(TENANT, "rul_none", spec("{\"name\": \"b\", \"on\": {\"type\": \"a.b\"}}")))
                .isEmpty();
    }

    @Test
    void a_tenant_may_have_so_many_active_rules_and_no_more() {
        var book = book(new RuleLimits(2, 1_500, 40_000));
        var first = book.create(TENANT, spec("{\"name\": \"1\", \"on\": {\"type\": \"a.b\"}}"));
        book.create(TENANT, spec("{\"name\": \"2\", \"on\": {\"type\": \"a.b\"}}"));
        assertThatThrownBy(() -> book.create(TENANT, spec("{\"name\": \"3\", \"on\": {\"type\": \"a.b\"}}")))
                .isInstanceOf(RuleLimitReached.class)
                .hasMessageContaining("2 active rules");
        // A change replaces its rule; a disabled rule makes room.
        book.change(TENANT, first.id(), spec("{\"name\": \"1b\", \"on\": {\"type\": \"a.b\"}}"));
        book.disable(TENANT, first.id());
        book.create(TENANT, spec("{\"name\": \"3\", \"on\": {\"type\": \"a.b\"}}"));
    }

    @Test
    void a_rule_may_cost_so_much_and_all_rules_together_so_much() {
        String costly = "{\"name\": \"x\", \"on\": {\"type\": \"a.b\"}, \"require\":"
                + " \"related(subject(event, 'issue'), 'fixes').size() > 0 && related(subject(event, 'issue'),"
                + " 'mentions').size() > 0\"}";
        assertThatThrownBy(() -> book(new RuleLimits(10, 150, 1_000)).create(TENANT, spec(costly)))
                .isInstanceOf(RuleLimitReached.class)
                .hasMessageContaining("a rule may cost at most 150");
        var book = book(new RuleLimits(10, 300, 400));
        book.create(TENANT, spec(costly));
        assertThatThrownBy(() -> book.create(TENANT, spec(costly)))
                .isInstanceOf(RuleLimitReached.class)
                .hasMessageContaining("over the limit of 400");
    }
}
