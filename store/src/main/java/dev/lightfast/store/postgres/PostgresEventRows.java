package dev.lightfast.store.postgres;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.body.RawBodyCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** Maps events and deliveries to and from rows; structured fields are json columns. */
final class PostgresEventRows {
    static final String EVENT_COLUMNS =
            "seq, id, source, type, occurred_at, observed_at, actor, subjects, title, body, attributes, url, "
                    + "delivery_id, causes, idempotency_key";
    static final String INSERT_EVENT = "INSERT INTO events (tenant_id, " + EVENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?, ?, ?::json, ?, ?, ?::json, ?)";

    static final String DELIVERY_COLUMNS =
            "id, source, connection_id, delivery_key, event_name, headers, body, received_at, body_sha256, body_codec";
    /** One row of values for {@code INSERT INTO deliveries (tenant_id, DELIVERY_COLUMNS)}. */
    static final String DELIVERY_VALUES = "(?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?)";

    static final String INSERT_DELIVERY =
            "INSERT INTO deliveries (tenant_id, " + DELIVERY_COLUMNS + ") VALUES " + DELIVERY_VALUES;

    private static final TypeReference<List<EntityRef>> SUBJECTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private static final TypeReference<List<String>> CAUSES = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private PostgresEventRows() {}

    /** JSON columns of an event, serialized on the caller's thread so the writers spend their time on SQL. */
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

    static void bindEvent(PreparedStatement st, Event e, Serialized s) throws SQLException {
        int i = 1;
        st.setString(i++, e.tenant().value());
        st.setLong(i++, e.seq());
        st.setString(i++, e.id());
        st.setString(i++, e.source());
        st.setString(i++, e.type());
        st.setObject(i++, time(e.occurredAt()));
        st.setObject(i++, time(e.observedAt()));
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

    static Event readEvent(TenantId tenant, ResultSet rs) throws SQLException {
        var json = Json.MAPPER;
        String actor = rs.getString("actor");
        return new Event(
                rs.getString("id"),
                tenant,
                rs.getLong("seq"),
                rs.getString("source"),
                rs.getString("type"),
                instant(rs, "occurred_at"),
                instant(rs, "observed_at"),
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

    static void bindDelivery(PreparedStatement st, RawDelivery d, String headersJson) throws SQLException {
        bindDelivery(st, 0, d, headersJson, bodySha256(d), RawBodyCodec.shared().encode(d.source(), d.body()));
    }

    /** What {@code body_sha256} keeps: the body's digest for a delivery through a connection, else nothing. */
    static byte[] bodySha256(RawDelivery d) {
        return d.connectionId() == null ? null : IncomingDelivery.sha256(d.body());
    }

    /** Binds one row of {@link #DELIVERY_VALUES} after the first {@code at} parameters; returns where it ended. */
    static int bindDelivery(
            PreparedStatement st,
            int at,
            RawDelivery d,
            String headersJson,
            byte[] bodySha256,
            RawBodyCodec.Encoded body)
            throws SQLException {
        int i = at + 1;
        st.setString(i++, d.tenant().value());
        st.setString(i++, d.id());
        st.setString(i++, d.source());
        st.setString(i++, d.connectionId());
        st.setString(i++, d.deliveryKey());
        st.setString(i++, d.eventName());
        st.setString(i++, headersJson);
        st.setBytes(i++, body.bytes());
        st.setObject(i++, time(d.receivedAt()));
        st.setBytes(i++, bodySha256);
        st.setInt(i, body.codec());
        return i;
    }

    static RawDelivery readDelivery(TenantId tenant, ResultSet rs) throws SQLException {
        return new RawDelivery(
                rs.getString("id"),
                tenant,
                rs.getString("source"),
                rs.getString("connection_id"),
                rs.getString("delivery_key"),
                rs.getString("event_name"),
                Json.MAPPER.readValue(rs.getString("headers"), HEADERS),
                RawBodyCodec.shared().decode(rs.getInt("body_codec"), rs.getBytes("body")),
                instant(rs, "received_at"));
    }

    /**
     * timestamptz keeps microseconds and would round finer times; cutting them off here keeps every
     * store's answer the same (SQLite's epoch microseconds cut too).
     */
    static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
