package dev.lightfast.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.server.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One tenant's rules never see another's events, and nothing of a tenant's rules is reachable from another. */
class RuleWallsTest {
    @TempDir
    Path dir;

    @Test
    void a_tenants_rules_judge_only_its_own_events_and_are_reachable_only_by_it() {
        try (var server = new TestServer(dir)) {
            var acme = new TeamHistory(server, "acme");
            var globex = new TeamHistory(server, "globex");
            var everyDeploy =
                    Map.<String, Object>of("name", "every deploy", "on", Map.of("type", "github.deployment.*"));
            String acmeRule = acme.rule(everyDeploy);
            String globexRule = globex.rule(everyDeploy);
            String globexDeploy =
                    globex.deployment(7, "f".repeat(40), "production", Instant.parse("2026-03-10T10:00:00Z"));
            server.awaitProjected(acme.tenant);
            server.awaitProjected(globex.tenant);

            assertThat(globex.verdicts(globexRule)).containsOnlyKeys(globexDeploy);
            assertThat(acme.verdicts(acmeRule)).isEmpty();
            assertThat(server.get("/v1/violations", acme.key()).get("violations"))
                    .isEmpty();
            // The other tenant's rule and its violations by id or filter: not there.
            assertThat(server.get("/v1/rules/" + globexRule, acme.key()).status())
                    .isEqualTo(404);
            assertThat(server.get("/v1/violations?rule=" + globexRule, acme.key())
                            .get("violations"))
                    .isEmpty();
            assertThat(server.post("/v1/rules/dry-run", acme.key(), Map.of("ruleId", globexRule))
                            .status())
                    .isEqualTo(404);
            assertThat(server.get("/v1/rules", acme.key()).get("rules"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("id").stringValue()).isEqualTo(acmeRule));
            // A dry run of the same rule reads only the caller's log.
            var dry = server.post("/v1/rules/dry-run", acme.key(), Map.of("rule", everyDeploy));
            assertThat(dry.status()).as(dry.text()).isEqualTo(200);
            assertThat(dry.get("result").get("violations").asInt()).isZero();
            var theirs = server.post("/v1/rules/dry-run", globex.key(), Map.of("ruleId", globexRule));
            assertThat(theirs.get("result").get("violations").asInt()).isEqualTo(1);
            // And a check of the other tenant's deploy commit finds nothing here.
            var check = server.post(
                    "/v1/rules/check", acme.key(), Map.of("entity", "git:" + "f".repeat(40), "kind", "commit"));
            assertThat(check.status()).as(check.text()).isEqualTo(200);
            assertThat(check.get("violations")).isEmpty();
        }
    }
}
