package dev.lightfast.core.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClaimStore} must do: claims, heads and conflicts written with their checkpoint
 * only from the checkpoint they were read from; claims read back in the order stated; heads replaced
 * per voice; conflicts opened, closed and listed newest first (now, as of a seq or a time, filtered,
 * paged); a rebuild forgets a tenant's; nothing crosses tenants. Each store's test extends this with
 * a fresh, empty store per test.
 */
public abstract class ClaimStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final EntityRef ENG = EntityRef.of("issue", "linear:ENG-7", "ENG-7");
    private static final EntityRef PR = EntityRef.of("pull_request", "github:acme/shop/pull/9", "acme/shop#9");

    /** An empty store, the same instance for the whole test method. */
    protected abstract ClaimStore claims();

    private static Claim claim(EntityRef about, String source, String value, long seq, int ordinal, EntityRef via) {
        String viaId = via == null ? null : EntityIds.of(via);
        return new Claim(
                "ev" + seq + "#" + ordinal,
                EntityIds.of(about),
                about,
                "state",
                value,
                value,
                T0.plusSeconds(seq * 60),
                seq,
                source,
                via != null ? "fixing_change" : "owner",
                source + (viaId == null ? "" : "|" + viaId),
                source,
                via,
                viaId,
                new Citation("ev" + seq, seq, source + ".issue.changed", "https://x/" + seq, T0.plusSeconds(seq * 60)));
    }

    private static Conflict conflict(EntityRef about, long opened, Long closed, List<Claim> claims) {
        return new Conflict(
                EntityIds.of(about),
                about,
                "state",
                opened,
                T0.plusSeconds(opened * 60),
                closed,
                closed == null ? null : T0.plusSeconds(closed * 60),
                claims);
    }

    @Test
    public void a_batch_is_written_with_its_checkpoint_only_from_the_checkpoint_it_was_read_from() {
        assertThat(claims().checkpoint(ACME)).isZero();
        var linear = claim(ENG, "linear", "done", 3, 0, null);
        assertThat(claims().apply(ACME, new ClaimDelta(0, 5, List.of(linear), List.of(linear), List.of())))
                .isTrue();
        assertThat(claims().checkpoint(ACME)).isEqualTo(5);
        var again = claim(ENG, "linear", "open", 4, 0, null);
        assertThat(claims().apply(ACME, new ClaimDelta(0, 6, List.of(again), List.of(again), List.of())))
                .as("judged from a checkpoint that has moved")
                .isFalse();
        assertThat(claims().checkpoint(ACME)).isEqualTo(5);
        assertThat(claims().claims(ACME, EntityIds.of(ENG), null)).containsExactly(linear);
    }

    @Test
    public void claims_read_back_in_the_order_stated_and_heads_are_replaced_per_voice() {
        var todo = claim(ENG, "linear", "open", 1, 0, null);
        var viaPr = claim(ENG, "github", "in_review", 2, 1, PR);
        var done = claim(ENG, "linear", "done", 3, 0, null);
        var other = claim(PR, "github", "in_review", 2, 0, null);
        claims().apply(ACME, new ClaimDelta(0, 2, List.of(todo, other, viaPr), List.of(todo, other, viaPr), List.of()));
        claims().apply(ACME, new ClaimDelta(2, 3, List.of(done), List.of(done), List.of()));
        assertThat(claims().claims(ACME, EntityIds.of(ENG), null)).containsExactly(todo, viaPr, done);
        assertThat(claims().claims(ACME, EntityIds.of(ENG), "state")).containsExactly(todo, viaPr, done);
        assertThat(claims().claims(ACME, EntityIds.of(ENG), "merged")).isEmpty();
        assertThat(claims().heads(ACME)).containsExactlyInAnyOrder(viaPr, done, other);
        assertThat(claims().entity(ACME, EntityIds.of(ENG))).contains(ENG);
        assertThat(claims().entity(ACME, "ent_nothing")).isEmpty();
    }

    @Test
    public void conflicts_open_and_close_and_list_newest_first_now_and_as_of_a_seq_or_a_time() {
        var linear = claim(ENG, "linear", "done", 4, 0, null);
        var github = claim(ENG, "github", "in_review", 2, 0, PR);
        var open = conflict(ENG, 4, null, List.of(github, linear));
        var prConflict = conflict(PR, 6, null, List.of(github));
        claims().apply(ACME, new ClaimDelta(0, 6, List.of(), List.of(), List.of(open, prConflict)));
        assertThat(claims().open(ACME)).containsExactly(open, prConflict);
        var page = claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.NOW, null, 10));
        assertThat(page.conflicts()).containsExactly(prConflict, open);
        assertThat(page.next()).isNull();

        var closed = open.closed(8, T0.plusSeconds(8 * 60));
        claims().apply(ACME, new ClaimDelta(6, 8, List.of(), List.of(), List.of(closed)));
        assertThat(claims().open(ACME)).containsExactly(prConflict);
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.NOW, null, 10))
                        .conflicts())
                .containsExactly(prConflict);
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.seq(7), null, 10))
                        .conflicts())
                .containsExactly(prConflict, closed);
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.seq(3), null, 10))
                        .conflicts())
                .isEmpty();
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.time(T0.plusSeconds(5 * 60)), null, 10))
                        .conflicts())
                .containsExactly(closed);
        assertThat(claims().conflicts(ACME, new ConflictQuery(EntityIds.of(ENG), "state", AsOf.seq(7), null, 10))
                        .conflicts())
                .containsExactly(closed);
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, "merged", AsOf.seq(7), null, 10))
                        .conflicts())
                .isEmpty();
    }

    @Test
    public void conflicts_page_with_a_position_and_each_conflict_appears_once() {
        List<Conflict> written = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            var about = EntityRef.of("issue", "linear:ENG-" + i, "ENG-" + i);
            written.add(conflict(about, i, null, List.of(claim(about, "linear", "done", i, 0, null))));
        }
        claims().apply(ACME, new ClaimDelta(0, 7, List.of(), List.of(), written));
        List<Conflict> seen = new ArrayList<>();
        ConflictQuery.Position next = null;
        do {
            var page = claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.NOW, next, 3));
            seen.addAll(page.conflicts());
            next = page.next();
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(written.reversed());
    }

    @Test
    public void a_rebuild_forgets_a_tenants_claims_and_nothing_crosses_tenants() {
        var linear = claim(ENG, "linear", "done", 1, 0, null);
        var open = conflict(ENG, 1, null, List.of(linear));
        claims().apply(ACME, new ClaimDelta(0, 1, List.of(linear), List.of(linear), List.of(open)));
        claims().apply(GLOBEX, new ClaimDelta(0, 1, List.of(linear), List.of(linear), List.of(open)));
        assertThat(claims().claims(GLOBEX, EntityIds.of(ENG), null)).hasSize(1);
        claims().reset(ACME);
        assertThat(claims().checkpoint(ACME)).isZero();
        assertThat(claims().claims(ACME, EntityIds.of(ENG), null)).isEmpty();
        assertThat(claims().heads(ACME)).isEmpty();
        assertThat(claims().open(ACME)).isEmpty();
        assertThat(claims().conflicts(ACME, new ConflictQuery(null, null, AsOf.NOW, null, 10))
                        .conflicts())
                .isEmpty();
        assertThat(claims().checkpoint(GLOBEX)).isEqualTo(1);
        assertThat(claims().heads(GLOBEX)).containsExactly(linear);
        assertThat(claims().open(GLOBEX)).containsExactly(open);
    }
}
