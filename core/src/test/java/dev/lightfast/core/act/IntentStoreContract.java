package dev.lightfast.core.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every store of intents must do ({@link IntentStore}), and API keys' scopes with it. Each
 * store's test extends this with a fresh, empty storage per test.
 */
public abstract class IntentStoreContract {
    /** A tool operation as a connector declares one; core itself knows none. */
    private static final ToolOperation COMMENT =
            new ToolOperation("github", "GITHUB_COMMENT", java.util.List.of("repo", "number", "body"));

    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** An empty storage, the same instance for the whole test method. */
    protected abstract Storage storage();

    private IntentStore store() {
        return storage().intents();
    }

    private void tenant(TenantId id) {
        if (storage().tenants().find(id).isEmpty()) {
            storage()
                    .tenants()
                    .create(
                            new Tenant(id, id.value(), T0),
                            ApiKeys.issue(id, T0).stored());
        }
    }

    private Intent intent(TenantId tenant, String id) {
        tenant(tenant);
        var args = Json.MAPPER
                .createObjectNode()
                .put("repo", "acme/api")
                .put("number", 41)
                .put("body", "hi");
        var because = new Resolution(
                "on \"#41\" is pull request acme/api#41",
                List.of(new Citation(
                        "ev1", 7, "github.pull_request.merged", "https://github.com/acme/api/pull/41", T0)));
        var plan = new Plan(
                List.of(new PlannedCall(
                        0, new ToolCall("con_1", COMMENT, args, id + "-0"), "comment", List.of(because))),
                List.of(because),
                new PolicyDecision(false, "by default, comment needs no approval", List.of()));
        return new Intent(
                id,
                tenant,
                IntentKind.COMMENT,
                Map.of("on", "#41", "text", "hi"),
                "key1",
                T0,
                IntentState.PLANNED,
                plan,
                "ev9",
                null,
                T0);
    }

    @Test
    void an_intent_reads_back_with_its_plan() {
        var i = intent(ACME, "int_1");
        store().create(i);
        var back = store().find(ACME, "int_1").orElseThrow();
        assertThat(back).isEqualTo(i);
        assertThat(back.plan()
                        .calls()
                        .getFirst()
                        .call()
                        .arguments()
                        .get("number")
                        .asInt())
                .isEqualTo(41);
        assertThat(back.plan().sources()).extracting(Citation::eventId).containsExactly("ev1");
    }

    private Intent proposedAt(TenantId tenant, String id, Instant at, IntentState state) {
        var i = intent(tenant, id);
        return new Intent(
                i.id(), tenant, i.kind(), i.args(), i.proposedBy(), at, state, i.plan(), i.eventId(), null, at);
    }

    @Test
    void intents_list_newest_first_a_page_at_a_time() {
        // Two proposals in the same instant are ordered by id, so a page boundary between them holds.
        store().create(proposedAt(ACME, "int_a", T0, IntentState.PLANNED));
        store().create(proposedAt(ACME, "int_b", T0.plusSeconds(1), IntentState.AWAITING_APPROVAL));
        store().create(proposedAt(ACME, "int_c", T0.plusSeconds(1), IntentState.SUCCEEDED));
        store().create(proposedAt(ACME, "int_d", T0.plusSeconds(2), IntentState.AWAITING_APPROVAL));
        store().create(proposedAt(ACME, "int_e", T0.plusMillis(2500), IntentState.EXECUTING));

        var seen = new java.util.ArrayList<String>();
        IntentQuery.Position next = null;
        int pages = 0;
        do {
            var page = store().list(ACME, new IntentQuery(Set.of(), next, 2));
            assertThat(page.intents()).hasSizeLessThanOrEqualTo(2);
            page.intents().forEach(i -> seen.add(i.id()));
            next = page.next();
            pages++;
        } while (next != null);
        assertThat(seen).containsExactly("int_e", "int_d", "int_c", "int_b", "int_a");
        assertThat(pages).isEqualTo(3);

        var all = store().list(ACME, IntentQuery.all(10));
        assertThat(all.next()).isNull();
        assertThat(all.intents().getFirst())
                .isEqualTo(proposedAt(ACME, "int_e", T0.plusMillis(2500), IntentState.EXECUTING));
    }

