package dev.lightfast.store.postgres;

import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.outbox.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The subscription and outbox SQL on PostgreSQL: every call a transaction walled to its tenant
 * ({@link TenantScope}), timestamptz, json, and {@code FOR UPDATE SKIP LOCKED} so that servers
 * sharing the database never queue or send the same thing at once.
 */
final class PostgresDialect implements SqlDialect {
    private final TenantScope scope;

    PostgresDialect(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public <T> T read(TenantId tenant, String what, Work<T> work) {
        return scope.inTenant(tenant, what, work::run);
    }

    @Override
    public <T> T write(TenantId tenant, String what, Work<T> work) {
        return scope.inTenant(tenant, what, work::run);
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String jsonParameter() {
        return "?::json";
    }

    @Override
    public void setTime(PreparedStatement st, int index, Instant t) throws SQLException {
        if (t == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, PostgresEventRows.time(t));
        }
    }

    @Override
    public Instant time(ResultSet rs, String column) throws SQLException {
        return PostgresEventRows.instant(rs, column);
    }
}
