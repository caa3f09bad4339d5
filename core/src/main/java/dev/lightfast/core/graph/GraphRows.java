package dev.lightfast.core.graph;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The graph's rows as a store keeps them, seen from {@link GraphWriter}: the few lookups its rules
 * need, asked for a whole page of events at once, and the rows the page adds or changes, written in
 * one go. A store implements it with its own SQL, bound to one tenant and to the transaction that
 * applies the page; the rules themselves live only in the writer.
 */
public interface GraphRows {

    /** An edge between two entities, whatever stretch of time. */
    record Edge(String from, String type, String to) {}

    /** A joining alias, the key of its owner. */
    record AliasKey(String kind, String value) {}

    /** Which person entities were merged into which ({@code merged -> into}), every merge so far. */
    Map<String, String> merges();

    /** The {@code recorded_seq} of each edge's open stretch (not ended), for those that have one. */
    Map<Edge, Long> openStretches(Collection<Edge> edges);

    /** The entity that first held each joining alias, for those held already. */
    Map<AliasKey, String> aliasOwners(Collection<AliasKey> aliases);

    /** The {@code first_seq} of each entity already stored. */
    Map<String, Long> firstSeqs(Collection<String> entityIds);

    /** Writes a page's rows; the store's transaction commits them with its checkpoint. */
    void write(Changes changes);

    /**
     * Everything a page of events adds or changes, each list at most one row per key (an entity
     * touched by many events of the page is one row).
     */
    record Changes(
            List<EventRow> events,
            List<EntityRow> entities,
            List<AttributesRow> attributes,
            List<EntityCitation> entityCitations,
            List<StretchRow> stretches,
            List<StretchEnd> ends,
            List<RelationCitation> relationCitations,
            List<AliasRow> aliases,
            List<AliasOwnerRow> aliasOwners,
            List<MergeRow> merges) {}

    /**
     * An event the graph cites, kept once: citations of entities and relations name only its seq.
     */
    record EventRow(long seq, String eventId, String type, String url, Instant occurredAt) {}

    /**
     * An entity seen in the page. Stored if new; otherwise {@code lastSeq} replaces the stored one,
     * {@code lastSeen} is the later of both, and {@code name} replaces the stored one only if it is not
     * the key (a label beats a bare key; first seen and first seq stay as stored).
     */
    record EntityRow(
            String id,
            String kind,
            String key,
            String name,
            long firstSeq,
            long lastSeq,
            Instant firstSeen,
            Instant lastSeen) {}

    /** Attribute values one event stated for an entity, as a JSON object. */
    record AttributesRow(String entityId, long seq, Instant validFrom, String json) {}

    /** The event at {@code seq}, which happened at {@code occurredAt}, is about the entity. */
    record EntityCitation(String entityId, long seq, Instant occurredAt) {}

    /**
     * A new stretch of an edge, recorded at {@code recordedSeq}; already ended if an event of the same
     * page ended it ({@code validTo} and {@code endedSeq} set), else open.
     */
    record StretchRow(
            String from, String type, String to, long recordedSeq, Instant validFrom, Instant validTo, Long endedSeq) {}

    /** The end of a stretch stored before this page. */
    record StretchEnd(String from, String type, String to, long recordedSeq, Instant validTo, long endedSeq) {}

    /**
     * The event at {@code seq} asserted the stretch again while it held. The events that opened and
     * ended a stretch cite it too, through its {@code recorded_seq} and {@code ended_seq}, without a
     * row of their own: most stretches are asserted once.
     */
    record RelationCitation(String from, String type, String to, long recordedSeq, long seq) {}

    /** An alias claim with its evidence; the first claim of an alias by an entity is kept. */
    record AliasRow(String entityId, String kind, String value, String evidence, String eventId, long seq) {}

    /** The entity that first held a joining alias. */
    record AliasOwnerRow(String kind, String value, String entityId) {}

    /** A person found to be another, from {@code seq}, because of the alias and its evidence. */
    record MergeRow(
            String mergedId,
            String intoId,
            String aliasKind,
            String aliasValue,
            String evidence,
            String eventId,
            long seq) {}
}