    @Test
    void intents_list_only_the_states_asked_for() {
        store().create(proposedAt(ACME, "int_a", T0, IntentState.AWAITING_APPROVAL));
        store().create(proposedAt(ACME, "int_b", T0.plusSeconds(1), IntentState.PLANNED));
        store().create(proposedAt(ACME, "int_c", T0.plusSeconds(2), IntentState.AWAITING_APPROVAL));
        store().create(proposedAt(ACME, "int_d", T0.plusSeconds(3), IntentState.FAILED));

        var waiting = store().list(ACME, new IntentQuery(Set.of(IntentState.AWAITING_APPROVAL), null, 1));
        assertThat(waiting.intents()).extracting(Intent::id).containsExactly("int_c");
        var rest = store().list(ACME, new IntentQuery(Set.of(IntentState.AWAITING_APPROVAL), waiting.next(), 1));
        assertThat(rest.intents()).extracting(Intent::id).containsExactly("int_a");
        assertThat(rest.next()).isNull();

        assertThat(store().list(ACME, new IntentQuery(Set.of(IntentState.PLANNED, IntentState.FAILED), null, 10))
                        .intents())
                .extracting(Intent::id)
                .containsExactly("int_d", "int_b");
        // A transition moves an intent out of the state it was listed under.
        store().transition(
                        ACME,
                        "int_c",
                        Set.of(IntentState.AWAITING_APPROVAL),
                        proposedAt(ACME, "int_c", T0.plusSeconds(2), IntentState.EXECUTING));
        assertThat(store().list(ACME, new IntentQuery(Set.of(IntentState.AWAITING_APPROVAL), null, 10))
                        .intents())
                .extracting(Intent::id)
                .containsExactly("int_a");
    }

    @Test
    void another_tenant_sees_nothing() {
        store().create(intent(ACME, "int_1"));
        tenant(GLOBEX);
        assertThat(store().find(GLOBEX, "int_1")).isEmpty();
        assertThat(store().executing(GLOBEX)).isEmpty();
        assertThat(store().list(GLOBEX, IntentQuery.all(10)).intents()).isEmpty();
        assertThat(store().audit(GLOBEX, new AuditQuery(0, 10, null, null, null)))
                .isEmpty();
        assertThat(store().transition(
                                GLOBEX,
                                "int_1",
                                Set.of(IntentState.PLANNED),
                                intent(ACME, "int_1").with(IntentState.EXECUTING, null, T0)))
                .isFalse();
    }

    @Test
    void a_transition_happens_once_from_the_states_named() {
        var i = intent(ACME, "int_1");
        store().create(i);
        var next = i.with(IntentState.EXECUTING, null, T0.plusSeconds(1));
        assertThat(store().transition(ACME, "int_1", Set.of(IntentState.PLANNED), next))
                .isTrue();
        assertThat(store().transition(ACME, "int_1", Set.of(IntentState.PLANNED), next))
                .isFalse();
        assertThat(store().executing(ACME)).extracting(Intent::id).containsExactly("int_1");
        var failed = i.with(IntentState.FAILED, "GitHub said no", T0.plusSeconds(2));
        assertThat(store().transition(ACME, "int_1", Set.of(IntentState.EXECUTING), failed))
                .isTrue();
        var back = store().find(ACME, "int_1").orElseThrow();
        assertThat(back.state()).isEqualTo(IntentState.FAILED);
        assertThat(back.message()).isEqualTo("GitHub said no");
        assertThat(store().executing(ACME)).isEmpty();
    }

    @Test
    void an_attempt_is_in_flight_until_its_outcome_is_recorded() {
        store().create(intent(ACME, "int_1"));
        var a = new CallAttempt(0, 1, "int_1-0", T0, null, null, null, null, null);
        store().attemptStarted(ACME, "int_1", a);
        assertThat(store().attempts(ACME, "int_1"))
                .singleElement()
                .satisfies(x -> assertThat(x.inFlight()).isTrue());
        store().attemptFinished(
                        ACME,
                        "int_1",
                        new CallAttempt(0, 1, "int_1-0", T0, CallAttempt.RETRYABLE, 429, "slow down", null, T0));
        store().attemptStarted(ACME, "int_1", new CallAttempt(0, 2, "int_1-0", T0, null, null, null, null, null));
        store().attemptFinished(
                        ACME,
                        "int_1",
                        new CallAttempt(
                                0,
                                2,
                                "int_1-0",
                                T0,
                                CallAttempt.SUCCEEDED,
                                201,
                                null,
                                "https://x/1",
                                T0.plusSeconds(1)));
        var attempts = store().attempts(ACME, "int_1");
        assertThat(attempts)
                .extracting(CallAttempt::outcome)
                .containsExactly(CallAttempt.RETRYABLE, CallAttempt.SUCCEEDED);
        assertThat(attempts.getFirst().status()).isEqualTo(429);
        assertThat(attempts.getLast().url()).isEqualTo("https://x/1");
        assertThat(attempts.getLast().done()).isTrue();
        tenant(GLOBEX);
        assertThat(store().attempts(GLOBEX, "int_1")).isEmpty();
    }

