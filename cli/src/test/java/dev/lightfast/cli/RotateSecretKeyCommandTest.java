package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.backfill.BackfillJob;
import dev.lightfast.core.backfill.BackfillState;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateSecretKeyCommandTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path data;

    private String stored() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStorage.DATABASE_FILE));
                var rs = c.createStatement().executeQuery("SELECT secret FROM connections")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void rotating_puts_a_new_key_first_keeps_the_old_after_it_and_seals_every_secret_again() throws Exception {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        String before;
        try (var storage = SqliteStorage.open(data)) {
            storage.tenants()
                    .create(
                            new Tenant(ACME, "Acme", t0),
                            ApiKeys.issue(ACME, t0).stored());
            storage.connections().create(new Connection("con_1", ACME, "github", "the secret", t0));
        }
        before = stored();
        Path file = data.resolve(SecretKeyFile.FILE);
        String oldKeyLine = Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .findFirst()
                .orElseThrow();

        assertThat(Main.run("rotate-secret-key", "--data", data.toString())).isZero();

        var keyLines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList();
        assertThat(keyLines).hasSize(2).element(1).isEqualTo(oldKeyLine);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String newId = SecretKeys.of(SecretKeys.decode(keyLines.get(0), "k"), java.util.List.of(), "n")
                .currentId();
        assertThat(stored()).isNotEqualTo(before).startsWith(SecretKeys.PREFIX + newId + ":");
        try (var storage = SqliteStorage.open(data)) {
            assertThat(storage.connections().find("con_1").orElseThrow().secret())
                    .isEqualTo("the secret");
        }
    }

    @Test
    void rotating_seals_a_running_backfills_token_again() {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        String oldSealed;
        try (var storage = SqliteStorage.open(data)) {
            storage.tenants()
                    .create(
                            new Tenant(ACME, "Acme", t0),
                            ApiKeys.issue(ACME, t0).stored());
            oldSealed = storage.secretKeys().seal("ghp_token", "backfill:bf_1");
            storage.backfills()
                    .create(new BackfillJob(
                            "bf_1",
                            ACME,
                            "con_1",
                            "github",
                            BackfillState.RUNNING,
                            t0.minusSeconds(86_400),
                            null,
                            java.util.List.of(),
                            java.util.List.of("acme/shop"),
                            null,
                            oldSealed,
                            null,
                            0,
                            null,
                            0,
                            0,
                            null,
                            t0,
                            t0,
                            null));
        }

        assertThat(Main.run("rotate-secret-key", "--data", data.toString())).isZero();

        var keys = SecretKeyFile.readOrCreate(data.resolve(SecretKeyFile.FILE));
        try (var storage = SqliteStorage.open(data)) {
            String sealed = storage.backfills().find(ACME, "bf_1").orElseThrow().sealedToken();
            assertThat(sealed).isNotEqualTo(oldSealed).startsWith(SecretKeys.PREFIX + keys.currentId() + ":");
            assertThat(keys.open(sealed, "backfill:bf_1")).isEqualTo("ghp_token");
        }
    }
}
