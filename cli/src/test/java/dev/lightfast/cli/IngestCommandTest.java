package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    @TempDir
    Path tmp;

    private Path captures(int count) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("captures"));
        int n = 0;
        for (var f : GithubFixtures.all()) {
            if (n == count) {
                break;
            }
            var capture = new LinkedHashMap<String, Object>();
            capture.put("headers", Map.of("X-GitHub-Event", f.event(), "X-GitHub-Delivery", "cap-" + n));
            capture.put("body", Json.MAPPER.readTree(f.body()));
            Files.write(dir.resolve(String.format("%03d.json", n++)), Json.MAPPER.writeValueAsBytes(capture));
        }
        return dir;
    }

    @Test
    void replaysADirectoryOnceThroughTheWebhookPipeline() throws Exception {
        Path dir = captures(40);
        Path data = tmp.resolve("data");
        assertThat(Main.run(
                        "ingest",
                        "--provider",
                        "github",
                        "--tenant",
                        "acme",
                        "--data",
                        data.toString(),
                        dir.toString()))
                .isZero();
        long stored;
        try (var storage = SqliteStorage.open(data)) {
            var events = storage.eventLog()
                    .read(TenantId.of("acme"), EventQuery.all(1000))
                    .events();
            assertThat(events)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.source()).isEqualTo("github"));
            assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
            var raw = storage.eventLog()
                    .findRaw(TenantId.of("acme"), events.getFirst().rawRef())
                    .orElseThrow();
            assertThat(raw.deliveryKey()).isEqualTo("cap-0");
            stored = events.size();
        }
        // Replaying again stores nothing new.
        assertThat(Main.run(
                        "ingest",
                        "--provider",
                        "github",
                        "--tenant",
                        "acme",
                        "--data",
                        data.toString(),
                        dir.toString()))
                .isZero();
        try (var storage = SqliteStorage.open(data)) {
            assertThat(storage.eventLog().lastSeq(TenantId.of("acme"))).isEqualTo(stored);
        }
    }

    @Test
    void aBadCaptureIsSkippedAndReported() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"body\": {}}");
        Path data = tmp.resolve("data");
        assertThat(Main.run(
                        "ingest",
                        "--provider",
                        "github",
                        "--tenant",
                        "acme",
                        "--data",
                        data.toString(),
                        bad.toString()))
                .isEqualTo(1);
        assertThat(Main.run(
                        "ingest",
                        "--provider",
                        "gitlab",
                        "--tenant",
                        "acme",
                        "--data",
                        data.toString(),
                        bad.toString()))
                .isEqualTo(2);
    }
}
