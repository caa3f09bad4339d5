package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void the_demo_replays_the_whole_history_through_the_signed_webhook_endpoints() throws Exception {
    List<RecordedDelivery> history = RecordedDelivery.bundled();
    var out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit = Main.run("demo", "--port", "0", "--exit", "--data", tmp.resolve("demo").toString());
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();

    // Each tool is either replayed in full or skipped as a whole with its reason.
    for (String provider : history.stream().map(RecordedDelivery::provider).distinct().toList()) {
      long count = history.stream().filter(d -> d.provider().equals(provider)).count();
      assertThat(printed).containsPattern("(?m)^  " + provider + " +" + count + " deliveries (->|skipped: )");
    }
    assertThat(printed).contains("What happened after Tuesday's deploy?").contains("events stored");

    // Every GitHub delivery was accepted (a refusal fails the demo) and is in the log exactly once.
    List<Event> events = new ArrayList<>();
    try (var storage = SqliteStorage.open(tmp.resolve("demo"))) {
      var query = EventQuery.all(EventQuery.MAX_LIMIT);
      while (true) {
        var page = storage.eventLog().read(TenantId.of("demo"), query);
        events.addAll(page.events());
        if (!page.hasMore()) {
          break;
        }
        query = query.after(page.nextAfter());
      }
      Set<String> githubDeliveries = new HashSet<>();
      for (Event e : events) {
        if (e.source().equals("github")) {
          githubDeliveries.add(storage.eventLog().findRaw(TenantId.of("demo"), e.rawRef()).orElseThrow().deliveryKey());
        }
      }
      assertThat(githubDeliveries).containsExactlyInAnyOrderElementsOf(history.stream()
          .filter(d -> d.provider().equals("github")).map(RecordedDelivery::deliveryId).toList());
    }
    assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
    assertThat(events).extracting(Event::type).contains("github.pull_request.merged", "github.commit.pushed",
        "github.pull_request_review.submitted", "github.deployment_status.success", "github.deployment_status.failure",
        "github.issue.opened", "github.release.published", "github.check_run.completed");
  }
}
