package dev.lightfast.core.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What share of a tenant's work is observed and linked: per connection its deliveries, events per
 * day and refused webhooks; across tools how many events are about something another tool's events
 * are linked to, and the largest groups that are not. Every count that names work cites events.
 *
 * @param graphCheckpoint how far the graph has read the log; links are read from the graph, so
 *     events after it count as unlinked until it catches up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageReport(
        Window window, long lastSeq, long graphCheckpoint, List<ConnectionCoverage> connections, Linking linking) {

    /** The days the per-day counts and the linking cover: {@code [from, to)}. */
    public record Window(Instant from, Instant to, int days) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectionCoverage(
            String id,
            String provider,
            Instant createdAt,
            LastDelivery lastDelivery,
            long deliveries,
            long eventsInWindow,
            List<DayCount> eventsPerDay,
            WebhookFailures.Seen webhookFailures) {}

    public record LastDelivery(String id, Instant at, String event) {}

    public record DayCount(LocalDate day, long events) {}

    /**
     * @param share linked / events, 0 when there are no events
     * @param truncated the window held more events or entities than one report reads; the counts
     *     cover the newest ones read
     */
    public record Linking(
            long events,
            long linked,
            double share,
            List<ToolLinking> byTool,
            List<UnlinkedGroup> unlinked,
            boolean truncated) {}

    /** One tool's events in the window and how many are linked to another tool's work. */
    public record ToolLinking(String tool, long events, long linked, double share, List<LinkExample> examples) {}

    /**
     * One linked thing, with the edge that links it and the event that asserted the edge.
     *
     * @param eventId an event of the window about {@code entity}
     */
    public record LinkExample(
            String eventId, String entity, String relation, String linkedTo, String linkedTool, Citation citation) {}

    /**
     * Events of one tool about one kind of thing that nothing from another tool is linked to: where
     * a team is not yet observing, or not yet naming the work across tools.
     *
     * @param kind the kind of the event's main subject, {@code none} for events about no specific thing
     */
    public record UnlinkedGroup(String tool, String kind, long events, long entities, List<Citation> examples) {}

    static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
