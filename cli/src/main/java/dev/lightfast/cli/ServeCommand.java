package dev.lightfast.cli;

import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import dev.lightfast.server.auth.AdminToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the API, webhooks and metrics on one port until stopped (Ctrl-C stops gracefully).")
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            description = "port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one)",
            defaultValue = "${env:LIGHTFAST_PORT:-8080}")
    int port;

    @Option(
            names = "--host",
            description = "address to bind (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:LIGHTFAST_HOST:-0.0.0.0}")
    String host;

    @Option(
            names = "--data",
            description = "data directory (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:LIGHTFAST_DATA:-data}")
    Path data;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "keep everything in PostgreSQL instead of SQLite under --data, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/lightfast?user=lightfast&password=... (default: $LIGHTFAST_PG_URL); "
                    + "any number of servers may share one database")
    String pg;

    @Option(
            names = "--no-projections",
            description = "ingest only: do not keep the graph and search index following the log (another server on "
                    + "the same PostgreSQL does); also LIGHTFAST_PROJECTIONS=off")
    boolean noProjections;

    @Override
    public Integer call() throws InterruptedException {
        var config = ServerConfig.fromEnvironment(System.getenv())
                .withPort(port)
                .withHost(host)
                .withDataDir(data);
        if (pg != null) {
            config = config.withPostgresUrl(pg);
        }
        if (noProjections) {
            config = config.withProjections(false);
        }
        var lightfast = Lightfast.start(config);
        announce(lightfast, data);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.err.println(
                                    "lightfast: stopping: finishing requests in flight, then closing the log");
                            lightfast.close();
                            stopped.countDown();
                        },
                        "lightfast-shutdown"));
        stopped.await();
        return 0;
    }

    static void announce(Lightfast lightfast, Path data) {
        System.out.println("Lightfast " + Lightfast.version() + " listening on http://localhost:" + lightfast.port());
        System.out.println("  store: " + lightfast.storage().describe());
        System.out.println("  runs on: " + lightfast.runtime());
        if (!lightfast.config().projections()) {
            System.out.println("  projections: off (ingest only; graph and search here are not kept current)");
        }
        if (lightfast.adminToken().generated()) {
            System.out.println("  admin token (shown once, kept in " + data.resolve(AdminToken.FILE) + "):");
            System.out.println("    " + lightfast.adminToken().value());
        } else if (System.getenv("LIGHTFAST_ADMIN_TOKEN") == null) {
            System.out.println("  admin token: in " + data.resolve(AdminToken.FILE));
        }
        System.out.flush();
    }
}
