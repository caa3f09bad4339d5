package dev.lightfast.emulators.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.vercel.VercelOperations;
import dev.lightfast.connectors.vercel.VercelToolClient;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.FailureMode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class VercelToolClientTest {
    private static final String TOKEN = "vercel_emulated_0123456789";

    private VercelEmulator vercel;
    private VercelToolClient client;
    private VercelToolClient impatient;
    private ToolCredential credential;

    @BeforeEach
    void start() {
        vercel = new VercelEmulator(TOKEN).start();
        vercel.state()
                .project("prj_pay", "payments-api")
                .deployment("prj_pay", "dpl_Good")
                .deployment("prj_pay", "dpl_Bad");
        client = new VercelToolClient(new ToolHttp(Duration.ofSeconds(10), Clock.systemUTC()));
        impatient = new VercelToolClient(new ToolHttp(Duration.ofMillis(300), Clock.systemUTC()));
        credential = new ToolCredential(TOKEN, vercel.baseUri());
    }

    @AfterEach
    void stop() {
        vercel.close();
    }

    private static ToolCall rollback(String deployment, String key) {
        return new ToolCall(
                "conn_v",
                VercelOperations.ROLLBACK,
                (ObjectNode)
                        Json.MAPPER.readTree("{\"projectId\":\"prj_pay\",\"deploymentId\":\"" + deployment + "\"}"),
                key);
    }

    @Test
    void a_rollback_points_production_at_the_earlier_deployment() {
        assertThat(client.call(rollback("dpl_Good", "k-rb"), credential))
                .isInstanceOfSatisfying(ToolResult.Succeeded.class, s -> {
                    assertThat(s.status()).isEqualTo(201);
                    assertThat(s.url()).isEqualTo("https://payments-api-good.vercel.app");
                });

        assertThat(vercel.state().findProject("prj_pay").orElseThrow().production())
                .isEqualTo("dpl_Good");
        assertThat(vercel.state().rollbacks())
                .singleElement()
                .satisfies(r -> assertThat(r.from()).isEqualTo("dpl_Bad"));
        assertThat(vercel.calls().applied("k-rb")).isEqualTo(1);
    }

    @Test
    void an_unknown_deployment_fails_with_vercels_message() {
        assertThat(client.call(rollback("dpl_Nope", "k"), credential))
                .isEqualTo(new ToolResult.Failed(404, "Vercel answered 404: Deployment not found (not_found)"));
    }

    @Test
    void rate_limit_server_error_and_slowness_are_retryable_and_an_expired_token_is_not() {
        vercel.switches().fail(FailureMode.RATE_LIMIT, 1, null, 12, null);
        assertThat(client.call(rollback("dpl_Good", "k"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class,
                        r -> assertThat(r.after()).as(r.toString()).isEqualTo(Duration.ofSeconds(12)));
        vercel.switches().fail(FailureMode.SERVER_ERROR, 1, null, null, null);
        assertThat(client.call(rollback("dpl_Good", "k"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.status()).isEqualTo(500));
        vercel.switches().fail(FailureMode.SLOW, 1, null, null, 2_000);
        assertThat(impatient.call(rollback("dpl_Good", "k"), credential)).isInstanceOf(ToolResult.Retryable.class);
        vercel.switches().fail(FailureMode.EXPIRED_TOKEN);
        assertThat(client.call(rollback("dpl_Good", "k"), credential))
                .isInstanceOfSatisfying(ToolResult.Failed.class, f -> {
                    assertThat(f.status()).isEqualTo(401);
                    assertThat(f.message())
                            .contains("Vercel refused the connection's token")
                            .doesNotContain(TOKEN);
                });
    }

    @Test
    void find_done_sees_production_on_the_deployment_only_after_the_rollback() {
        assertThat(client.findDone(rollback("dpl_Good", "k"), credential)).isEmpty();
        client.call(rollback("dpl_Good", "k"), credential);
        assertThat(client.findDone(rollback("dpl_Good", "k"), credential)).isPresent();
    }
}
