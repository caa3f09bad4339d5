package dev.lightfast.store.sqlite;

import dev.lightfast.core.graph.GraphRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The graph's rows in SQLite for one tenant, inside the transaction that applies a page: the
 * writer's lookups as point queries (in process, each costs microseconds) and its rows as JDBC
 * batches, one per table. Entities are named by their number ({@code entities.n}) in the rows that
 * cite and relate them; the numbers met in a page are looked up once.
 */
final class SqliteGraphRows implements GraphRows {
    private final Connection c;
    private final String tenant;
    /** Entity id to number, for the ids this page has met. */
    private final Map<String, Long> numbers = new HashMap<>();

    private PreparedStatement numberQuery;

    SqliteGraphRows(Connection c, String tenant) {
        this.c = c;
        this.tenant = tenant;
    }

    @Override
    public Map<String, String> merges() {
        try {
            return SqliteGraphStore.loadMerges(c, tenant, Long.MAX_VALUE);
        } catch (SQLException e) {
            throw failed("reading merges", e);
        }
    }

    @Override
    public Map<Edge, Long> openStretches(Collection<Edge> edges) {
        Map<Edge, Long> found = new HashMap<>();
        try (var st = c.prepareStatement("SELECT recorded_seq FROM relations"
                + " WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND ended_seq IS NULL")) {
            st.setString(1, tenant);
            for (Edge edge : edges) {
                Long from = number(edge.from());
                Long to = number(edge.to());
                if (from == null || to == null) {
                    continue; // an entity not stored yet has no relations
                }
                st.setLong(2, from);
                st.setString(3, edge.type());
                st.setLong(4, to);
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        found.put(edge, rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("reading open relations", e);
        }
        return found;
    }

    /** The entity's number, or null if it is not stored. */
    private Long number(String id) throws SQLException {
        Long n = numbers.get(id);
        if (n != null) {
            return n;
        }
        if (numberQuery == null) {
            // Prepared once per page: preparing cost more than the lookup itself.
            numberQuery = c.prepareStatement("SELECT n FROM entities WHERE tenant_id = ? AND id = ?");
            numberQuery.setString(1, tenant);
        }
        numberQuery.setString(2, id);
        try (var rs = numberQuery.executeQuery()) {
            if (rs.next()) {
                n = rs.getLong(1);
                numbers.put(id, n);
            }
        }
        return n;
    }

    /** The number of an entity this page has stored. */
    private long stored(String id) throws SQLException {
        Long n = number(id);
        if (n == null) {
            throw new IllegalStateException("entity " + id + " was not written before the rows naming it");
        }
        return n;
    }

    @Override
    public Map<AliasKey, String> aliasOwners(Collection<AliasKey> aliases) {
        Map<AliasKey, String> found = new HashMap<>();
        try (var st = c.prepareStatement(
                "SELECT entity_id FROM alias_owners WHERE tenant_id = ? AND kind = ? AND value = ?")) {
            st.setString(1, tenant);
            for (AliasKey alias : aliases) {
                st.setString(2, alias.kind());
                st.setString(3, alias.value());
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        found.put(alias, rs.getString(1));
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
        try (var st = c.prepareStatement("SELECT first_seq FROM entities WHERE tenant_id = ? AND id = ?")) {
            st.setString(1, tenant);
            for (String id : entityIds) {
                st.setString(2, id);
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        found.put(id, rs.getLong(1));
                    }
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
            try (var st =
                    c.prepareStatement("INSERT INTO graph_events (tenant_id, seq, event_id, type, url, occurred_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var r : changes.events()) {
                    st.setString(1, tenant);
                    st.setLong(2, r.seq());
                    st.setString(3, r.eventId());
                    st.setString(4, r.type());
                    st.setString(5, r.url());
                    st.setLong(6, EpochMicros.of(r.occurredAt()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            // Entities first: the rows below name them by the number a new one gets here.
            try (var st = c.prepareStatement("""
          INSERT INTO entities (tenant_id, id, kind, key, name, first_seq, last_seq, first_seen, last_seen)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (tenant_id, id) DO UPDATE SET
            last_seq = excluded.last_seq,
            last_seen = max(last_seen, excluded.last_seen),
            name = CASE WHEN excluded.name <> excluded.key THEN excluded.name ELSE name END""")) {
                for (var r : changes.entities()) {
                    st.setString(1, tenant);
                    st.setString(2, r.id());
                    st.setString(3, r.kind());
                    st.setString(4, r.key());
                    st.setString(5, r.name());
                    st.setLong(6, r.firstSeq());
                    st.setLong(7, r.lastSeq());
                    st.setLong(8, EpochMicros.of(r.firstSeen()));
                    st.setLong(9, EpochMicros.of(r.lastSeen()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("""
          INSERT INTO entity_attributes (tenant_id, entity_id, seq, valid_from, attributes) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (tenant_id, entity_id, seq) DO UPDATE SET attributes = excluded.attributes""")) {
                for (var r : changes.attributes()) {
                    st.setString(1, tenant);
                    st.setLong(2, stored(r.entityId()));
                    st.setLong(3, r.seq());
                    st.setLong(4, EpochMicros.of(r.validFrom()));
                    st.setString(5, r.json());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("INSERT INTO entity_events (tenant_id, entity_id, seq, occurred_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var r : changes.entityCitations()) {
                    st.setString(1, tenant);
                    st.setLong(2, stored(r.entityId()));
                    st.setLong(3, r.seq());
                    st.setLong(4, EpochMicros.of(r.occurredAt()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("INSERT INTO relations"
                    + " (tenant_id, from_id, type, to_id, recorded_seq, valid_from, valid_to, ended_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var r : changes.stretches()) {
                    st.setString(1, tenant);
                    st.setLong(2, stored(r.from()));
                    st.setString(3, r.type());
                    st.setLong(4, stored(r.to()));
                    st.setLong(5, r.recordedSeq());
                    st.setLong(6, EpochMicros.of(r.validFrom()));
                    setNullable(st, 7, r.validTo() == null ? null : EpochMicros.of(r.validTo()));
                    setNullable(st, 8, r.endedSeq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("UPDATE relations SET valid_to = ?, ended_seq = ?"
                    + " WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND recorded_seq = ?")) {
                for (var r : changes.ends()) {
                    st.setLong(1, EpochMicros.of(r.validTo()));
                    st.setLong(2, r.endedSeq());
                    st.setString(3, tenant);
                    st.setLong(4, stored(r.from()));
                    st.setString(5, r.type());
                    st.setLong(6, stored(r.to()));
                    st.setLong(7, r.recordedSeq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement(
                    "INSERT INTO relation_citations (tenant_id, from_id, type, to_id, recorded_seq, seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var r : changes.relationCitations()) {
                    st.setString(1, tenant);
                    st.setLong(2, stored(r.from()));
                    st.setString(3, r.type());
                    st.setLong(4, stored(r.to()));
                    st.setLong(5, r.recordedSeq());
                    st.setLong(6, r.seq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement(
                    "INSERT INTO entity_aliases (tenant_id, entity_id, kind, value, evidence, event_id, seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var r : changes.aliases()) {
                    st.setString(1, tenant);
                    st.setString(2, r.entityId());
                    st.setString(3, r.kind());
                    st.setString(4, r.value());
                    st.setString(5, r.evidence());
                    st.setString(6, r.eventId());
                    st.setLong(7, r.seq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement(
                    "INSERT INTO alias_owners (tenant_id, kind, value, entity_id) VALUES (?, ?, ?, ?)")) {
                for (var r : changes.aliasOwners()) {
                    st.setString(1, tenant);
                    st.setString(2, r.kind());
                    st.setString(3, r.value());
                    st.setString(4, r.entityId());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("INSERT INTO entity_merges"
                    + " (tenant_id, merged_id, into_id, alias_kind, alias_value, evidence, event_id, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var r : changes.merges()) {
                    st.setString(1, tenant);
                    st.setString(2, r.mergedId());
                    st.setString(3, r.intoId());
                    st.setString(4, r.aliasKind());
                    st.setString(5, r.aliasValue());
                    st.setString(6, r.evidence());
                    st.setString(7, r.eventId());
                    st.setLong(8, r.seq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            if (numberQuery != null) {
                numberQuery.close(); // write is the page's last call
                numberQuery = null;
            }
        } catch (SQLException e) {
            throw failed("writing graph rows", e);
        }
    }

    private static void setNullable(PreparedStatement st, int i, Long value) throws SQLException {
        if (value == null) {
            st.setNull(i, java.sql.Types.INTEGER);
        } else {
            st.setLong(i, value);
        }
    }

    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " of tenant " + tenant + " failed", e);
    }
}
