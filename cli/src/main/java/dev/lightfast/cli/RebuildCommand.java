package dev.lightfast.cli;

import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lightfast rebuild}: derives the graph, the search index, the rule verdicts, the claims and
 * the patterns again from the log. The log is the only truth; this is how a better extractor or a new
 * embedding model reaches old events.
 */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = "Rebuild the graph, search index, rule verdicts, claims and patterns from the event log (stop the"
                + " server first).")
final class RebuildCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            defaultValue = "${env:LIGHTFAST_DATA:-data}",
            description = "data directory (default: ${DEFAULT-VALUE}); the server must not be using it")
    Path data;

    @Option(names = "--tenant", description = "Only this tenant (default: every tenant).")
    String tenant;

    @Override
    public Integer call() {
        try (var engine = Engine.open(data, Clock.systemUTC())) {
            List<TenantId> tenants = tenant != null
                    ? List.of(TenantId.of(tenant))
                    : engine.storage().tenants().list().stream().map(Tenant::id).toList();
            for (TenantId t : tenants) {
                if (engine.storage().tenants().find(t).isEmpty()) {
                    System.err.println("lightfast: no tenant '" + t.value() + "' in " + data.toAbsolutePath());
                    return 2;
                }
                long start = System.nanoTime();
                var applied = engine.rebuild(t, ConsoleProgress.onStderr());
                engine.index().commit();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "%s: graph %d events, index %d events, rules %d events, claims %d events, patterns %d events,"
                                + " %.1f s%n",
                        t.value(),
                        applied.get(0),
                        applied.get(1),
                        applied.get(2),
                        applied.get(3),
                        applied.get(4),
                        seconds);
            }
            return 0;
        }
    }
}
