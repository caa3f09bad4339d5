package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference client, the official TypeScript MCP SDK, runs {@code e2e/mcp-e2e.mjs} against the
 * demo history over both transports. Skipped when Node is not installed, except under {@code
 * CI=true}, where a missing Node is a failure: CI must prove the server with the reference client.
 */
class McpNodeClientTest {
    private static final Path E2E = Path.of(System.getProperty("lightfast.e2e.dir", "../e2e"))
            .toAbsolutePath()
            .normalize();
    private static String node;
    private static String npm;

    @BeforeAll
    static void findNode() throws Exception {
        node = onPath("node");
        npm = onPath("npm");
        if (node == null || npm == null) {
            String message = "Node.js (node and npm) is needed for the reference MCP client test; install Node 20+";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: this test may not be skipped)");
            }
            Assumptions.abort(message);
        }
        installClient();
    }

    /** {@code npm ci} from the committed lock file, unless the pinned SDK is already installed. */
    private static void installClient() throws Exception {
        var lock = Json.MAPPER.readTree(E2E.resolve("package-lock.json").toFile());
        String pinned = lock.get("packages")
                .get("node_modules/@modelcontextprotocol/sdk")
                .get("version")
                .stringValue();
        Path installed = E2E.resolve("node_modules/@modelcontextprotocol/sdk/package.json");
        if (Files.exists(installed)
                && pinned.equals(
                        Json.MAPPER.readTree(installed.toFile()).get("version").stringValue())) {
            return;
        }
        run(List.of(npm, "ci", "--no-audit", "--no-fund"), Map.of(), "npm-ci.log");
    }

    @Test
    void the_typescript_sdk_client_passes_over_streamable_http() throws Exception {
        var demo = DemoHistory.prepared();
        try (var lightfast = demo.serve()) {
            run(
                    List.of(node, "mcp-e2e.mjs"),
                    Map.of(
                            "LIGHTFAST_MCP_URL",
                            "http://127.0.0.1:" + lightfast.port() + "/mcp",
                            "LIGHTFAST_API_KEY",
                            demo.apiKey,
                            "LIGHTFAST_EXPECTED_EVENTS",
                            String.valueOf(demo.events)),
                    "node-e2e-http.log");
        }
    }

    @Test
    void the_typescript_sdk_client_passes_over_stdio() throws Exception {
        var demo = DemoHistory.prepared();
        run(
                List.of(node, "mcp-e2e.mjs"),
                Map.of(
                        "LIGHTFAST_MCP_STDIO", Json.MAPPER.writeValueAsString(demo.stdioCommand()),
                        "LIGHTFAST_EXPECTED_EVENTS", String.valueOf(demo.events)),
                "node-e2e-stdio.log");
    }

    /** Runs a command in e2e/, its output kept in target/ (and shown when it fails). */
    private static void run(List<String> command, Map<String, String> env, String logName) throws Exception {
        Path log = Path.of("target", logName).toAbsolutePath();
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(command)
                .directory(E2E.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        var process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished)
                .as(String.join(" ", command) + " did not finish:\n" + output)
                .isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " failed:\n" + output)
                .isZero();
        if (command.getFirst().equals(node)) {
            assertThat(output).as(output).contains("# fail 0").doesNotContain("# pass 0");
        }
    }

    private static String onPath(String name) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
