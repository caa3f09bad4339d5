package dev.lightfast.cli;

import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.store.copy.StoreMigration;
import dev.lightfast.store.copy.StoreMigration.Outcome;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Moves an embedded installation into PostgreSQL, checking that nothing was lost on the way. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Copy an embedded installation (a SQLite data directory) into PostgreSQL: tenants, API key "
                    + "hashes, connections, deliveries and events, with their ids and seq.",
            "Each tenant is committed only when its copy matches (counts and a hash over every record). A tenant "
                    + "PostgreSQL already holds with other data is never overwritten: then nothing is copied. Running it "
                    + "again after an interruption copies what is missing."
        })
final class MigrateCommand implements Callable<Integer> {

    @Option(
            names = "--from",
            required = true,
            paramLabel = "<data dir>",
            description = "the data directory to copy; the server using it must be stopped")
    Path from;

    @Option(
            names = "--pg",
            required = true,
            paramLabel = "<jdbc url>",
            description = "the PostgreSQL to copy into, e.g. jdbc:postgresql://127.0.0.1:5432/lightfast?user=lightfast")
    String pg;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(from.resolve(SqliteStorage.DATABASE_FILE))) {
            System.err.println("lightfast: no Lightfast data in "
                    + from.toAbsolutePath().normalize() + " (no " + SqliteStorage.DATABASE_FILE
                    + " there); --from takes the directory a server was started with --data");
            return 2;
        }
        // The webhook secrets are opened with the installation's key and sealed again in PostgreSQL with
        // the same one, which the servers on PostgreSQL then need too.
        var keys = SecretKeyFile.resolve(System.getenv(), from);
        try (var source = SqliteStorage.open(from, keys);
                var target = PostgresStorage.open(pg, 4, keys)) {
            System.out.println("copying " + source.describe() + " into " + target.describe());
            System.out.println("webhook secrets are sealed with the key from " + keys.source()
                    + "; give the servers on PostgreSQL the same key (" + SecretKeyFile.ENV + ")");
            var results = new StoreMigration(source.records(), target.importer())
                    .run(
                            m -> {
                                switch (m.outcome()) {
                                    case COPIED ->
                                        System.out.println("  " + m.tenant() + ": copied "
                                                + m.target().summary() + "; matches");
                                    case ALREADY_COPIED ->
                                        System.out.println("  " + m.tenant() + ": already in PostgreSQL, identical ("
                                                + m.target().summary() + ")");
                                    case REFUSED ->
                                        System.out.println("  " + m.tenant()
                                                + ": REFUSED: PostgreSQL already holds other data "
                                                + "for it (there: " + m.target().summary() + "; here: "
                                                + m.source().summary() + ")");
                                }
                            },
                            ConsoleProgress.onStderr());
            long refused =
                    results.stream().filter(m -> m.outcome() == Outcome.REFUSED).count();
            if (refused > 0) {
                System.err.println("lightfast: nothing was copied: " + refused
                        + " tenant(s) already hold other data in " + "PostgreSQL, which migrate never overwrites");
                return 1;
            }
            long copied =
                    results.stream().filter(m -> m.outcome() == Outcome.COPIED).count();
            System.out.printf(
                    "%d tenant(s) copied, %d already there; every count and hash matches%n",
                    copied, results.size() - copied);
            return 0;
        }
    }
}
