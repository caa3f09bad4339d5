package dev.lightfast.store.postgres;

import static dev.lightfast.store.postgres.PostgresEventRows.instant;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.GraphWriter;
import dev.lightfast.core.graph.PersonMerges;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;

/**
 * The graph in PostgreSQL, shared by every server process: the embedded store's tables and
 * semantics ({@code SqliteGraphStore}), each call one transaction scoped to its tenant.
 *
 * <p>Several processes may project the same tenant at once. A batch is applied only by the
 * transaction that holds the tenant's checkpoint row ({@code FOR UPDATE SKIP LOCKED}): the lease
 * lasts as long as that transaction, so a process that dies mid-batch loses its lease and its
 * half-written batch together. A process that finds the row held returns without applying; the
 * holder is applying the same events. Under the lease the checkpoint is read again, so events
 * another process applied meanwhile are skipped. A holder that stops talking to the database
 * mid-batch (a stalled JVM, a network partition the socket has not noticed) loses the lease after
 * {@link #LEASE_EXPIRY}: the database ends its session (docs/decisions/0005-postgresql.md).
 */
final class PostgresGraphStore implements GraphStore {
    private static final System.Logger LOG = System.getLogger(PostgresGraphStore.class.getName());
    private static final int ENTITY_CITATIONS = 10;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** Every table of the graph, the checkpoint first: deleting it waits for a batch in progress. */
    private static final List<String> TABLES = List.of(
            "graph_checkpoints",
            "graph_events",
            "entities",
            "entity_attributes",
            "entity_events",
            "relations",
            "relation_citations",
            "entity_aliases",
            "alias_owners",
            "entity_merges");

    /**
     * How long a lease holder may go silent inside its batch before the database ends its session.
     * A batch is extracted before its transaction begins, so a live holder is never idle for long.
     */
    static final Duration LEASE_EXPIRY = Duration.ofSeconds(30);

    private final TenantScope scope;

