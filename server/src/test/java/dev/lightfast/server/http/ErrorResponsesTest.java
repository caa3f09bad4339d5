package dev.lightfast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.json.Json;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the caller's own mistakes are a 400. A programming error (an IllegalArgumentException from
 * a parse of a model's output, a check that should have held) is a 500 with a reference, its
 * message kept in the log and out of the answer.
 */
class ErrorResponsesTest {
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    ErrorResponses.install(config);
                    config.routes.get("/bug", ctx -> {
                        throw new NumberFormatException("For input string: \"99999999999\"");
                    });
                    config.routes.get("/mistake", ctx -> {
                        throw new InvalidInput("limit must be between 1 and 100");
                    });
                    config.routes.get("/state", ctx -> {
                        throw new IllegalStateException("the writer is closed");
                    });
                })
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_illegal_argument_of_ours_is_a_500_with_a_reference_and_without_its_message() throws Exception {
        for (String path : new String[] {"/bug", "/state"}) {
            var reply = get(path);
            assertThat(reply.statusCode()).isEqualTo(500);
            var error = Json.MAPPER.readTree(reply.body()).get("error");
            assertThat(error.get("code").stringValue()).isEqualTo("internal");
            assertThat(error.get("message").stringValue())
                    .contains("ref ")
                    .doesNotContain("For input string", "writer", "Exception");
        }
    }

    @Test
    void the_callers_own_mistake_is_a_400_that_says_what_to_fix() throws Exception {
        var reply = get("/mistake");
        assertThat(reply.statusCode()).isEqualTo(400);
        var error = Json.MAPPER.readTree(reply.body()).get("error");
        assertThat(error.get("code").stringValue()).isEqualTo("bad_request");
        assertThat(error.get("message").stringValue()).isEqualTo("limit must be between 1 and 100");
    }
}
