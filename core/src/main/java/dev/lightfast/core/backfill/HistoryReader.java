package dev.lightfast.core.backfill;

import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import java.util.List;

/**
 * One tool's history read through its API: a page at a time from a cursor, each object turned into
 * the delivery and events its webhook would have made (by the connector's own normalizers). A
 * reader paces itself by the tool's rate limits and waits them out.
 */
public interface HistoryReader {

    String provider();

    /** What to read and with what. */
    record Request(
            String apiBase, String token, Instant since, Instant until, List<String> what, List<String> repositories) {}

    /**
     * One object as a delivery: {@code deliveryKey} names the object and its state, so reading it
     * again stores nothing new.
     */
    record Backfilled(String deliveryKey, String eventName, byte[] body, List<EventDraft> events) {}

    /**
     * @param nextCursor where to go on, null when the history is read
     * @param total how many objects the whole history has, when the tool says
     * @param retries calls that failed on the way and were tried again
     */
    record Page(List<Backfilled> objects, String nextCursor, Long total, int retries) {}

    /**
     * @param cursor null to start
     * @param now the time of observation given to the events
     * @throws BackfillFailed when the history cannot be read (a refused token, a missing repository)
     * @throws InterruptedException when the job is cancelled while waiting out a limit
     */
    Page read(Request request, String cursor, Instant now) throws InterruptedException;
}
