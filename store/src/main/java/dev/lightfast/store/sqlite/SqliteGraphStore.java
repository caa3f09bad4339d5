package dev.lightfast.store.sqlite;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.GraphWriter;
import dev.lightfast.core.graph.PersonMerges;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/**
 * The graph in the embedded database. Writes come from one projector per process, a batch per
 * transaction; reads fold attribute versions and relation stretches as of the requested point.
 */
final class SqliteGraphStore implements GraphStore {
    private static final int ENTITY_CITATIONS = 10;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DataSource ds;

    SqliteGraphStore(DataSource ds) {
        this.ds = ds;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void apply(TenantId tenant, List<Projected> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long checkpoint = checkpoint(c, tenant.value());
                long last = GraphWriter.apply(new SqliteGraphRows(c, tenant.value()), checkpoint, batch);
                if (last > checkpoint) {
                    try (var st = c.prepareStatement("""
              INSERT INTO graph_checkpoints (tenant_id, seq) VALUES (?, ?)
              ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq""")) {
                        st.setString(1, tenant.value());
                        st.setLong(2, last);
                        st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("applying graph facts for tenant " + tenant + " failed", e);
        }
    }

    private static long checkpoint(Connection c, String tenant) throws SQLException {
        try (var st = c.prepareStatement("SELECT seq FROM graph_checkpoints WHERE tenant_id = ?")) {
            st.setString(1, tenant);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public long checkpoint(TenantId tenant) {
        try (var c = ds.getConnection()) {
            return checkpoint(c, tenant.value());
        } catch (SQLException e) {
            throw new IllegalStateException("reading graph checkpoint failed", e);
        }
    }

    @Override
    public void reset(TenantId tenant) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : List.of(
                        "graph_checkpoints",
                        "graph_events",
                        "entities",
                        "entity_attributes",
                        "entity_events",
                        "relations",
                        "relation_citations",
                        "entity_aliases",
                        "alias_owners",
                        "entity_merges")) {
                    try (var st = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                        st.setString(1, tenant.value());
                        st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("resetting the graph of " + tenant + " failed", e);
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public Optional<Entity> entity(TenantId tenant, String entityId, AsOf asOf) {
        try (var c = ds.getConnection()) {
            var merges = loadMerges(c, tenant.value(), maxSeq(asOf));
            return read(c, tenant.value(), PersonMerges.canonical(merges, entityId), merges, asOf);
        } catch (SQLException e) {
            throw new IllegalStateException("reading entity " + entityId + " failed", e);
        }
    }

    private Optional<Entity> read(Connection c, String tenant, String id, Map<String, String> merges, AsOf asOf)
            throws SQLException {
        String kind;
        String key;
        String name;
        long firstSeq;
        Instant firstSeen;
        try (var st = c.prepareStatement(
                "SELECT kind, key, name, first_seq, first_seen FROM entities WHERE tenant_id = ? AND id = ?")) {
            st.setString(1, tenant);
            st.setString(2, id);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                kind = rs.getString(1);
                key = rs.getString(2);
                name = rs.getString(3);
                firstSeq = rs.getLong(4);
                firstSeen = EpochMicros.toInstant(rs.getLong(5));
            }
        }
        Set<String> members = PersonMerges.members(merges, id);
        String in = placeholders(members.size());
        String numbers = numbers(members.size());
        long max = maxSeq(asOf);
        long maxTime = maxTime(asOf);
        // First sighting of any member, as of the reading point.
        long seenSeq = Long.MAX_VALUE;
        Instant seen = null;
        try (var st = c.prepareStatement(
                "SELECT min(seq), min(occurred_at) FROM entity_events WHERE tenant_id = ? AND entity_id IN (" + numbers
                        + ") AND seq <= ? AND occurred_at <= ?")) {
            int i = bindNumbers(st, 1, tenant, members);
            st.setLong(i++, max);
            st.setLong(i, maxTime);
            try (var rs = st.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    seenSeq = rs.getLong(1);
                    seen = EpochMicros.toInstant(rs.getLong(2));
                }
            }
        }
        if (seen == null) {
            return Optional.empty(); // not yet known at that point
        }
        Map<String, Object> attributes = new TreeMap<>();
        try (var st =
                c.prepareStatement("SELECT attributes FROM entity_attributes WHERE tenant_id = ? AND entity_id IN ("
                        + numbers + ") AND seq <= ? AND valid_from <= ? ORDER BY seq")) {
            int i = bindNumbers(st, 1, tenant, members);
            st.setLong(i++, max);
            st.setLong(i, maxTime);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    attributes.putAll(Json.MAPPER.readValue(rs.getString(1), MAP));
                }
            }
        }
        List<Entity.AliasEvidence> aliases = new ArrayList<>();
        try (var st =
                c.prepareStatement("SELECT kind, value, evidence, event_id FROM entity_aliases WHERE tenant_id = ?"
                        + " AND entity_id IN (" + in + ") AND seq <= ? ORDER BY seq, kind, value")) {
            int i = bind(st, 1, tenant, members);
            st.setLong(i, max);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    aliases.add(new Entity.AliasEvidence(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Citation> recent = new ArrayList<>();
        long lastSeq = seenSeq;
        Instant lastSeen = seen;
        try (var st = c.prepareStatement("SELECT g.event_id, g.seq, g.type, g.url, g.occurred_at FROM entity_events e"
                + " JOIN graph_events g ON g.tenant_id = e.tenant_id AND g.seq = e.seq WHERE e.tenant_id = ?"
                + " AND e.entity_id IN (" + numbers
                + ") AND e.seq <= ? AND e.occurred_at <= ? ORDER BY e.seq DESC LIMIT ?")) {
            int i = bindNumbers(st, 1, tenant, members);
            st.setLong(i++, max);
            st.setLong(i++, maxTime);
            st.setInt(i, ENTITY_CITATIONS);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    var citation = citation(rs);
                    recent.add(citation);
                    lastSeq = Math.max(lastSeq, citation.seq());
                    if (citation.occurredAt().isAfter(lastSeen)) {
                        lastSeen = citation.occurredAt();
                    }
                }
            }
        }
        List<String> mergedIds =
                members.stream().filter(m -> !m.equals(id)).sorted().toList();
        return Optional.of(new Entity(
                id,
                kind,
                key,
                name,
                attributes,
                aliases,
                mergedIds.isEmpty() ? null : mergedIds,
                seen.isBefore(firstSeen) ? seen : firstSeen,
                lastSeen,
                Math.min(firstSeq, seenSeq),
                lastSeq,
                recent));
    }

    @Override
    public List<Relation> relations(TenantId tenant, String entityId, AsOf asOf, Set<String> types) {
        try (var c = ds.getConnection()) {
            var merges = loadMerges(c, tenant.value(), maxSeq(asOf));
            Set<String> members = PersonMerges.members(merges, PersonMerges.canonical(merges, entityId));
            String numbers = numbers(members.size());
            long max = maxSeq(asOf);
            long maxTime = maxTime(asOf);
            String typeFilter = types.isEmpty() ? "" : " AND r.type IN (" + placeholders(types.size()) + ")";
            record Key(String from, String type, String to, long recorded) {}
            // validFrom, validTo (-1), endedSeq (-1), the seq of the event that ended it even if later (-1),
            // and the numbers of from and to
            Map<Key, long[]> stretches = new LinkedHashMap<>();
            for (String column : List.of("from_id", "to_id")) {
                try (var st = c.prepareStatement("SELECT f.id, r.type, t.id, r.recorded_seq, r.valid_from, r.valid_to,"
                        + " r.ended_seq, r.from_id, r.to_id FROM relations r JOIN entities f ON f.n = r.from_id"
                        + " JOIN entities t ON t.n = r.to_id WHERE r.tenant_id = ? AND r." + column + " IN ("
                        + numbers + ")" + typeFilter
                        + " AND r.recorded_seq <= ? AND r.valid_from <= ? ORDER BY r.recorded_seq")) {
                    int i = bindNumbers(st, 1, tenant.value(), members);
                    for (String t : types) {
                        st.setString(i++, t);
                    }
                    st.setLong(i++, max);
                    st.setLong(i, maxTime);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            long endedSeq = rs.getObject(7) == null ? -1 : rs.getLong(7);
                            long endCitation = endedSeq;
                            long validTo = rs.getObject(6) == null ? -1 : rs.getLong(6);
                            // An end learned after the reading point (or later in the world) is not visible yet.
                            if (endedSeq > max || validTo > maxTime) {
                                endedSeq = -1;
                                validTo = -1;
                            }
                            stretches.putIfAbsent(
                                    new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                                    new long[] {
                                        rs.getLong(5), validTo, endedSeq, endCitation, rs.getLong(8), rs.getLong(9)
                                    });
                        }
                    }
                }
            }
            List<Relation> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (var cite = c.prepareStatement(
                    // The events that opened and ended the stretch, and those that asserted it again.
                    "SELECT g.event_id, g.seq, g.type, g.url, g.occurred_at FROM graph_events g"
                            + " WHERE g.tenant_id = ? AND g.seq <= ? AND g.seq IN (SELECT ? UNION SELECT ? UNION"
                            + " SELECT r.seq FROM relation_citations r WHERE r.tenant_id = ? AND r.from_id = ?"
                            + " AND r.type = ? AND r.to_id = ? AND r.recorded_seq = ?) ORDER BY g.seq")) {
                for (var s : stretches.entrySet()) {
                    Key k = s.getKey();
                    String from = PersonMerges.canonical(merges, k.from());
                    String to = PersonMerges.canonical(merges, k.to());
                    if (from.equals(to) || !seen.add(from + "|" + k.type() + "|" + to + "|" + k.recorded())) {
                        continue;
                    }
                    long[] v = s.getValue();
                    cite.setString(1, tenant.value());
                    cite.setLong(2, max);
                    cite.setLong(3, k.recorded());
                    cite.setLong(4, v[3]);
                    cite.setString(5, tenant.value());
                    cite.setLong(6, v[4]);
                    cite.setString(7, k.type());
                    cite.setLong(8, v[5]);
                    cite.setLong(9, k.recorded());
                    List<Citation> citations = new ArrayList<>();
                    try (var rs = cite.executeQuery()) {
                        while (rs.next()) {
                            citations.add(citation(rs));
                        }
                    }
                    out.add(new Relation(
                            k.type(),
                            from,
                            to,
                            EpochMicros.toInstant(v[0]),
                            v[1] < 0 ? null : EpochMicros.toInstant(v[1]),
                            k.recorded(),
                            v[2] < 0 ? null : v[2],
                            citations));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading relations of " + entityId + " failed", e);
        }
    }

    @Override
    public List<Citation> timeline(TenantId tenant, String entityId, AsOf asOf, long after, int limit) {
        try (var c = ds.getConnection()) {
            var merges = loadMerges(c, tenant.value(), maxSeq(asOf));
            Set<String> members = PersonMerges.members(merges, PersonMerges.canonical(merges, entityId));
            try (var st =
                    c.prepareStatement("SELECT g.event_id, g.seq, g.type, g.url, g.occurred_at FROM entity_events e"
                            + " JOIN graph_events g ON g.tenant_id = e.tenant_id AND g.seq = e.seq"
                            + " WHERE e.tenant_id = ? AND e.entity_id IN (" + numbers(members.size())
                            + ") AND e.seq > ? AND e.seq <= ?"
                            + " AND e.occurred_at <= ? GROUP BY e.seq ORDER BY e.seq LIMIT ?")) {
                int i = bindNumbers(st, 1, tenant.value(), members);
                st.setLong(i++, after);
                st.setLong(i++, maxSeq(asOf));
                st.setLong(i++, maxTime(asOf));
                st.setInt(i, limit);
                List<Citation> out = new ArrayList<>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(citation(rs));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the timeline of " + entityId + " failed", e);
        }
    }

    @Override
    public List<Entity> find(TenantId tenant, String text, String kind, int limit) {
        String like = "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        try (var c = ds.getConnection();
                var st = c.prepareStatement("SELECT id FROM entities WHERE tenant_id = ?"
                        + " AND (lower(name) LIKE ? ESCAPE '\\' OR lower(key) LIKE ? ESCAPE '\\')"
                        + (kind == null ? "" : " AND kind = ?") + " ORDER BY last_seq DESC, id LIMIT ?")) {
            st.setString(1, tenant.value());
            st.setString(2, like);
            st.setString(3, like);
            int i = 4;
            if (kind != null) {
                st.setString(i++, kind);
            }
            st.setInt(i, limit * 2);
            List<String> ids = new ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            var merges = loadMerges(c, tenant.value(), Long.MAX_VALUE);
            Map<String, Entity> found = new LinkedHashMap<>();
            for (String id : ids) {
                String canonical = PersonMerges.canonical(merges, id);
                if (found.size() < limit && !found.containsKey(canonical)) {
                    read(c, tenant.value(), canonical, merges, AsOf.NOW).ifPresent(en -> found.put(canonical, en));
                }
            }
            return List.copyOf(found.values());
        } catch (SQLException e) {
            throw new IllegalStateException("finding entities failed", e);
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    static Map<String, String> loadMerges(Connection c, String tenant, long maxSeq) throws SQLException {
        Map<String, String> merges = new HashMap<>();
        try (var st =
                c.prepareStatement("SELECT merged_id, into_id FROM entity_merges WHERE tenant_id = ? AND seq <= ?")) {
            st.setString(1, tenant);
            st.setLong(2, maxSeq);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    merges.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return merges;
    }

    private static long maxSeq(AsOf asOf) {
        return asOf.seq() == null ? Long.MAX_VALUE : asOf.seq();
    }

    private static long maxTime(AsOf asOf) {
        return asOf.time() == null ? Long.MAX_VALUE : EpochMicros.of(asOf.time());
    }

    private static Citation citation(ResultSet rs) throws SQLException {
        return new Citation(
                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), EpochMicros.toInstant(rs.getLong(5)));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
    /** A subquery answering the numbers of {@code n} entity ids (bound by {@link #bindNumbers}). */
    private static String numbers(int n) {
        return "SELECT n FROM entities WHERE tenant_id = ? AND id IN (" + placeholders(n) + ")";
    }

    /** Binds the tenant of the outer query, then the subquery's tenant and ids. */
    private static int bindNumbers(PreparedStatement st, int first, String tenant, Collection<String> ids)
            throws SQLException {
        st.setString(first, tenant);
        return bind(st, first + 1, tenant, ids);
    }

    private static int bind(PreparedStatement st, int first, String tenant, Collection<String> ids)
            throws SQLException {
        int i = first;
        st.setString(i++, tenant);
        for (String id : ids) {
            st.setString(i++, id);
        }
        return i;
    }
}
