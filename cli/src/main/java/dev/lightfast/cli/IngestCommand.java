package dev.lightfast.cli;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Replays captured deliveries into a data directory through the same ingestion as the webhook
 * endpoint, so the log holds exactly what a live delivery would have left.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Replay captured webhook deliveries (files or directories of {headers, body} JSON) into the log.")
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--provider", required = true, description = "the tool that sent them, e.g. github")
    String provider;

    @Option(
            names = "--tenant",
            required = true,
            description = "the tenant to store them for; created (and its API key printed) if it does not exist")
    String tenant;

    @Option(
            names = "--connection",
            description = "the connection to file them under (default: the tenant's first "
                    + "for this provider, created if there is none)")
    String connection;

    @Option(
            names = "--data",
            description = "data directory (default: ${DEFAULT-VALUE}); the server must not be using it",
            defaultValue = "${env:LIGHTFAST_DATA:-data}")
    Path data;

    @Option(
            names = {"-v", "--verbose"},
            description = "print a line for every delivery, not only for those not stored")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "capture files, or directories of *.json captures")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        var connectors = Engine.connectors();
        if (connectors.find(provider).isEmpty()) {
            System.err.println("lightfast: unknown provider '" + provider + "'; known: " + connectors.providers());
            return 2;
        }
        var clock = Clock.systemUTC();
        try (var storage = SqliteStorage.open(data)) {
            var tenantId = TenantId.of(tenant);
            if (storage.tenants().find(tenantId).isEmpty()) {
                var key = ApiKeys.issue(tenantId, clock.instant());
                storage.tenants().create(new Tenant(tenantId, tenant, clock.instant()), key.stored());
                System.out.println("created tenant " + tenant + "; its API key (shown once): " + key.plaintext());
            }
            String connectionId = connectionFor(storage, tenantId, clock);
            var ingestion = new WebhookIngestion(connectors, storage.connections(), storage.eventLog(), clock);
            int stored = 0;
            int duplicates = 0;
            int events = 0;
            int failed = 0;
            var all = expand(files);
            var progress = new Progress("ingest", "deliveries", all.size());
            var report = ConsoleProgress.onStderr();
            for (Path file : all) {
                progress.advance(1);
                report.update(progress);
                try {
                    switch (ingestion.replay(provider, connectionId, CapturedDelivery.read(file))) {
                        case WebhookIngestion.Outcome.Stored s
                        when s.appended().duplicate() -> {
                            duplicates++;
                            if (verbose) {
                                System.out.println(file + ": already stored ("
                                        + s.appended().deliveryId() + ")");
                            }
                        }
                        case WebhookIngestion.Outcome.Stored s -> {
                            stored++;
                            events += s.appended().events().size();
                            if (verbose) {
                                System.out.println(
                                        file + ": " + s.appended().events().size() + " events ("
                                                + s.appended().deliveryId() + ")");
                            }
                        }
                        case WebhookIngestion.Outcome.Replied r ->
                            System.out.println(file + ": not stored: " + r.message());
                    }
                } catch (WebhookRejected | IllegalArgumentException | IOException e) {
                    failed++;
                    System.err.println(file + ": skipped: " + e.getMessage());
                }
            }
            report.finish(progress);
            System.out.printf(
                    "%d deliveries stored (%d events), %d already stored, %d skipped; connection %s%n",
                    stored, events, duplicates, failed, connectionId);
            return failed == 0 ? 0 : 1;
        }
    }

    private String connectionFor(SqliteStorage storage, TenantId tenantId, Clock clock) {
        if (connection != null) {
            var c = storage.connections()
                    .find(connection)
                    .filter(found ->
                            found.tenant().equals(tenantId) && found.provider().equals(provider))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no " + provider + " connection '" + connection + "' for tenant " + tenantId));
            return c.id();
        }
        return storage.connections().list(tenantId).stream()
                .filter(c -> c.provider().equals(provider))
                .findFirst()
                .map(Connection::id)
                .orElseGet(() -> {
                    var c = storage.connections()
                            .create(new Connection(
                                    Ids.prefixed("con"), tenantId, provider, Connection.newSecret(), clock.instant()));
                    System.out.println("created " + provider + " connection " + c.id());
                    return c.id();
                });
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        var all = new ArrayList<Path>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json"))
                            .sorted()
                            .forEach(all::add);
                }
            } else if (Files.isRegularFile(p)) {
                all.add(p);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
        }
        return all;
    }
}
