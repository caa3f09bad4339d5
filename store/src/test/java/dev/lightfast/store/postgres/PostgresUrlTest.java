package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a PostgreSQL URL says about itself, without connecting: never its password. */
class PostgresUrlTest {

    @Test
    void describesWhereTheDataLivesWithoutThePassword() {
        var url = PostgresUrl.parse("jdbc:postgresql://db.internal:6432/lightfast?user=lf&password=hunter2"
                + "&currentSchema=team_a,public");
        assertThat(url.describe()).isEqualTo("PostgreSQL lf@db.internal:6432/lightfast schema team_a");
        assertThat(url.schema()).isEqualTo("team_a");
        assertThat(url.toString()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void aUrlWithoutSchemaUsesTheServersDefault() {
        var url = PostgresUrl.parse("jdbc:postgresql://127.0.0.1/test?user=postgres");
        assertThat(url.schema()).isNull();
        assertThat(url.port()).isEqualTo("5432");
    }

    @Test
    void aLibpqUrlIsToldHowToWriteItForJdbc() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://lf:hunter2@db/lightfast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write it as jdbc:postgresql://");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://db/lightfast"))
                .hasMessageContaining("is not a PostgreSQL JDBC URL");
    }

    @Test
    void loginFailuresSayWhatToCheck() {
        var url = PostgresUrl.parse("jdbc:postgresql://db:5432/lightfast?user=lf&password=wrong");
        assertThat(url.explain(new SQLException("password authentication failed", "28P01"))
                        .getMessage())
                .contains("refused the login of user 'lf'", "check user and password")
                .doesNotContain("wrong");
        assertThat(url.explain(new SQLException("no such database", "3D000")).getMessage())
                .contains("database 'lightfast' does not exist on db:5432");
    }
}
