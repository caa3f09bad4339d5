package dev.lightfast.store.sqlite;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** Maps events to and from rows of the {@code events} table; structured fields are JSON text. */
final class EventRows {
    static final String COLUMNS =
            "seq, id, source, type, occurred_at, observed_at, actor, subjects, title, body, attributes, url, "
                    + "delivery_id, causes, idempotency_key";
    static final String INSERT = "INSERT INTO events (tenant_id, " + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant_id, source, idempotency_key) DO NOTHING";

    private static final TypeReference<List<EntityRef>> SUBJECTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private static final TypeReference<List<String>> CAUSES = new TypeReference<>() {};

    private EventRows() {}

    /** JSON columns of an event, serialized on the caller's thread to keep the single writer busy only with SQL. */
    record Serialized(String actor, String subjects, String attributes, String causes) {
        static Serialized of(Event e) {
            var json = Json.MAPPER;
            return new Serialized(
                    e.actor() == null ? null : json.writeValueAsString(e.actor()),
                    json.writeValueAsString(e.subjects()),
                    json.writeValueAsString(e.attributes()),
                    json.writeValueAsString(e.causes()));
        }
    }

    static void bindInsert(PreparedStatement st, Event e, Serialized s) throws SQLException {
        int i = 1;
        st.setString(i++, e.tenant().value());
        st.setLong(i++, e.seq());
        st.setString(i++, e.id());
        st.setString(i++, e.source());
        st.setString(i++, e.type());
        st.setLong(i++, EpochMicros.of(e.occurredAt()));
        st.setLong(i++, EpochMicros.of(e.observedAt()));
        st.setString(i++, s.actor());
        st.setString(i++, s.subjects());
        st.setString(i++, e.title());
        st.setString(i++, e.body());
        st.setString(i++, s.attributes());
        st.setString(i++, e.url());
        st.setString(i++, e.rawRef());
        st.setString(i++, s.causes());
        st.setString(i, e.idempotencyKey());
    }

    static Event read(TenantId tenant, ResultSet rs) throws SQLException {
        var json = Json.MAPPER;
        String actor = rs.getString("actor");
        return new Event(
                rs.getString("id"),
                tenant,
                rs.getLong("seq"),
                rs.getString("source"),
                rs.getString("type"),
                EpochMicros.toInstant(rs.getLong("occurred_at")),
                EpochMicros.toInstant(rs.getLong("observed_at")),
                actor == null ? null : json.readValue(actor, EntityRef.class),
                json.readValue(rs.getString("subjects"), SUBJECTS),
                rs.getString("title"),
                rs.getString("body"),
                json.readValue(rs.getString("attributes"), ATTRIBUTES),
                rs.getString("url"),
                rs.getString("delivery_id"),
                json.readValue(rs.getString("causes"), CAUSES),
                rs.getString("idempotency_key"));
    }
}
