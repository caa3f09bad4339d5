package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Opening the store: migrations when several servers start at once, and what a wrong URL says. */
class PostgresSchemaTest {

    @Test
    void severalServersStartingAtOnceMigrateOnce() throws Exception {
        int servers = 4;
        try (var schema = PostgresTestSchema.create()) {
            var opened = new ArrayList<Future<PostgresStorage>>();
            var start = new CyclicBarrier(servers);
            try (var pool = Executors.newFixedThreadPool(servers)) {
                for (int i = 0; i < servers; i++) {
                    opened.add(pool.submit((Callable<PostgresStorage>) () -> {
                        start.await();
                        return PostgresStorage.open(schema.url(), 3);
                    }));
                }
            }
            var storages = new ArrayList<PostgresStorage>();
            try {
                for (var f : opened) {
                    storages.add(f.get());
                }
                try (var owner = schema.owner();
                        var st = owner.createStatement();
                        var rs = st.executeQuery(
                                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                                        + " ORDER BY installed_rank")) {
                    var applied = new ArrayList<String>();
                    while (rs.next()) {
                        applied.add(rs.getString(1) + ":" + rs.getBoolean(2));
                    }
                    assertThat(applied)
                            .containsExactly(
                                    "1:true", "2:true", "3:true", "4:true", "5:true", "7:true", "8:true", "9:true",
                                    "10:true", "11:true", "12:true"); // each version once
                }
                assertThat(storages)
                        .allSatisfy(s -> assertThat(s.tenants().list()).isEmpty());
            } finally {
                storages.forEach(PostgresStorage::close);
            }
        }
    }

    @Test
    void aUrlThatIsNotJdbcSaysWhatItShouldLookLike() {
        assertThatThrownBy(() -> PostgresStorage.open("postgres://u:secret@db/lightfast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> PostgresStorage.open("jdbc:postgresql://db/x?user=u&password=hunter2"))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresStorage.open(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL JDBC URL");
    }

    @Test
    void anUnreachableServerSaysWhereItLooked() {
        assertThatThrownBy(
                        () -> PostgresStorage.open("jdbc:postgresql://127.0.0.1:1/lightfast?user=x&connectTimeout=2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach PostgreSQL at 127.0.0.1:1")
                .hasMessageContaining("is it running");
    }

    @Test
    void aMissingDatabaseIsNamed() {
        try (var schema = PostgresTestSchema.create()) {
            String url = schema.url().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1lf_no_such_database");
            assertThatThrownBy(() -> PostgresStorage.open(url))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("database 'lf_no_such_database' does not exist");
        }
    }
}
