package dev.lightfast.core.answer;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.reading.Reader;
import dev.lightfast.core.reading.Reading;
import dev.lightfast.core.reading.TimeWindow;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a question from the log, the graph and the index, in three steps: the {@link Reader}
 * reads it and links what it names to the graph; the {@link Planner} walks typed paths from those
 * anchors to the values asked for; the {@link Writer} ranks the events that establish them and
 * states the answer from cited fields only. Search by meaning and words supplies the rest of the
 * evidence, within the question's time window and the reading point.
 */
public final class Answerer {
    public static final int MAX_EVIDENCE = 20;
    private static final int HITS = 20;
    /** Graph-cited events that make a search for more evidence unnecessary once the graph answered. */
    private static final int ENOUGH_EVIDENCE = 1;

    private final Search search;
    private final EventLog log;
    private final Reader reader;
    private final Planner planner;
    private final Writer writer;

    public Answerer(Search search, GraphStore graph, EventLog log) {
        this(search, graph, log, null);
    }

    /** With a prose writer (a language model), whose cited sentences replace the extractive summary. */
    public Answerer(Search search, GraphStore graph, EventLog log, ProseWriter prose) {
        this(search, graph, log, prose, null);
    }

    /**
     * With a prose writer (may be null) and the why-chain, which answers "why" and "what caused"
     * questions with the ordered causal chain (null: those questions list what the thing connects to).
     */
    public Answerer(
            Search search, GraphStore graph, EventLog log, ProseWriter prose, dev.lightfast.core.why.WhyChains why) {
        this.search = search;
        this.log = log;
        this.reader = new Reader(graph, search, log);
        this.planner = new Planner(graph, log, why);
        this.writer = new Writer(log, prose);
    }

    /** The reader this answerer uses, for anything else that reads questions the same way. */
    public Reader reader() {
        return reader;
    }

    public Answer answer(TenantId tenant, String text, AsOf asOf, int limit) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(
                    "question is required: ask in plain words, e.g. \"who reviewed the PR that fixed #12?\"");
        }
        if (text.length() > SearchQuery.MAX_TEXT) {
            throw new InvalidInput("question is longer than " + SearchQuery.MAX_TEXT + " characters");
        }
        if (limit < 1 || limit > MAX_EVIDENCE) {
            throw new InvalidInput("limit must be between 1 and " + MAX_EVIDENCE);
        }
        Instant now = present(tenant, asOf);
        Reading reading = reader.read(tenant, text, asOf, now);
        Findings findings = planner.plan(tenant, reading, asOf);
        // A described thing was searched for already, and its hits are cited: one search is enough.
        // Nor is a search needed when the graph answered with enough cited events, or cited more
        // than the answer shows: its hits rank below every graph-cited event. (Search is most of an
        // answer's cost.)
        boolean answered = !findings.values.isEmpty() && findings.evidence.size() >= ENOUGH_EVIDENCE;
        List<SearchHit> hits = reading.descriptions().isEmpty() && findings.evidence.size() < limit && !answered
                ? hits(tenant, text, reading.question().window(), asOf)
                : List.of();
        return writer.write(tenant, findings, hits, limit, now);
    }

    /** Search evidence: within the question's window and never past the reading point, seq or time. */
    private List<SearchHit> hits(TenantId tenant, String text, TimeWindow window, AsOf asOf) {
        Instant from = window.from();
        Instant to = window.to();
        if (asOf.time() != null) {
            Instant limit = asOf.time().plusMillis(1);
            to = to == null || limit.isBefore(to) ? limit : to;
        }
        if (from != null && to != null && !from.isBefore(to)) {
            return List.of();
        }
        return search.search(
                tenant, new SearchQuery(text, HITS, SearchMode.HYBRID, null, null, null, null, from, to, asOf.seq()));
    }

    /**
     * Events Lightfast writes about itself (rules judged, intents planned, an operator's claims and
     * identity links) happen at the wall clock's time; they must not move "now" for a question about
     * the team's work, or a replayed history that ended weeks ago would read as all in the past.
     */
    private static final java.util.Set<String> OWN_SOURCES = java.util.Set.of(
            dev.lightfast.core.act.ActEvents.SOURCE,
            dev.lightfast.core.rule.RuleEvents.SOURCE,
            dev.lightfast.core.identity.IdentityAssertion.SOURCE,
            dev.lightfast.core.claim.OperatorClaims.SOURCE);

    private static final int PRESENT_PAGE = 50;
    private static final int PRESENT_PAGES = 20;

    /**
     * The newest time of the team's own events at or before {@code last}, looking back a few pages;
     * the newest of any event when the tail is all Lightfast's own.
     */
    private Instant latestTeamTime(TenantId tenant, long last) {
        Instant any = null;
        long upTo = last;
        for (int p = 0; p < PRESENT_PAGES && upTo > 0; p++) {
            long after = Math.max(0, upTo - PRESENT_PAGE);
            Instant team = null;
            for (Event e :
                    log.read(tenant, EventQuery.all(PRESENT_PAGE).after(after)).events()) {
                if (e.seq() > upTo) {
                    continue;
                }
                if (any == null || e.occurredAt().isAfter(any)) {
                    any = e.occurredAt();
                }
                if (!OWN_SOURCES.contains(e.source())
                        && (team == null || e.occurredAt().isAfter(team))) {
                    team = e.occurredAt();
                }
            }
            if (team != null) {
                return team;
            }
            upTo = after;
        }
        return any;
    }

    /** The present of a tenant's log as of one seq, kept until the log moves on. */
    private record Present(long seq, Instant latest) {}

    private final Map<TenantId, Present> presents = new ConcurrentHashMap<>();

    /** The latest time in the log as of the reading point: "last week" means the week before it. */
    private Instant present(TenantId tenant, AsOf asOf) {
        long last = asOf.seq() != null ? Math.min(asOf.seq(), log.lastSeq(tenant)) : log.lastSeq(tenant);
        Present known = presents.get(tenant);
        Instant latest;
        if (known != null && known.seq == last) {
            latest = known.latest;
        } else {
            latest = latestTeamTime(tenant, last);
            if (asOf.seq() == null) {
                presents.put(tenant, new Present(last, latest));
            }
        }
        if (asOf.time() != null && (latest == null || latest.isAfter(asOf.time()))) {
            latest = asOf.time();
        }
        return latest == null ? Instant.now() : latest;
    }
}
