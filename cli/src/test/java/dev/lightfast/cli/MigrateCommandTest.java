package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.postgres.PostgresTestSchema;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path tmp;

    private PostgresTestSchema schema;
    private Path data;
    private String globexKey;

    @BeforeEach
    void embeddedInstallationWithTwoTenants() throws Exception {
        schema = PostgresTestSchema.create();
        data = tmp.resolve("data");
        Path captures = Files.createDirectories(tmp.resolve("captures"));
        int n = 0;
        for (var f : GithubFixtures.all().subList(0, 30)) {
            var capture = new LinkedHashMap<String, Object>();
            capture.put("headers", Map.of("X-GitHub-Event", f.event(), "X-GitHub-Delivery", "cap-" + n));
            capture.put("body", Json.MAPPER.readTree(f.body()));
            Files.write(captures.resolve(String.format("%03d.json", n++)), Json.MAPPER.writeValueAsBytes(capture));
        }
        assertThat(Main.run(
                        "ingest",
                        "--provider",
                        "github",
                        "--tenant",
                        "acme",
                        "--data",
                        data.toString(),
                        captures.toString()))
                .isZero();
        try (var storage = SqliteStorage.open(data)) {
            var key = ApiKeys.issue(GLOBEX, T0);
            storage.tenants().create(new Tenant(GLOBEX, "Globex Corp.", T0), key.stored());
            globexKey = key.plaintext();
            storage.connections().create(new Connection("con_globex", GLOBEX, "github", "s3cret", T0));
            storage.eventLog().append(GLOBEX, note("n1", "first"));
            storage.eventLog().append(GLOBEX, note("n2", "second \u2713"));
        }
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    private static IncomingDelivery note(String key, String title) {
        var draft = EventDraft.builder("oncall-bot", "incident.note.added")
                .occurredAt(T0)
                .title(title)
                .attribute("severity", 2)
                .attribute("tags", List.of("db", "rollback"))
                .idempotencyKey(key)
                .build();
        return new IncomingDelivery(
                "oncall-bot",
                null,
                key,
                "note",
                Map.of("content-type", "application/json"),
                ("{\"note\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8),
                T0,
                List.of(draft));
    }

    private record Run(int exit, String out, String err) {}

    private static Run migrate(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static void assertSameTenant(Storage a, Storage b, TenantId tenant) {
        var events = a.eventLog().read(tenant, EventQuery.all(1000)).events();
        assertThat(events).isNotEmpty();
        assertThat(b.eventLog().read(tenant, EventQuery.all(1000)).events()).isEqualTo(events);
        assertThat(b.eventLog().lastSeq(tenant)).isEqualTo(a.eventLog().lastSeq(tenant));
        for (var e : events) {
            var raw = a.eventLog().findRaw(tenant, e.rawRef()).orElseThrow();
            var copied = b.eventLog().findRaw(tenant, e.rawRef()).orElseThrow();
            assertThat(copied.body()).isEqualTo(raw.body());
            assertThat(copied).usingRecursiveComparison().ignoringFields("body").isEqualTo(raw);
        }
        assertThat(b.tenants().find(tenant)).isEqualTo(a.tenants().find(tenant));
        assertThat(b.connections().list(tenant)).isEqualTo(a.connections().list(tenant));
    }

    @Test
    void copiesEveryTenantLosingNothingAndAppendsContinueAfterTheCopiedLog() {
        var run = migrate("migrate", "--from", data.toString(), "--pg", schema.url());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "acme: copied",
                        "globex: copied 1 API keys, 1 connections, 2 deliveries, 2 events",
                        "2 tenant(s) copied, 0 already there; every count and hash matches");

        try (var sqlite = SqliteStorage.open(data);
                var pg = PostgresStorage.open(schema.url(), 4, keysOf(data))) {
            assertSameTenant(sqlite, pg, ACME);
            assertSameTenant(sqlite, pg, GLOBEX);
            // The API key still works: its hash came along.
            var presented = ApiKeys.parse(globexKey).orElseThrow();
            assertThat(ApiKeys.matches(
                            presented, pg.tenants().findKey(presented.keyId()).orElseThrow()))
                    .isTrue();
            // A redelivery of a copied delivery is recognised, and new events continue the seq.
            assertThat(pg.eventLog().append(GLOBEX, note("n2", "second \u2713")).duplicate())
                    .isTrue();
            assertThat(pg.eventLog()
                            .append(GLOBEX, note("n3", "third"))
                            .events()
                            .getFirst()
                            .seq())
                    .isEqualTo(3);
        }
    }

    @Test
    void runningAgainCopiesWhatIsMissingAndNeverOverwrites() {
        assertThat(migrate("migrate", "--from", data.toString(), "--pg", schema.url())
                        .exit())
                .isZero();

        // A new tenant in the embedded store: a second run copies it and leaves the others be.
        try (var sqlite = SqliteStorage.open(data)) {
            var initech = TenantId.of("initech");
            sqlite.tenants()
                    .create(
                            new Tenant(initech, "Initech", T0),
                            ApiKeys.issue(initech, T0).stored());
            sqlite.eventLog().append(initech, note("i1", "tps report"));
        }
        var again = migrate("migrate", "--from", data.toString(), "--pg", schema.url());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out())
                .contains(
                        "acme: already in PostgreSQL, identical",
                        "initech: copied",
                        "1 tenant(s) copied, 2 already there");

        // PostgreSQL moves on (a server took a delivery there); the embedded store gains another tenant.
        try (var pg = PostgresStorage.open(schema.url(), 4, keysOf(data))) {
            pg.eventLog().append(GLOBEX, note("n9", "only in PostgreSQL"));
        }
        try (var sqlite = SqliteStorage.open(data)) {
            var hooli = TenantId.of("hooli");
            sqlite.tenants()
                    .create(
                            new Tenant(hooli, "Hooli", T0),
                            ApiKeys.issue(hooli, T0).stored());
        }
        var refused = migrate("migrate", "--from", data.toString(), "--pg", schema.url());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("globex: REFUSED");
        assertThat(refused.err()).contains("nothing was copied");
        try (var pg = PostgresStorage.open(schema.url(), 4, keysOf(data))) {
            assertThat(pg.tenants().find(TenantId.of("hooli"))).isEmpty();
            assertThat(pg.eventLog().lastSeq(GLOBEX)).isEqualTo(3);
        }
    }

    @Test
    void aDirectoryWithoutDataIsNamed() {
        var run = migrate("migrate", "--from", tmp.resolve("nothing").toString(), "--pg", schema.url());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no Lightfast data in");
    }

    /**
     * The keys migrate seals the copied secrets with, which the servers on PostgreSQL then use: the
     * installation's own (its key file, here).
     */
    private static dev.lightfast.core.secret.SecretKeys keysOf(Path data) {
        return dev.lightfast.core.secret.SecretKeyFile.resolve(java.util.Map.of(), data);
    }
}
