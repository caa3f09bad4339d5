package dev.lightfast.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final EntityRef PR = EntityRef.of("pull_request", "github:acme/shop/pull/12", "#12");
    private static final EntityRef ANA = EntityRef.of("person", "github:ana", "ana");

    private static EventMessage event(String source, String type, EntityRef actor, EntityRef... subjects) {
        return new EventMessage(new Event(
                "01E",
                TenantId.of("acme"),
                7,
                source,
                type,
                T,
                T,
                actor,
                List.of(subjects),
                "t",
                "",
                Map.of(),
                null,
                "dlv",
                List.of(),
                null));
    }

    private static ViolationMessage violation(String rule, String severity) {
        return new ViolationMessage(
                3,
                "vio_1",
                rule,
                severity,
                "opened",
                T,
                Map.of("rule", rule),
                List.of(new Citation("01E", 7, "github.pull_request.merged", null, T)));
    }

    @Test
    void the_empty_filter_is_every_event_and_no_violation() {
        var all = SubscriptionFilter.EVERY_EVENT;
        assertThat(all.accepts(event("github", "github.push", null))).isTrue();
        assertThat(all.accepts(event("api", "note.added", null))).isTrue();
        assertThat(all.accepts(violation("rul_1", "high"))).isFalse();
        assertThat(all.accepts(new TestMessage("sub_1", T))).isTrue();
    }

    @Test
    void fields_narrow_together_and_entries_widen_within_a_field() {
        var f = new SubscriptionFilter(
                List.of("github.pull_request.*", "*.deployment.succeeded"),
                List.of("github", "vercel"),
                null,
                null,
                null);
        assertThat(f.accepts(event("github", "github.pull_request.merged", null)))
                .isTrue();
        assertThat(f.accepts(event("vercel", "vercel.deployment.succeeded", null)))
                .isTrue();
        assertThat(f.accepts(event("github", "github.push", null))).isFalse();
        assertThat(f.accepts(event("linear", "linear.issue.deployment.succeeded", null)))
                .isFalse();

        var about = new SubscriptionFilter(null, null, List.of(PR.key(), EntityIds.of(ANA)), null, null);
        assertThat(about.accepts(event("github", "github.pull_request.merged", null, PR)))
                .isTrue();
        assertThat(about.accepts(event("github", "github.push", ANA))).isTrue();
        assertThat(about.accepts(
                        event("github", "github.push", null, EntityRef.of("repository", "github:acme/shop", "s"))))
                .isFalse();
    }

    @Test
    void intents_are_their_result_types_and_violations_are_asked_for() {
        var intents = new SubscriptionFilter(null, null, null, true, null);
        assertThat(intents.accepts(event("lightfast", "lightfast.intent.executed", null)))
                .isTrue();
        assertThat(intents.accepts(event("lightfast", "lightfast.action.failed", null)))
                .isTrue();
        assertThat(intents.accepts(event("github", "github.push", null))).isFalse();

        var high = new SubscriptionFilter(
                null, null, null, null, new SubscriptionFilter.Violations(null, List.of("HIGH")));
        assertThat(high.sendsEvents()).isFalse();
        assertThat(high.accepts(event("github", "github.push", null))).isFalse();
        assertThat(high.accepts(violation("rul_1", "high"))).isTrue();
        assertThat(high.accepts(violation("rul_1", "low"))).isFalse();
        var oneRule = new SubscriptionFilter(
                List.of("deploy.*"), null, null, null, new SubscriptionFilter.Violations(List.of("rul_2"), null));
        assertThat(oneRule.accepts(violation("rul_2", "low"))).isTrue();
        assertThat(oneRule.accepts(violation("rul_1", "low"))).isFalse();
        assertThat(oneRule.accepts(event("api", "deploy.finished", null))).isTrue();
        assertThat(violation("rul_2", "low").type()).isEqualTo("lightfast.violation.opened");
    }

    @Test
    void a_filter_reads_back_from_its_json_and_refuses_what_it_cannot_mean() {
        var f = new SubscriptionFilter(
                List.of("a.*"),
                List.of("github"),
                List.of("ent_x"),
                true,
                new SubscriptionFilter.Violations(List.of("rul_1"), List.of("high")));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(f), SubscriptionFilter.class))
                .isEqualTo(f);
        assertThat(Json.MAPPER.writeValueAsString(SubscriptionFilter.EVERY_EVENT))
                .isEqualTo("{}");
        assertThatThrownBy(() -> new SubscriptionFilter(List.of("Github.*"), null, null, null, null))
                .hasMessageContaining("type pattern");
        assertThatThrownBy(() -> new SubscriptionFilter(null, List.of("Git Hub"), null, null, null))
                .hasMessageContaining("filter.sources");
        assertThatThrownBy(
                        () -> new SubscriptionFilter(java.util.Collections.nCopies(101, "a.b"), null, null, null, null))
                .hasMessageContaining("at most 100");
    }

    /** The glob means what a regular expression with {@code .*} for each star means. */
    @Property
    void a_glob_matches_as_its_regular_expression(
            @ForAll @StringLength(max = 12) String pattern, @ForAll @StringLength(max = 16) String type) {
        String p = pattern.replaceAll("[^a-c.*]", "");
        String t = type.replaceAll("[^a-c.]", "");
        if (p.isEmpty()) {
            return;
        }
        var regex = Pattern.compile(java.util.Arrays.stream(p.split("\\*", -1))
                .map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b)
                .orElse(""));
        assertThat(new TypeGlob(p).matches(t))
                .as(p + " ~ " + t)
                .isEqualTo(regex.matcher(t).matches());
    }
}
