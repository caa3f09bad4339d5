package dev.lightfast.store.sqlite;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.GraphStore;
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
import java.util.LinkedHashSet;
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
                var writer = new BatchWriter(c, tenant.value());
                long checkpoint = writer.checkpoint();
                long last = checkpoint;
                for (Projected p : batch) {
                    if (p.event().seq() <= last) {
                        continue;
                    }
                    writer.applyEvent(p.event(), p.facts());
                    last = p.event().seq();
                }
                if (last > checkpoint) {
                    writer.setCheckpoint(last);
                }
                writer.close();
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

    /** The statements of one write transaction, prepared once per batch. */
    private static final class BatchWriter implements AutoCloseable {
        private final String tenant;
        private final Map<String, String> mergedInto;
        private final PreparedStatement upsertEntity;
        private final PreparedStatement insertAttributes;
        private final PreparedStatement insertEntityEvent;
        private final PreparedStatement openRelation;
        private final PreparedStatement insertRelation;
        private final PreparedStatement endRelation;
        private final PreparedStatement insertCitation;
        private final PreparedStatement insertAlias;
        private final PreparedStatement findOwner;
        private final PreparedStatement insertOwner;
        private final PreparedStatement insertMerge;
        private final PreparedStatement firstSeq;
        private final Connection c;
        /** Entities already written for the event being applied: one upsert each is enough. */
        private final Set<String> upserted = new HashSet<>();

        private long upsertedFor = -1;
        /** Open stretches seen in this batch, so a hot edge (belongs_to a repository) is looked up once. */
        private final Map<String, Long> open = new HashMap<>();

        BatchWriter(Connection c, String tenant) throws SQLException {
            this.c = c;
            this.tenant = tenant;
            this.mergedInto = loadMerges(c, tenant, Long.MAX_VALUE);
            upsertEntity = c.prepareStatement("""
          INSERT INTO entities (tenant_id, id, kind, key, name, first_seq, last_seq, first_seen, last_seen)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (tenant_id, id) DO UPDATE SET
            last_seq = excluded.last_seq,
            last_seen = max(last_seen, excluded.last_seen),
            name = CASE WHEN excluded.name <> excluded.key THEN excluded.name ELSE name END""");
            insertAttributes = c.prepareStatement("""
          INSERT INTO entity_attributes (tenant_id, entity_id, seq, valid_from, attributes) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (tenant_id, entity_id, seq) DO UPDATE SET attributes = excluded.attributes""");
            insertEntityEvent = c.prepareStatement("""
          INSERT INTO entity_events (tenant_id, entity_id, seq, event_id, type, url, occurred_at)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            openRelation = c.prepareStatement("""
          SELECT recorded_seq FROM relations
          WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND ended_seq IS NULL""");
            insertRelation = c.prepareStatement("""
          INSERT INTO relations (tenant_id, from_id, type, to_id, recorded_seq, valid_from) VALUES (?, ?, ?, ?, ?, ?)""");
            endRelation = c.prepareStatement("""
          UPDATE relations SET valid_to = ?, ended_seq = ?
          WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND recorded_seq = ?""");
            insertCitation = c.prepareStatement("""
          INSERT INTO relation_citations
            (tenant_id, from_id, type, to_id, recorded_seq, seq, event_id, event_type, url, occurred_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            insertAlias = c.prepareStatement("""
          INSERT INTO entity_aliases (tenant_id, entity_id, kind, value, evidence, event_id, seq)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            findOwner = c.prepareStatement(
                    "SELECT entity_id FROM alias_owners WHERE tenant_id = ? AND kind = ? AND value = ?");
            insertOwner = c.prepareStatement(
                    "INSERT INTO alias_owners (tenant_id, kind, value, entity_id) VALUES (?, ?, ?, ?)");
            insertMerge = c.prepareStatement("""
          INSERT INTO entity_merges (tenant_id, merged_id, into_id, alias_kind, alias_value, evidence, event_id, seq)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
            firstSeq = c.prepareStatement("SELECT first_seq FROM entities WHERE tenant_id = ? AND id = ?");
        }

        long checkpoint() throws SQLException {
            try (var st = c.prepareStatement("SELECT seq FROM graph_checkpoints WHERE tenant_id = ?")) {
                st.setString(1, tenant);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }

        void setCheckpoint(long seq) throws SQLException {
            try (var st = c.prepareStatement("""
          INSERT INTO graph_checkpoints (tenant_id, seq) VALUES (?, ?)
          ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq""")) {
                st.setString(1, tenant);
                st.setLong(2, seq);
                st.executeUpdate();
            }
        }

        void applyEvent(Event e, List<GraphFact> facts) throws SQLException {
            Set<String> cited = new LinkedHashSet<>();
            Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();
            Map<String, Instant> attributesFrom = new HashMap<>();
            if (e.actor() != null) {
                cited.add(entity(e.actor(), e));
            }
            for (EntityRef s : e.subjects()) {
                cited.add(entity(s, e));
            }
            for (GraphFact fact : facts) {
                switch (fact) {
                    case GraphFact.Describes d -> {
                        String id = entity(d.entity(), e);
                        cited.add(id);
                        if (!d.attributes().isEmpty()) {
                            attributes.computeIfAbsent(id, k -> new TreeMap<>()).putAll(d.attributes());
                            attributesFrom.putIfAbsent(id, d.at());
                        }
                    }
                    case GraphFact.Relates r -> {
                        String from = entity(r.from(), e);
                        String to = entity(r.to(), e);
                        cited.add(from);
                        cited.add(to);
                        Long open = openStretch(from, r.type().wire(), to);
                        long recorded = open != null
                                ? open
                                : insertStretch(from, r.type().wire(), to, e.seq(), r.at());
                        cite(from, r.type().wire(), to, recorded, e);
                    }
                    case GraphFact.Ends end -> {
                        String from = entity(end.from(), e);
                        String to = entity(end.to(), e);
                        Long open = openStretch(from, end.type().wire(), to);
                        if (open != null) {
                            endRelation.setLong(1, EpochMicros.of(end.at()));
                            endRelation.setLong(2, e.seq());
                            endRelation.setString(3, tenant);
                            endRelation.setString(4, from);
                            endRelation.setString(5, end.type().wire());
                            endRelation.setString(6, to);
                            endRelation.setLong(7, open);
                            endRelation.executeUpdate();
                            this.open.put(from + "|" + end.type().wire() + "|" + to, null);
                            cite(from, end.type().wire(), to, open, e);
                        }
                    }
                    case GraphFact.Identifies i -> {
                        String person = entity(i.person(), e);
                        cited.add(person);
                        identify(person, i, e);
                    }
                }
            }
            for (var a : attributes.entrySet()) {
                insertAttributes.setString(1, tenant);
                insertAttributes.setString(2, a.getKey());
                insertAttributes.setLong(3, e.seq());
                insertAttributes.setLong(4, EpochMicros.of(attributesFrom.get(a.getKey())));
                insertAttributes.setString(5, Json.MAPPER.writeValueAsString(a.getValue()));
                insertAttributes.executeUpdate();
            }
            for (String id : cited) {
                insertEntityEvent.setString(1, tenant);
                insertEntityEvent.setString(2, id);
                insertEntityEvent.setLong(3, e.seq());
                insertEntityEvent.setString(4, e.id());
                insertEntityEvent.setString(5, e.type());
                insertEntityEvent.setString(6, e.url());
                insertEntityEvent.setLong(7, EpochMicros.of(e.occurredAt()));
                insertEntityEvent.executeUpdate();
            }
        }

        private String entity(EntityRef ref, Event e) throws SQLException {
            String id = EntityIds.of(ref);
            if (upsertedFor != e.seq()) {
                upserted.clear();
                upsertedFor = e.seq();
            }
            if (!upserted.add(id)) {
                return id;
            }
            upsertEntity.setString(1, tenant);
            upsertEntity.setString(2, id);
            upsertEntity.setString(3, ref.kind());
            upsertEntity.setString(4, ref.key());
            upsertEntity.setString(5, ref.label() == null || ref.label().isBlank() ? ref.key() : ref.label());
            upsertEntity.setLong(6, e.seq());
            upsertEntity.setLong(7, e.seq());
            upsertEntity.setLong(8, EpochMicros.of(e.occurredAt()));
            upsertEntity.setLong(9, EpochMicros.of(e.occurredAt()));
            upsertEntity.executeUpdate();
            return id;
        }

        private Long openStretch(String from, String type, String to) throws SQLException {
            String key = from + "|" + type + "|" + to;
            if (open.containsKey(key)) {
                return open.get(key);
            }
            Long found = lookupStretch(from, type, to);
            open.put(key, found);
            return found;
        }

        private Long lookupStretch(String from, String type, String to) throws SQLException {
            openRelation.setString(1, tenant);
            openRelation.setString(2, from);
            openRelation.setString(3, type);
            openRelation.setString(4, to);
            try (var rs = openRelation.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }

        private long insertStretch(String from, String type, String to, long seq, Instant at) throws SQLException {
            insertRelation.setString(1, tenant);
            insertRelation.setString(2, from);
            insertRelation.setString(3, type);
            insertRelation.setString(4, to);
            insertRelation.setLong(5, seq);
            insertRelation.setLong(6, EpochMicros.of(at));
            insertRelation.executeUpdate();
            open.put(from + "|" + type + "|" + to, seq);
            return seq;
        }

        private void cite(String from, String type, String to, long recorded, Event e) throws SQLException {
            insertCitation.setString(1, tenant);
            insertCitation.setString(2, from);
            insertCitation.setString(3, type);
            insertCitation.setString(4, to);
            insertCitation.setLong(5, recorded);
            insertCitation.setLong(6, e.seq());
            insertCitation.setString(7, e.id());
            insertCitation.setString(8, e.type());
            insertCitation.setString(9, e.url());
            insertCitation.setLong(10, EpochMicros.of(e.occurredAt()));
            insertCitation.executeUpdate();
        }

        /**
         * Records the alias; if a joining alias already belongs to another person, the later-seen
         * person is merged into the earlier one, with the alias and the evidence as the reason.
         */
        private void identify(String person, GraphFact.Identifies i, Event e) throws SQLException {
            insertAlias.setString(1, tenant);
            insertAlias.setString(2, person);
            insertAlias.setString(3, i.alias().kind());
            insertAlias.setString(4, i.alias().value());
            insertAlias.setString(5, i.evidence());
            insertAlias.setString(6, e.id());
            insertAlias.setLong(7, e.seq());
            insertAlias.executeUpdate();
            if (!i.alias().joins()) {
                return;
            }
            findOwner.setString(1, tenant);
            findOwner.setString(2, i.alias().kind());
            findOwner.setString(3, i.alias().value());
            String owner;
            try (var rs = findOwner.executeQuery()) {
                owner = rs.next() ? rs.getString(1) : null;
            }
            if (owner == null) {
                insertOwner.setString(1, tenant);
                insertOwner.setString(2, i.alias().kind());
                insertOwner.setString(3, i.alias().value());
                insertOwner.setString(4, person);
                insertOwner.executeUpdate();
                return;
            }
            String a = PersonMerges.canonical(mergedInto, owner);
            String b = PersonMerges.canonical(mergedInto, person);
            if (a.equals(b)) {
                return;
            }
            boolean aFirst = firstSeq(a) <= firstSeq(b);
            String into = aFirst ? a : b;
            String merged = aFirst ? b : a;
            insertMerge.setString(1, tenant);
            insertMerge.setString(2, merged);
            insertMerge.setString(3, into);
            insertMerge.setString(4, i.alias().kind());
            insertMerge.setString(5, i.alias().value());
            insertMerge.setString(6, i.evidence());
            insertMerge.setString(7, e.id());
            insertMerge.setLong(8, e.seq());
            insertMerge.executeUpdate();
            mergedInto.put(merged, into);
        }

        private long firstSeq(String id) throws SQLException {
            firstSeq.setString(1, tenant);
            firstSeq.setString(2, id);
            try (var rs = firstSeq.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
        }

        @Override
        public void close() throws SQLException {
            for (var st : List.of(
                    upsertEntity,
                    insertAttributes,
                    insertEntityEvent,
                    openRelation,
                    insertRelation,
                    endRelation,
                    insertCitation,
                    insertAlias,
                    findOwner,
                    insertOwner,
                    insertMerge,
                    firstSeq)) {
                st.close();
            }
        }
    }

    @Override
    public long checkpoint(TenantId tenant) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("SELECT seq FROM graph_checkpoints WHERE tenant_id = ?")) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
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
        long max = maxSeq(asOf);
        long maxTime = maxTime(asOf);
        // First sighting of any member, as of the reading point.
        long seenSeq = Long.MAX_VALUE;
        Instant seen = null;
        try (var st = c.prepareStatement(
                "SELECT min(seq), min(occurred_at) FROM entity_events WHERE tenant_id = ? AND entity_id IN (" + in
                        + ") AND seq <= ? AND occurred_at <= ?")) {
            int i = bind(st, 1, tenant, members);
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
                        + in + ") AND seq <= ? AND valid_from <= ? ORDER BY seq")) {
            int i = bind(st, 1, tenant, members);
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
        try (var st =
                c.prepareStatement("SELECT event_id, seq, type, url, occurred_at FROM entity_events WHERE tenant_id = ?"
                        + " AND entity_id IN (" + in
                        + ") AND seq <= ? AND occurred_at <= ? ORDER BY seq DESC LIMIT ?")) {
            int i = bind(st, 1, tenant, members);
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
            String in = placeholders(members.size());
            long max = maxSeq(asOf);
            long maxTime = maxTime(asOf);
            String typeFilter = types.isEmpty() ? "" : " AND type IN (" + placeholders(types.size()) + ")";
            record Key(String from, String type, String to, long recorded) {}
            Map<Key, long[]> stretches = new LinkedHashMap<>(); // validFrom, validTo(-1), endedSeq(-1)
            for (String column : List.of("from_id", "to_id")) {
                try (var st =
                        c.prepareStatement("SELECT from_id, type, to_id, recorded_seq, valid_from, valid_to, ended_seq"
                                + " FROM relations WHERE tenant_id = ? AND " + column + " IN (" + in + ")" + typeFilter
                                + " AND recorded_seq <= ? AND valid_from <= ? ORDER BY recorded_seq")) {
                    int i = bind(st, 1, tenant.value(), members);
                    for (String t : types) {
                        st.setString(i++, t);
                    }
                    st.setLong(i++, max);
                    st.setLong(i, maxTime);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            long endedSeq = rs.getObject(7) == null ? -1 : rs.getLong(7);
                            long validTo = rs.getObject(6) == null ? -1 : rs.getLong(6);
                            // An end learned after the reading point (or later in the world) is not visible yet.
                            if (endedSeq > max || validTo > maxTime) {
                                endedSeq = -1;
                                validTo = -1;
                            }
                            stretches.putIfAbsent(
                                    new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                                    new long[] {rs.getLong(5), validTo, endedSeq});
                        }
                    }
                }
            }
            List<Relation> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (var cite =
                    c.prepareStatement("SELECT event_id, seq, event_type, url, occurred_at FROM relation_citations"
                            + " WHERE tenant_id = ? AND from_id = ? AND type = ? AND to_id = ? AND recorded_seq = ? AND seq <= ?"
                            + " ORDER BY seq")) {
                for (var s : stretches.entrySet()) {
                    Key k = s.getKey();
                    String from = PersonMerges.canonical(merges, k.from());
                    String to = PersonMerges.canonical(merges, k.to());
                    if (from.equals(to) || !seen.add(from + "|" + k.type() + "|" + to + "|" + k.recorded())) {
                        continue;
                    }
                    cite.setString(1, tenant.value());
                    cite.setString(2, k.from());
                    cite.setString(3, k.type());
                    cite.setString(4, k.to());
                    cite.setLong(5, k.recorded());
                    cite.setLong(6, max);
                    List<Citation> citations = new ArrayList<>();
                    try (var rs = cite.executeQuery()) {
                        while (rs.next()) {
                            citations.add(citation(rs));
                        }
                    }
                    long[] v = s.getValue();
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
            try (var st = c.prepareStatement("SELECT event_id, seq, type, url, occurred_at FROM entity_events"
                    + " WHERE tenant_id = ? AND entity_id IN (" + placeholders(members.size())
                    + ") AND seq > ? AND seq <= ?"
                    + " AND occurred_at <= ? GROUP BY seq ORDER BY seq LIMIT ?")) {
                int i = bind(st, 1, tenant.value(), members);
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

    private static Map<String, String> loadMerges(Connection c, String tenant, long maxSeq) throws SQLException {
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
