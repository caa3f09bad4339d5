package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures.Fixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GithubFixturesTest {

    @Test
    void index_lists_exactly_the_example_files() throws IOException, URISyntaxException {
        Path root = Path.of(GithubFixtures.class
                        .getClassLoader()
                        .getResource("github/index.txt")
                        .toURI())
                .getParent();
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        assertThat(GithubFixtures.index()).isSorted().containsExactlyElementsOf(onDisk);
    }

    @Test
    void all_examples_load_with_event_and_action_from_their_names() {
        List<Fixture> all = GithubFixtures.all();

        assertThat(all).hasSize(329);
        assertThat(all.stream().map(Fixture::event).distinct()).hasSize(58);
        assertThat(all).allSatisfy(f -> assertThat(f.body()).isNotEmpty());
        Fixture closed = GithubFixtures.get("pull_request/03-closed.json");
        assertThat(closed.event()).isEqualTo("pull_request");
        assertThat(closed.action()).isEqualTo("closed");
        assertThat(GithubFixtures.get("push/00.json").action()).isNull();
        assertThat(GithubFixtures.get("repository_dispatch/00-on-demand-test.json")
                        .action())
                .isEqualTo("on-demand-test");
    }

    @Test
    void signed_headers_carry_githubs_names_and_a_valid_signature() {
        Fixture f = GithubFixtures.get("push/04.json");

        var headers = GithubFixtures.signedHeaders(f, "s3cret", "d-1");

        assertThat(headers)
                .containsEntry("X-GitHub-Event", "push")
                .containsEntry("X-GitHub-Delivery", "d-1")
                .containsEntry("Content-Type", "application/json")
                .containsKey("User-Agent");
        assertThat(headers.get("User-Agent")).startsWith("GitHub-Hookshot/");
        assertThat(headers.get("X-Hub-Signature-256")).matches("sha256=[0-9a-f]{64}");
    }
}
