package dev.lightfast.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void a_line_says_done_of_total_the_rate_and_the_time_left() {
        var p = new Progress("rebuild acme: graph", "events", 10_000, nanos::get);
        p.advance(2_500);
        nanos.set(5_000_000_000L); // 5 s for a quarter: 500 events/s, 15 s left
        assertThat(p.line()).isEqualTo("rebuild acme: graph: 2,500 of 10,000 events (25.0%), 500 events/s, 15 s left");
        assertThat(p.left()).hasSeconds(15);
    }

    @Test
    void an_unknown_total_gives_a_count_and_a_rate_only() {
        var p = new Progress("ingest", "deliveries", -1, nanos::get);
        p.advance(30);
        nanos.set(2_000_000_000L);
        assertThat(p.line()).isEqualTo("ingest: 30 deliveries, 15 deliveries/s");
        assertThat(p.left()).isNull();
    }

    @Test
    void the_closing_line_says_how_much_in_how_long() {
        var p = new Progress("copy acme", "records", 4, nanos::get);
        p.advance(4);
        nanos.set(3_723_000_000_000L); // 1 h 2 min 3 s
        assertThat(p.doneLine()).isEqualTo("copy acme: 4 records in 1 h 2 min (0 records/s)");
    }

    @Test
    void nothing_done_yet_has_no_rate_and_no_time_left() {
        var p = new Progress("x", "events", 100, nanos::get);
        assertThat(p.rate()).isZero();
        assertThat(p.line()).isEqualTo("x: 0 of 100 events (0.0%), 0 events/s");
    }

    @Test
    void a_periodic_report_writes_at_most_one_line_per_interval_and_always_the_last() {
        var lines = new ArrayList<String>();
        var report = ProgressReport.everySeconds(5, lines::add, nanos::get);
        var p = new Progress("x", "events", 100, nanos::get);
        for (int second = 1; second <= 12; second++) {
            nanos.set(second * 1_000_000_000L);
            p.advance(5);
            report.update(p);
        }
        report.finish(p);
        assertThat(lines).hasSize(3); // at 5 s, at 10 s, and the closing line
        assertThat(lines.get(0)).startsWith("x: 25 of 100 events");
        assertThat(lines.get(2)).startsWith("x: 60 events in 12 s");
    }
}
