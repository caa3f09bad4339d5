package dev.lightfast.cli;

import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import dev.lightfast.server.mcp.McpStdio;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lightfast mcp}: the MCP tools over stdio for an agent on this machine. Stdout carries the
 * protocol and nothing else: it is taken for the protocol first, and {@code System.out} then points
 * at stderr, where every log line already goes, so a stray print cannot corrupt a message.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = "Serve the MCP tools over stdio to a local agent, for one tenant. Opens the data directory "
                + "itself, so the server must not be running on it; a running server serves the same tools at /mcp.")
final class McpCommand implements Callable<Integer> {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Option(
            names = "--data",
            defaultValue = "${env:LIGHTFAST_DATA:-data}",
            description = "data directory (default: ${DEFAULT-VALUE}); no server may be using it")
    Path data;

    @Option(names = "--tenant", description = "the tenant to serve (default: the only one in the data directory)")
    String tenant;

    @Override
    public Integer call() {
        var protocol = new FileOutputStream(FileDescriptor.out);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        try {
            return serve(protocol);
        } finally {
            System.setOut(stdout);
        }
    }

    private int serve(FileOutputStream protocol) {
        if (!Files.isDirectory(data)) {
            System.err.println("lightfast mcp: no data directory at " + data.toAbsolutePath()
                    + "; run the server (or ./lightfast demo --data DIR) to create one");
            return 2;
        }
        Engine engine;
        try {
            engine = Engine.open(data, Clock.systemUTC());
        } catch (IllegalStateException inUse) {
            System.err.println("lightfast mcp: " + inUse.getMessage() + ". A running server serves these tools over "
                    + "HTTP at /mcp: point the MCP client there with an API key, or stop the server to use stdio.");
            return 2;
        }
        try (engine) {
            TenantId chosen = chooseTenant(engine.storage().tenants().list());
            if (chosen == null) {
                return 2;
            }
            // Follow the log, and first catch up with whatever the server had not projected yet, so that the
            // first answers already see the whole log.
            engine.projections().start();
            if (!engine.projections().awaitCaughtUp(chosen, CATCH_UP)) {
                System.err.println("lightfast mcp: the graph and search index are still catching up with the log; "
                        + "answers will include the newest events shortly");
            }
            System.err.println("lightfast mcp: serving tenant '" + chosen.value() + "' from " + data.toAbsolutePath()
                    + " over stdio");
            McpStdio.serve(engine, chosen, System.in, protocol);
            return 0;
        }
    }

    private TenantId chooseTenant(List<Tenant> tenants) {
        List<String> ids = tenants.stream().map(t -> t.id().value()).toList();
        if (tenant != null) {
            if (!ids.contains(tenant)) {
                System.err.println("lightfast mcp: no tenant '" + tenant + "' in " + data.toAbsolutePath() + "; it has "
                        + (ids.isEmpty() ? "none" : String.join(", ", ids)));
                return null;
            }
            return TenantId.of(tenant);
        }
        if (ids.size() == 1) {
            return TenantId.of(ids.getFirst());
        }
        System.err.println(
                ids.isEmpty()
                        ? "lightfast mcp: " + data.toAbsolutePath()
                                + " has no tenants yet; create one with POST /v1/admin/tenants"
                        : "lightfast mcp: " + data.toAbsolutePath() + " has " + ids.size() + " tenants ("
                                + String.join(", ", ids) + "); choose one with --tenant");
        return null;
    }
}
