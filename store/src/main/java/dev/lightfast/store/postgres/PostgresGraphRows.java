package dev.lightfast.store.postgres;

import dev.lightfast.core.graph.GraphRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The graph's rows in PostgreSQL for one tenant, inside the transaction that holds its checkpoint
 * lease. Every lookup and every table's rows go as one statement over arrays ({@code unnest}), so a
 * page of events costs a round trip per table, not per row. Times travel as microseconds since the
 * epoch and become {@code timestamptz} in the statement, exactly.
 */
final class PostgresGraphRows implements GraphRows {
    private static final String TIME = "'epoch'::timestamptz + interval '1 microsecond' * ";

    private final Connection c;
    private final String tenant;

    PostgresGraphRows(Connection c, String tenant) {
        this.c = c;
        this.tenant = tenant;
    }

    @Override
    public Map<String, String> merges() {
        try {
            return PostgresGraphStore.loadMerges(c, tenant, Long.MAX_VALUE);
        } catch (SQLException e) {
            throw failed("reading merges", e);
        }
    }

    @Override
    public Map<Edge, Long> openStretches(Collection<Edge> edges) {
        Map<Edge, Long> found = new HashMap<>();
        // A probe of the primary key per edge. As a join, the planner (which cannot see the array's
        // length in a generic plan) read every open relation of the tenant instead, a cost that grew
        // with the graph.
        try (var st = c.prepareStatement("SELECT k.f, k.t, k.o, (SELECT r.recorded_seq FROM relations r"
                + " WHERE r.tenant_id = ? AND r.from_id = k.f AND r.type = k.t AND r.to_id = k.o"
                + " AND r.ended_seq IS NULL LIMIT 1)"
                + " FROM unnest(?::text[], ?::text[], ?::text[]) AS k (f, t, o)")) {
            st.setString(1, tenant);
            st.setArray(2, texts(edges, Edge::from));
            st.setArray(3, texts(edges, Edge::type));
            st.setArray(4, texts(edges, Edge::to));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    long recorded = rs.getLong(4);
                    if (!rs.wasNull()) {
                        found.put(new Edge(rs.getString(1), rs.getString(2), rs.getString(3)), recorded);
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("reading open relations", e);
        }
        return found;
    }

    @Override
    public Map<AliasKey, String> aliasOwners(Collection<AliasKey> aliases) {
        Map<AliasKey, String> found = new HashMap<>();
        try (var st = c.prepareStatement("SELECT k.kind, k.value, (SELECT a.entity_id FROM alias_owners a"
                + " WHERE a.tenant_id = ? AND a.kind = k.kind AND a.value = k.value)"
                + " FROM unnest(?::text[], ?::text[]) AS k (kind, value)")) {
            st.setString(1, tenant);
            st.setArray(2, texts(aliases, AliasKey::kind));
            st.setArray(3, texts(aliases, AliasKey::value));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(3) != null) {
                        found.put(new AliasKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("reading alias owners", e);
        }
        return found;
    }

    @Override
    public Map<String, Long> firstSeqs(Collection<String> entityIds) {
        Map<String, Long> found = new HashMap<>();
        try (var st =
                c.prepareStatement("SELECT id, first_seq FROM entities WHERE tenant_id = ? AND id = ANY (?::text[])")) {
            st.setString(1, tenant);
            st.setArray(2, texts(entityIds, id -> id));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw failed("reading entities", e);
        }
        return found;
    }

    @Override
    public void write(Changes changes) {
        try {
            var events = changes.events();
            insert(
                    events,
                    "INSERT INTO graph_events (tenant_id, seq, event_id, type, url, occurred_at)"
                            + " SELECT ?, k.seq, k.event_id, k.type, k.url, " + TIME + "k.at"
                            + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                            + " AS k (seq, event_id, type, url, at) ON CONFLICT DO NOTHING",
                    st -> {
                        st.setArray(2, longs(events, EventRow::seq));
                        st.setArray(3, texts(events, EventRow::eventId));
                        st.setArray(4, texts(events, EventRow::type));
                        st.setArray(5, texts(events, EventRow::url));
                        st.setArray(6, longs(events, r -> micros(r.occurredAt())));
                    });
            var entities = changes.entities();
            insert(
                    entities,
                    "INSERT INTO entities (tenant_id, id, kind, key, name, first_seq, last_seq, first_seen, last_seen)"
                            + " SELECT ?, k.id, k.kind, k.key, k.name, k.first_seq, k.last_seq, " + TIME
                            + "k.first_seen, " + TIME + "k.last_seen"
                            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],"
                            + " ?::bigint[], ?::bigint[])"
                            + " AS k (id, kind, key, name, first_seq, last_seq, first_seen, last_seen)"
                            + " ON CONFLICT (tenant_id, id) DO UPDATE SET"
                            + " last_seq = excluded.last_seq,"
                            + " last_seen = GREATEST(entities.last_seen, excluded.last_seen),"
                            + " name = CASE WHEN excluded.name <> excluded.key THEN excluded.name ELSE entities.name END",
                    st -> {
                        st.setArray(2, texts(entities, EntityRow::id));
                        st.setArray(3, texts(entities, EntityRow::kind));
                        st.setArray(4, texts(entities, EntityRow::key));
                        st.setArray(5, texts(entities, EntityRow::name));
                        st.setArray(6, longs(entities, EntityRow::firstSeq));
                        st.setArray(7, longs(entities, EntityRow::lastSeq));
                        st.setArray(8, longs(entities, r -> micros(r.firstSeen())));
                        st.setArray(9, longs(entities, r -> micros(r.lastSeen())));
                    });
            var attributes = changes.attributes();
            insert(
                    attributes,
                    "INSERT INTO entity_attributes (tenant_id, entity_id, seq, valid_from, attributes)"
                            + " SELECT ?, k.entity_id, k.seq, " + TIME + "k.valid_from, k.attributes::json"
                            + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[])"
                            + " AS k (entity_id, seq, valid_from, attributes)"
                            + " ON CONFLICT (tenant_id, entity_id, seq) DO UPDATE SET attributes = excluded.attributes",
                    st -> {
                        st.setArray(2, texts(attributes, AttributesRow::entityId));
                        st.setArray(3, longs(attributes, AttributesRow::seq));
                        st.setArray(4, longs(attributes, r -> micros(r.validFrom())));
                        st.setArray(5, texts(attributes, AttributesRow::json));
                    });
            var cited = changes.entityCitations();
            insert(
                    cited,
                    "INSERT INTO entity_events (tenant_id, entity_id, seq, occurred_at)"
                            + " SELECT ?, k.entity_id, k.seq, " + TIME + "k.at"
                            + " FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS k (entity_id, seq, at)"
                            + " ON CONFLICT DO NOTHING",
                    st -> {
                        st.setArray(2, texts(cited, EntityCitation::entityId));
                        st.setArray(3, longs(cited, EntityCitation::seq));
                        st.setArray(4, longs(cited, r -> micros(r.occurredAt())));
                    });
            var stretches = changes.stretches();
            insert(
                    stretches,
                    "INSERT INTO relations (tenant_id, from_id, type, to_id, recorded_seq, valid_from, valid_to,"
                            + " ended_seq) SELECT ?, k.f, k.t, k.o, k.recorded, " + TIME + "k.valid_from, " + TIME
                            + "k.valid_to, k.ended"
                            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],"
                            + " ?::bigint[]) AS k (f, t, o, recorded, valid_from, valid_to, ended)",
                    st -> {
                        st.setArray(2, texts(stretches, StretchRow::from));
                        st.setArray(3, texts(stretches, StretchRow::type));
                        st.setArray(4, texts(stretches, StretchRow::to));
                        st.setArray(5, longs(stretches, StretchRow::recordedSeq));
                        st.setArray(6, longs(stretches, r -> micros(r.validFrom())));
                        st.setArray(7, longs(stretches, r -> r.validTo() == null ? null : micros(r.validTo())));
                        st.setArray(8, longs(stretches, StretchRow::endedSeq));
                    });
            var ends = changes.ends();
            if (!ends.isEmpty()) {
                // Few (a review request withdrawn, an assignee removed): one update each, sent together.
                try (var st = c.prepareStatement("UPDATE relations SET valid_to = " + TIME + "?, ended_seq = ?"
                        + " WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND recorded_seq = ?")) {
                    for (var r : ends) {
                        st.setLong(1, micros(r.validTo()));
                        st.setLong(2, r.endedSeq());
                        st.setString(3, tenant);
                        st.setString(4, r.from());
                        st.setString(5, r.type());
                        st.setString(6, r.to());
                        st.setLong(7, r.recordedSeq());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }
            var citations = changes.relationCitations();
            insert(
                    citations,
                    "INSERT INTO relation_citations (tenant_id, from_id, type, to_id, recorded_seq, seq)"
                            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])"
                            + " ON CONFLICT DO NOTHING",
                    st -> {
                        st.setArray(2, texts(citations, RelationCitation::from));
                        st.setArray(3, texts(citations, RelationCitation::type));
                        st.setArray(4, texts(citations, RelationCitation::to));
                        st.setArray(5, longs(citations, RelationCitation::recordedSeq));
                        st.setArray(6, longs(citations, RelationCitation::seq));
                    });
            var aliases = changes.aliases();
            insert(
                    aliases,
                    "INSERT INTO entity_aliases (tenant_id, entity_id, kind, value, evidence, event_id, seq)"
                            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::bigint[]) ON CONFLICT DO NOTHING",
                    st -> {
                        st.setArray(2, texts(aliases, AliasRow::entityId));
                        st.setArray(3, texts(aliases, AliasRow::kind));
                        st.setArray(4, texts(aliases, AliasRow::value));
                        st.setArray(5, texts(aliases, AliasRow::evidence));
                        st.setArray(6, texts(aliases, AliasRow::eventId));
                        st.setArray(7, longs(aliases, AliasRow::seq));
                    });
            var owners = changes.aliasOwners();
            insert(
                    owners,
                    "INSERT INTO alias_owners (tenant_id, kind, value, entity_id)"
                            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[])",
                    st -> {
                        st.setArray(2, texts(owners, AliasOwnerRow::kind));
                        st.setArray(3, texts(owners, AliasOwnerRow::value));
                        st.setArray(4, texts(owners, AliasOwnerRow::entityId));
                    });
            var merges = changes.merges();
            insert(
                    merges,
                    "INSERT INTO entity_merges"
                            + " (tenant_id, merged_id, into_id, alias_kind, alias_value, evidence, event_id, seq)"
                            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::text[], ?::bigint[])",
                    st -> {
                        st.setArray(2, texts(merges, MergeRow::mergedId));
                        st.setArray(3, texts(merges, MergeRow::intoId));
                        st.setArray(4, texts(merges, MergeRow::aliasKind));
                        st.setArray(5, texts(merges, MergeRow::aliasValue));
                        st.setArray(6, texts(merges, MergeRow::evidence));
                        st.setArray(7, texts(merges, MergeRow::eventId));
                        st.setArray(8, longs(merges, MergeRow::seq));
                    });
        } catch (SQLException e) {
            throw failed("writing graph rows", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    /** One statement for all rows of a table, the tenant its first parameter; nothing if no rows. */
    private void insert(List<?> rows, String sql, Binder binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var st = c.prepareStatement(sql)) {
            st.setString(1, tenant);
            binder.bind(st);
            st.executeUpdate();
        }
    }

    private <T> java.sql.Array texts(Collection<T> rows, Function<T, String> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).toArray());
    }

    private <T> java.sql.Array longs(Collection<T> rows, Function<T, Long> column) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(column).toArray(Long[]::new));
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " of tenant " + tenant + " failed", e);
    }
}
