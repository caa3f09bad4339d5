package dev.lightfast.cli;

import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lightfast rotate-secret-key}: a new key for the webhook secrets at rest. It is put first in
 * the data directory's key file, the old keys kept after it, and every secret is sealed again under
 * it. A key given by {@code LIGHTFAST_SECRET_KEY} is rotated in the environment instead (see the
 * README).
 */
@Command(
        name = "rotate-secret-key",
        mixinStandardHelpOptions = true,
        description = {
            "Make a new key for the webhook secrets at rest and seal every secret again under it (stop the server"
                    + " first on SQLite).",
            "The new key goes first in <data>/secret-key; the old ones stay after it, so a server started with the"
                    + " file opens everything; remove them once every server has restarted with it."
        })
final class RotateSecretKeyCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            defaultValue = "${env:LIGHTFAST_DATA:-data}",
            description = "data directory holding secret-key (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "seal the secrets in this PostgreSQL instead of the SQLite store in --data")
    String pg;

    @Override
    public Integer call() {
        if (System.getenv(SecretKeyFile.ENV) != null
                && !System.getenv(SecretKeyFile.ENV).isBlank()) {
            System.err.println("lightfast: the key comes from " + SecretKeyFile.ENV + ", not a file: set the new key"
                    + " there and the old one in " + SecretKeyFile.ENV_PREVIOUS
                    + ", and restart; each server seals the secrets again as it starts");
            return 2;
        }
        Path file = data.resolve(SecretKeyFile.FILE);
        var keys = SecretKeyFile.rotate(file);
        if (pg != null) {
            try (var storage = PostgresStorage.open(pg, 4, keys)) {
                resealBackfillTokens(storage, keys);
                System.out.println("sealed the secrets in " + storage.describe() + " under key " + keys.currentId());
            }
        } else {
            try (var storage = SqliteStorage.open(data, keys)) {
                resealBackfillTokens(storage, keys);
                System.out.println("sealed the secrets in " + storage.describe() + " under key " + keys.currentId());
            }
        }
        System.out.println("the new key is first in " + file.toAbsolutePath()
                + "; the old ones after it still open what they sealed until you remove them"
                + (pg != null ? " (copy this file to every server's --data and restart them first)" : ""));
        return 0;
    }

    /** Running backfills' API tokens, which the store does not reseal as it opens (connections' secrets it does). */
    private static void resealBackfillTokens(dev.lightfast.core.storage.Storage storage, SecretKeys keys) {
        int n = dev.lightfast.core.backfill.BackfillTokens.resealAll(
                storage.backfills(),
                keys,
                storage.tenants().list().stream()
                        .map(dev.lightfast.core.tenant.Tenant::id)
                        .toList());
        if (n > 0) {
            System.out.println("sealed the tokens of " + n + " running backfill(s) again");
        }
    }
}