    @Test
    void approvals_are_kept_once_per_approver() {
        store().create(intent(ACME, "int_1"));
        store().approve(ACME, "int_1", new Approval("key2", T0, "ev2"));
        store().approve(ACME, "int_1", new Approval("key2", T0.plusSeconds(5), "ev3"));
        assertThat(store().approvals(ACME, "int_1")).containsExactly(new Approval("key2", T0, "ev2"));
        tenant(GLOBEX);
        assertThat(store().approvals(GLOBEX, "int_1")).isEmpty();
    }

    @Test
    void the_audit_trail_pages_and_filters_by_actor_and_time() {
        tenant(ACME);
        for (int i = 0; i < 5; i++) {
            store().audit(
                            ACME,
                            new AuditEntry(
                                    0,
                                    T0.plusSeconds(i),
                                    i % 2 == 0 ? "key1" : "key2",
                                    "proposed",
                                    "int_" + i,
                                    "comment",
                                    null));
        }
        var first = store().audit(ACME, new AuditQuery(0, 2, null, null, null));
        assertThat(first).extracting(AuditEntry::intentId).containsExactly("int_0", "int_1");
        var next = store().audit(ACME, new AuditQuery(first.getLast().position(), 10, null, null, null));
        assertThat(next).extracting(AuditEntry::intentId).containsExactly("int_2", "int_3", "int_4");
        assertThat(store().audit(ACME, new AuditQuery(0, 10, "key2", null, null)))
                .extracting(AuditEntry::intentId)
                .containsExactly("int_1", "int_3");
        assertThat(store().audit(ACME, new AuditQuery(0, 10, null, T0.plusSeconds(1), T0.plusSeconds(3))))
                .extracting(AuditEntry::intentId)
                .containsExactly("int_1", "int_2");
    }

    @Test
    void the_policy_and_credentials_are_the_tenants_own() {
        tenant(ACME);
        tenant(GLOBEX);
        assertThat(store().policy(ACME)).isEmpty();
        var p = new ApprovalPolicy(Set.of(IntentKind.ROLLBACK, IntentKind.NOTIFY), "key1", T0, "ev5");
        store().setPolicy(ACME, p);
        assertThat(store().policy(ACME)).contains(p);
        store().setPolicy(ACME, new ApprovalPolicy(Set.of(), "key1", T0, "ev6"));
        assertThat(store().policy(ACME).orElseThrow().requireApproval()).isEmpty();
        assertThat(store().policy(GLOBEX)).isEmpty();

        var c = new StoredCredential("con_1", "lfsealed:v1:x:y", URI.create("http://127.0.0.1:9/"), T0);
        store().putCredential(ACME, c);
        assertThat(store().credential(ACME, "con_1")).contains(c);
        var replaced = new StoredCredential("con_1", "lfsealed:v1:x:z", URI.create("https://api.github.com"), T0);
        store().putCredential(ACME, replaced);
        assertThat(store().credentials(ACME)).containsExactly(replaced);
        assertThat(store().credential(GLOBEX, "con_1")).isEmpty();
    }

    @Test
    void a_key_keeps_its_scopes_and_a_first_key_has_them_all() {
        tenant(ACME);
        var first = storage().tenants().list().stream().findFirst().orElseThrow();
        assertThat(first.id()).isEqualTo(ACME);
        var issued = ApiKeys.issue(ACME, T0, Set.of(Scope.READ, Scope.PROPOSE));
        storage().tenants().addKey(issued.stored());
        var back = storage().tenants().findKey(issued.stored().keyId()).orElseThrow();
        assertThat(back.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.PROPOSE);
        assertThat(back.tenant()).isEqualTo(ACME);
        var all = ApiKeys.issue(ACME, T0);
        storage().tenants().addKey(all.stored());
        assertThat(storage()
                        .tenants()
                        .findKey(all.stored().keyId())
                        .orElseThrow()
                        .scopes())
                .isEqualTo(Scope.ALL);
    }
}