    PostgresGraphStore(TenantScope scope) {
        this.scope = scope;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void apply(TenantId tenant, List<Projected> batch) {
        if (batch.isEmpty()) {
            return;
        }
        scope.inTenant(tenant, "applying graph facts for tenant " + tenant, c -> {
            OptionalLong lease = takeLease(c, tenant.value(), LEASE_EXPIRY);
            if (lease.isEmpty()) {
                return null; // another process is applying this tenant's log right now
            }
            long checkpoint = lease.getAsLong();
            long last = GraphWriter.apply(new PostgresGraphRows(c, tenant.value()), checkpoint, batch);
            if (last > checkpoint) {
                try (var st = c.prepareStatement("UPDATE graph_checkpoints SET seq = ? WHERE tenant_id = ?")) {
                    st.setLong(1, last);
                    st.setString(2, tenant.value());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Locks the tenant's checkpoint row for this transaction and answers the checkpoint, or nothing
     * when another transaction holds it. A tenant's first batch makes the row; a second process
     * doing the same at that moment waits for the first one's batch, then finds it applied. The
     * lease expires when its holder stays silent for {@code expiry} within the transaction.
     */
    static OptionalLong takeLease(Connection c, String tenant, Duration expiry) throws SQLException {
        TenantScope.expireIfSilent(c, expiry);
        OptionalLong lease = lockCheckpoint(c, tenant);
        if (lease.isPresent()) {
            return lease;
        }
        try (var st = c.prepareStatement(
                "INSERT INTO graph_checkpoints (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
            st.setString(1, tenant);
            st.executeUpdate();
        }
        return lockCheckpoint(c, tenant);
    }

    private static OptionalLong lockCheckpoint(Connection c, String tenant) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT seq FROM graph_checkpoints WHERE tenant_id = ? FOR UPDATE SKIP LOCKED")) {
            st.setString(1, tenant);
            try (var rs = st.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Reads the committed checkpoint; it does not wait for a batch in progress. */
    @Override
    public long checkpoint(TenantId tenant) {
        return scope.inTenant(tenant, "reading the graph checkpoint of " + tenant, c -> {
            try (var st = c.prepareStatement("SELECT seq FROM graph_checkpoints WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Deletes the checkpoint first, which waits for a batch in progress, then everything else. */
    @Override
    public void reset(TenantId tenant) {
        scope.inTenant(tenant, "resetting the graph of " + tenant, c -> {
            for (String table : TABLES) {
                try (var st = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    // ---- reads -------------------------------------------------------------------------------

    /** Where a read stands: the highest seq it sees and, unless reading now, the latest time. */
    private record Point(long seq, OffsetDateTime until) {
        static Point of(AsOf asOf) {
            return new Point(
                    asOf.seq() == null ? Long.MAX_VALUE : asOf.seq(),
                    asOf.time() == null ? null : PostgresEventRows.time(asOf.time()));
        }

        /** {@code " AND column <= ?"} when the read is bounded in time, else nothing. */
        String until(String column) {
            return until == null ? "" : " AND " + column + " <= ?";
        }

        /** Binds the time bound at {@code i} if there is one; answers the next parameter index. */
        int bindTime(PreparedStatement st, int i) throws SQLException {
            if (until != null) {
                st.setObject(i++, until);
            }
            return i;
        }

        boolean after(Instant t) {
            return until != null && t.isAfter(until.toInstant());
        }
    }

    @Override
    public Optional<Entity> entity(TenantId tenant, String entityId, AsOf asOf) {
        return scope.inTenant(tenant, "reading entity " + entityId, c -> {
            var point = Point.of(asOf);
            var merges = loadMerges(c, tenant.value(), point.seq());
            return read(c, tenant.value(), PersonMerges.canonical(merges, entityId), merges, point);
        });
    }

    private static Optional<Entity> read(Connection c, String tenant, String id, Map<String, String> merges, Point at)
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
                firstSeen = instant(rs, "first_seen");
            }
        }
        Set<String> members = PersonMerges.members(merges, id);
        Array ids = c.createArrayOf("text", members.toArray());
        // First sighting of any member, as of the reading point.
        long seenSeq = Long.MAX_VALUE;
        Instant seen = null;
        try (var st = c.prepareStatement("SELECT min(seq) AS seq, min(occurred_at) AS occurred_at FROM entity_events"
                + " WHERE tenant_id = ? AND entity_id = ANY (?) AND seq <= ?" + at.until("occurred_at"))) {
            st.setString(1, tenant);
            st.setArray(2, ids);
            st.setLong(3, at.seq());
            at.bindTime(st, 4);
            try (var rs = st.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    seenSeq = rs.getLong(1);
                    seen = instant(rs, "occurred_at");
                }
            }
        }
        if (seen == null) {
            return Optional.empty(); // not yet known at that point
        }
        Map<String, Object> attributes = new TreeMap<>();
        try (var st = c.prepareStatement(
                "SELECT attributes FROM entity_attributes" + " WHERE tenant_id = ? AND entity_id = ANY (?) AND seq <= ?"
                        + at.until("valid_from") + " ORDER BY seq")) {
            st.setString(1, tenant);
            st.setArray(2, ids);
            st.setLong(3, at.seq());
            at.bindTime(st, 4);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    attributes.putAll(Json.MAPPER.readValue(rs.getString(1), MAP));
                }
            }
        }
        List<Entity.AliasEvidence> aliases = new ArrayList<>();
        try (var st = c.prepareStatement("SELECT kind, value, evidence, event_id FROM entity_aliases"
                + " WHERE tenant_id = ? AND entity_id = ANY (?) AND seq <= ? ORDER BY seq, kind, value")) {
            st.setString(1, tenant);
            st.setArray(2, ids);
            st.setLong(3, at.seq());
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
                + " JOIN graph_events g ON g.tenant_id = e.tenant_id AND g.seq = e.seq"
                + " WHERE e.tenant_id = ? AND e.entity_id = ANY (?) AND e.seq <= ?" + at.until("e.occurred_at")
                + " ORDER BY e.seq DESC LIMIT ?")) {
            st.setString(1, tenant);
            st.setArray(2, ids);
            st.setLong(3, at.seq());
            st.setInt(at.bindTime(st, 4), ENTITY_CITATIONS);
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
        return scope.inTenant(tenant, "reading relations of " + entityId, c -> {
            var at = Point.of(asOf);
            var merges = loadMerges(c, tenant.value(), at.seq());
            Set<String> members = PersonMerges.members(merges, PersonMerges.canonical(merges, entityId));
            Array ids = c.createArrayOf("text", members.toArray());
            Array typeList = c.createArrayOf("text", types.toArray());
            record Key(String from, String type, String to, long recorded) {}
            /** {@code endCitation}: the seq of the event that ended it, even if after the reading point, or -1. */
            record Stretch(Instant validFrom, Instant validTo, Long endedSeq, long endCitation) {}
            Map<Key, Stretch> stretches = new LinkedHashMap<>();
            for (String column : List.of("from_id", "to_id")) {
                try (var st =
                        c.prepareStatement("SELECT from_id, type, to_id, recorded_seq, valid_from, valid_to, ended_seq"
                                + " FROM relations WHERE tenant_id = ? AND " + column + " = ANY (?)"
                                + (types.isEmpty() ? "" : " AND type = ANY (?)") + " AND recorded_seq <= ?"
                                + at.until("valid_from")
                                + " ORDER BY recorded_seq")) {
                    int i = 1;
                    st.setString(i++, tenant.value());
                    st.setArray(i++, ids);
                    if (!types.isEmpty()) {
                        st.setArray(i++, typeList);
                    }
                    st.setLong(i++, at.seq());
                    at.bindTime(st, i);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            Long endedSeq = rs.getObject("ended_seq") == null ? null : rs.getLong("ended_seq");
                            long endCitation = endedSeq == null ? -1 : endedSeq;
                            Instant validTo = instant(rs, "valid_to");
                            // An end learned after the reading point (or later in the world) is not visible yet.
                            if ((endedSeq != null && endedSeq > at.seq()) || (validTo != null && at.after(validTo))) {
                                endedSeq = null;
                                validTo = null;
                            }
                            stretches.putIfAbsent(
                                    new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                                    new Stretch(instant(rs, "valid_from"), validTo, endedSeq, endCitation));
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
                    Stretch v = s.getValue();
                    cite.setString(1, tenant.value());
                    cite.setLong(2, at.seq());
                    cite.setLong(3, k.recorded());
                    cite.setLong(4, v.endCitation());
                    cite.setString(5, tenant.value());
                    cite.setString(6, k.from());
                    cite.setString(7, k.type());
                    cite.setString(8, k.to());
                    cite.setLong(9, k.recorded());
                    List<Citation> citations = new ArrayList<>();
                    try (var rs = cite.executeQuery()) {
                        while (rs.next()) {
                            citations.add(citation(rs));
                        }
                    }
                    out.add(new Relation(
                            k.type(), from, to, v.validFrom(), v.validTo(), k.recorded(), v.endedSeq(), citations));
                }
            }
            return out;
        });
    }

    @Override
    public List<Citation> timeline(TenantId tenant, String entityId, AsOf asOf, long after, int limit) {
        return scope.inTenant(tenant, "reading the timeline of " + entityId, c -> {
            var at = Point.of(asOf);
            var merges = loadMerges(c, tenant.value(), at.seq());
            Set<String> members = PersonMerges.members(merges, PersonMerges.canonical(merges, entityId));
            // One row per event: merged people may both be cited by it.
            try (var st =
                    c.prepareStatement("SELECT g.event_id, g.seq, g.type, g.url, g.occurred_at FROM graph_events g"
                            + " WHERE g.tenant_id = ? AND g.seq IN (SELECT e.seq FROM entity_events e WHERE e.tenant_id = ?"
                            + " AND e.entity_id = ANY (?) AND e.seq > ? AND e.seq <= ?" + at.until("e.occurred_at")
                            + ")"
                            + " ORDER BY g.seq LIMIT ?")) {
                st.setString(1, tenant.value());
                st.setString(2, tenant.value());
                st.setArray(3, c.createArrayOf("text", members.toArray()));
                st.setLong(4, after);
                st.setLong(5, at.seq());
                st.setInt(at.bindTime(st, 6), limit);
                List<Citation> out = new ArrayList<>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(citation(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Entity> find(TenantId tenant, String text, String kind, int limit) {
        String like = "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        return scope.inTenant(tenant, "finding entities", c -> {
            List<String> ids = new ArrayList<>();
            try (var st = c.prepareStatement("SELECT id FROM entities WHERE tenant_id = ?"
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
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            var merges = loadMerges(c, tenant.value(), Long.MAX_VALUE);
            Map<String, Entity> found = new LinkedHashMap<>();
            for (String id : ids) {
                String canonical = PersonMerges.canonical(merges, id);
                if (found.size() < limit && !found.containsKey(canonical)) {
                    read(c, tenant.value(), canonical, merges, Point.of(AsOf.NOW))
                            .ifPresent(en -> found.put(canonical, en));
                }
            }
            return List.copyOf(found.values());
        });
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

    private static Citation citation(ResultSet rs) throws SQLException {
        return new Citation(
                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, "occurred_at"));
    }
}
