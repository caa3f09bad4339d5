package dev.lightfast.core.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PatternStore} must do: observations written with the checkpoint (and the log's
 * time) only from the checkpoint they were read from, replaced by pattern and key, read back by
 * pattern, service and time window in time order, of every kind alike; a rebuild forgets a
 * tenant's; nothing crosses tenants.
 */
public abstract class PatternStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-11-17T10:00:00Z");

    protected abstract PatternStore patterns();

    private static Citation cite(long seq) {
        return new Citation("ev" + seq, seq, "x.y", "https://x/" + seq, T0.plusSeconds(seq * 60));
    }

    private static Observation.Deployment deployment(String key, String area, long minute, boolean live) {
        return new Observation.Deployment(
                key,
                new Answer.Ref(key, "deployment", "deployment " + key),
                area,
                "production",
                T0.plusSeconds(minute * 60),
                minute,
                cite(minute),
                "cc604c1836767aa7e2d74888fe2ee58cac2be118",
                "v1.2.3",
                new Answer.Ref("ent_author", "person", "diego"),
                null,
                178,
                live,
                null);
    }

    @Test
    public void observations_are_written_with_the_checkpoint_only_from_the_checkpoint_they_were_read_from() {
        assertThat(patterns().checkpoint(ACME)).isEqualTo(PatternStore.Checkpoint.START);
        var d = deployment("ent_d1", "dashboard", 4, true);
        assertThat(patterns().apply(ACME, new PatternDelta(0, 5, T0.plusSeconds(300), List.of(d))))
                .isTrue();
        assertThat(patterns().checkpoint(ACME)).isEqualTo(new PatternStore.Checkpoint(5, T0.plusSeconds(300)));
        assertThat(patterns().apply(ACME, new PatternDelta(0, 6, T0, List.of(deployment("ent_d2", "x", 5, true)))))
                .isFalse();
        assertThat(patterns().observations(ACME, null)).containsExactly(d);
    }

    @Test
    public void an_observation_is_replaced_by_its_pattern_and_key_and_every_kind_reads_back_alike() {
        var pending = deployment("ent_d1", "dashboard", 2, false);
        patterns().apply(ACME, new PatternDelta(0, 2, T0, List.of(pending)));
        var incident = new Observation.Incident(
                "ent_i1",
                new Answer.Ref("ent_i1", "incident", "DASHBOARD-4F"),
                "dashboard",
                "production",
                T0.plusSeconds(5 * 60),
                5,
                cite(5),
                new Observation.Near(
                        new Answer.Ref("ent_d1", "deployment", "deployment ent_d1"), T0.plusSeconds(240), 1, cite(4)));
        var live = deployment("ent_d1", "dashboard", 4, true)
                .followedBy(new Observation.Near(incident.incident(), incident.at(), 1, incident.citation()));
        var review = new Observation.Review(
                "ent_pr",
                new Answer.Ref("ent_pr", "pull_request", "acme/dashboard#187"),
                "dashboard",
                T0.minusSeconds(86_400),
                1,
                cite(1),
                new Answer.Ref("ent_author", "person", "diego"),
                new Observation.Near(new Answer.Ref("ent_maya", "person", "maya"), T0, 1440, cite(2)),
                178,
                List.of("cc604c1836767aa7e2d74888fe2ee58cac2be118"));
        var work = new Observation.Work(
                "ent_w", new Answer.Ref("ent_w", "issue", "ENG-7"), null, T0, 3, false, cite(3), List.of(cite(6)));
        patterns().apply(ACME, new PatternDelta(2, 6, T0, List.of(live, incident, review, work)));
        assertThat(patterns().observations(ACME, Observation.DEPLOYMENT)).containsExactly(live);
        assertThat(patterns().observations(ACME, null)).containsExactly(review, work, live, incident);
        assertThat(patterns().observations(ACME, Observation.INCIDENT)).containsExactly(incident);
        assertThat(patterns().observations(ACME, Observation.WORK)).containsExactly(work);
    }

    @Test
    public void observations_are_read_by_service_and_time_window() {
        var a = deployment("ent_a", "dashboard", 1, true);
        var b = deployment("ent_b", "dashboard", 30, true);
        var c = deployment("ent_c", "payments", 10, true);
        patterns().apply(ACME, new PatternDelta(0, 30, T0, List.of(b, c, a)));
        assertThat(patterns().observations(ACME, Observation.DEPLOYMENT, "dashboard", T0, T0.plusSeconds(3600)))
                .containsExactly(a, b);
        assertThat(patterns().observations(ACME, Observation.DEPLOYMENT, null, T0, T0.plusSeconds(30 * 60)))
                .as("the window's end is exclusive")
                .containsExactly(a, c);
        assertThat(patterns().observations(ACME, Observation.INCIDENT, null, T0, T0.plusSeconds(3600)))
                .isEmpty();
    }

    @Test
    public void a_rebuild_forgets_a_tenants_observations_and_nothing_crosses_tenants() {
        var a = deployment("ent_a", "dashboard", 1, true);
        patterns().apply(ACME, new PatternDelta(0, 1, T0, List.of(a)));
        patterns().apply(GLOBEX, new PatternDelta(0, 1, T0, List.of(a)));
        patterns().reset(ACME);
        assertThat(patterns().checkpoint(ACME)).isEqualTo(PatternStore.Checkpoint.START);
        assertThat(patterns().observations(ACME, null)).isEmpty();
        assertThat(patterns().observations(GLOBEX, null)).containsExactly(a);
        assertThat(patterns().checkpoint(GLOBEX).seq()).isEqualTo(1);
    }
}
