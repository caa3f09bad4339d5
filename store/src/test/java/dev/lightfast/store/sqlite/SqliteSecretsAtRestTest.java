package dev.lightfast.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.secret.SecretUnreadable;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store at rest: a copy of its database file gives no webhook secret away, and no file
 * of its directory can be read by another user.
 */
class SqliteSecretsAtRestTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    Path dir;

    private final byte[] keyA = SecretKeys.newKey();
    private final byte[] keyB = SecretKeys.newKey();

    private SqliteStorage open(byte[] current, byte[]... retired) {
        return SqliteStorage.open(dir, SecretKeys.of(current, List.of(retired), "test"));
    }

    private static void connect(SqliteStorage storage, String id) {
        if (storage.tenants().find(ACME).isEmpty()) {
            storage.tenants()
                    .create(
                            new Tenant(ACME, "Acme", T0),
                            ApiKeys.issue(ACME, T0).stored());
        }
        storage.connections().create(new Connection(id, ACME, "github", SECRET, T0));
    }

    private String stored(String id) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.DATABASE_FILE));
                var st = c.prepareStatement("SELECT secret FROM connections WHERE id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void write(String sql, String... args) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.DATABASE_FILE));
                var st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }

    @Test
    void a_webhook_secret_is_sealed_in_every_file_of_the_database_and_opened_on_read() throws Exception {
        try (var storage = open(keyA)) {
            connect(storage, "con_1");
            assertThat(storage.connections().find("con_1").orElseThrow().secret())
                    .isEqualTo(SECRET);
            assertThat(stored("con_1")).startsWith(SecretKeys.PREFIX).doesNotContain("Secret");
            // Not in the database file, nor in its write-ahead log.
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                            .as(f.getFileName().toString())
                            .doesNotContain(SECRET);
                }
            }
        }
        try (var storage = open(keyA)) {
            assertThat(storage.connections().list(ACME))
                    .extracting(Connection::secret)
                    .containsExactly(SECRET);
        }
    }

    @Test
    void secrets_written_in_the_clear_before_are_sealed_when_the_store_opens() throws Exception {
        try (var storage = open(keyA)) {
            connect(storage, "con_1");
        }
        write("UPDATE connections SET secret = ? WHERE id = ?", "plain from before", "con_1");
        try (var storage = open(keyA)) {
            assertThat(storage.connections().find("con_1").orElseThrow().secret())
                    .isEqualTo("plain from before");
        }
        assertThat(stored("con_1")).startsWith(SecretKeys.PREFIX).doesNotContain("plain");
    }

    @Test
    void rotating_the_key_seals_every_secret_again_under_the_new_one() throws Exception {
        String idA = SecretKeys.of(keyA, List.of(), "a").currentId();
        String idB = SecretKeys.of(keyB, List.of(), "b").currentId();
        try (var storage = open(keyA)) {
            connect(storage, "con_1");
        }
        assertThat(stored("con_1")).startsWith(SecretKeys.PREFIX + idA + ":");
        try (var storage = open(keyB, keyA)) {
            assertThat(storage.connections().find("con_1").orElseThrow().secret())
                    .isEqualTo(SECRET);
        }
        assertThat(stored("con_1")).startsWith(SecretKeys.PREFIX + idB + ":");
        // The retired key is no longer needed...
        try (var storage = open(keyB)) {
            assertThat(storage.connections().find("con_1").orElseThrow().secret())
                    .isEqualTo(SECRET);
        }
        // ...and no longer enough.
        assertThatThrownBy(() -> open(keyA).close())
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining(idB);
    }

    @Test
    void a_store_whose_secrets_its_key_cannot_open_refuses_to_start_saying_which_key_it_lacks() throws Exception {
        try (var storage = open(keyA)) {
            connect(storage, "con_1");
        }
        assertThatThrownBy(() -> open(keyB).close())
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("LIGHTFAST_SECRET_KEY");
        // And it can be opened again with the right key: the failed start left nothing locked.
        try (var storage = open(keyA)) {
            assertThat(storage.connections().find("con_1")).isPresent();
        }
    }

    @Test
    void a_sealed_secret_copied_onto_another_connection_does_not_open_there() throws Exception {
        try (var storage = open(keyA)) {
            connect(storage, "con_1");
            storage.connections().create(new Connection("con_2", ACME, "github", "another", T0));
        }
        write("UPDATE connections SET secret = ? WHERE id = ?", stored("con_1"), "con_2");
        assertThatThrownBy(() -> open(keyA).close())
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("con_2");
    }

    @Test
    void the_data_directory_and_every_file_in_it_are_the_owners_alone() throws Exception {
        try (var storage = SqliteStorage.open(dir)) {
            connect(storage, "con_1");
            storage.eventLog(); // the log's files exist while the store is open
            assertThat(mode(dir)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dir)) {
                var all = files.filter(Files::isRegularFile).toList();
                assertThat(all)
                        .extracting(p -> p.getFileName().toString())
                        .contains(
                                SqliteStorage.DATABASE_FILE,
                                SqliteStorage.DATABASE_FILE + "-wal",
                                SqliteStorage.DATABASE_FILE + "-shm",
                                SqliteStorage.GRAPH_FILE,
                                SecretKeyFile.FILE,
                                "lightfast.lock");
                for (Path f : all) {
                    assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void a_data_directory_made_readable_by_an_earlier_version_is_narrowed_on_open() throws Exception {
        try (var storage = SqliteStorage.open(dir)) {
            connect(storage, "con_1");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(
                dir.resolve(SqliteStorage.DATABASE_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        try (var storage = SqliteStorage.open(dir)) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve(SqliteStorage.DATABASE_FILE))).isEqualTo("rw-------");
            assertThat(storage.connections().find("con_1")).isPresent();
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
