package dev.lightfast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index on its own, with small hand-made vectors so that the vector results are predictable:
 * tenant isolation, filters, asOf, identifiers, and durable checkpoints.
 */
class LuceneSearchIndexTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Event event(TenantId tenant, long seq, String type, String title, String body, String sha) {
        return new Event(
                tenant.value() + "-" + seq,
                tenant,
                seq,
                "github",
                type,
                T0.plusSeconds(seq * 3600),
                T0,
                null,
                List.of(
                        EntityRef.of("repository", "github:acme/api", "acme/api"),
                        EntityRef.of("commit", "git:" + sha, sha.substring(0, 7))),
                title,
                body,
                Map.of(),
                "https://github.com/acme/api/" + seq,
                "d" + seq,
                List.of(),
                "k" + seq);
    }

    private static float[] vector(float... v) {
        float[] out = new float[OnnxEmbedder.DIMENSIONS];
        System.arraycopy(v, 0, out, 0, v.length);
        return out;
    }

    private static List<SearchIndex.Indexed> history(TenantId tenant) {
        return List.of(
                new SearchIndex.Indexed(
                        event(
                                tenant,
                                1,
                                "github.issue.opened",
                                "Checkout times out for large carts",
                                "Customers with more than 50 items see a 504.",
                                "aaaaaaa1111111111111111111111111111111111"),
                        vector(1, 0, 0)),
                new SearchIndex.Indexed(
                        event(
                                tenant,
                                2,
                                "github.pull_request.opened",
                                "Batch cart price lookups",
                                "One query instead of one per item.",
                                "bbbbbbb2222222222222222222222222222222222"),
                        vector(0.9f, 0.1f, 0)),
                new SearchIndex.Indexed(
                        event(
                                tenant,
                                3,
                                "github.release.published",
                                "Release v2.3.0",
                                "Dashboard dark mode.",
                                "ccccccc3333333333333333333333333333333333"),
                        vector(0, 0, 1)));
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::eventId).toList();
    }

    @Test
    void tenants_with_identical_texts_each_see_only_their_own_hits() {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.refresh();
            index.index(GLOBEX, history(GLOBEX));
            index.refresh();
            for (SearchMode mode : SearchMode.values()) {
                var q = SearchQuery.of("checkout times out", 10).withMode(mode);
                assertThat(ids(index.search(ACME, q, vector(1, 0, 0))))
                        .isNotEmpty()
                        .allMatch(id -> id.startsWith("acme-"));
                assertThat(ids(index.search(GLOBEX, q, vector(1, 0, 0))))
                        .isNotEmpty()
                        .allMatch(id -> id.startsWith("globex-"));
            }
            assertThat(index.search(TenantId.of("initech"), SearchQuery.of("checkout", 10), vector(1, 0, 0)))
                    .isEmpty();
        }
    }

    @Test
    void keyword_vector_and_hybrid_rank_as_expected_and_report_each_rank() {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.refresh();
            var keyword = index.search(ACME, SearchQuery.of("dark mode", 3).withMode(SearchMode.KEYWORD), null);
            assertThat(ids(keyword)).containsExactly("acme-3");
            var vector =
                    index.search(ACME, SearchQuery.of("slow basket", 3).withMode(SearchMode.VECTOR), vector(1, 0, 0));
            assertThat(ids(vector)).startsWith("acme-1", "acme-2");
            var hybrid = index.search(ACME, SearchQuery.of("cart", 3), vector(0.9f, 0.1f, 0));
            assertThat(hybrid.getFirst().eventId()).isEqualTo("acme-2");
            assertThat(hybrid.getFirst().keywordRank()).isNotNull();
            assertThat(hybrid.getFirst().vectorRank()).isEqualTo(1);
            assertThat(hybrid.getFirst().citations().getFirst().url()).isEqualTo("https://github.com/acme/api/2");
        }
    }

    /** 400 different words within the 2,000 characters q may have, as words, as identifiers and as CJK. */
    static java.util.stream.Stream<String> longQueries() {
        var words = new StringBuilder("checkout");
        var commaSeparated = new StringBuilder("checkout");
        var cjk = new StringBuilder("checkout ");
        for (int i = 0; words.length() < SearchQuery.MAX_TEXT - 5; i++) {
            words.append(' ').append(Integer.toString(i, 36));
            commaSeparated.append(',').append(Integer.toString(i, 36));
        }
        for (int i = 0; cjk.length() < SearchQuery.MAX_TEXT; i++) {
            cjk.append((char) (0x4E00 + i));
        }
        return java.util.stream.Stream.of(words.toString(), commaSeparated.toString(), cjk.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("longQueries")
    void a_query_of_hundreds_of_different_words_is_answered_not_refused_by_the_clause_limit(String q) {
        assertThat(q.length()).isLessThanOrEqualTo(SearchQuery.MAX_TEXT);
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.refresh();
            for (var mode : List.of(SearchMode.KEYWORD, SearchMode.HYBRID)) {
                var hits = index.search(ACME, SearchQuery.of(q, 5).withMode(mode), vector(1, 0, 0));
                assertThat(ids(hits)).as(mode.name()).contains("acme-1");
            }
        }
    }

    @Test
    void every_file_of_the_index_is_the_owners_alone_from_its_creation() throws Exception {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.commit();
            try (var files = java.nio.file.Files.list(dir)) {
                var all = files.filter(java.nio.file.Files::isRegularFile).toList();
                assertThat(all).hasSizeGreaterThan(2);
                for (var f : all) {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(f)))
                            .as(f.getFileName().toString())
                            .isEqualTo("rw-------");
                }
            }
        }
        try (var index = LuceneSearchIndex.open(dir)) {
            index.refresh();
            assertThat(ids(index.search(ACME, SearchQuery.of("dark mode", 3).withMode(SearchMode.KEYWORD), null)))
                    .containsExactly("acme-3");
        }
    }

    @Test
    void identifiers_filters_and_as_of_narrow_the_hits() {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.refresh();
            assertThat(ids(index.search(ACME, SearchQuery.of("bbbbbbb", 5).withMode(SearchMode.KEYWORD), null)))
                    .containsExactly("acme-2");
            var typed = new SearchQuery(
                    "cart", 5, SearchMode.KEYWORD, null, "github.pull_request.*", null, null, null, null, null);
            assertThat(ids(index.search(ACME, typed, null))).containsExactly("acme-2");
            var asOf = new SearchQuery("cart", 5, SearchMode.KEYWORD, null, null, null, null, null, null, 1L);
            assertThat(ids(index.search(ACME, asOf, null))).containsExactly("acme-1");
            var window = new SearchQuery(
                    "cart",
                    5,
                    SearchMode.KEYWORD,
                    null,
                    null,
                    null,
                    "github:acme/api",
                    T0.plusSeconds(2 * 3600),
                    null,
                    null);
            assertThat(ids(index.search(ACME, window, null))).containsExactly("acme-2");
        }
    }

    @Test
    void the_checkpoint_is_durable_with_the_documents_and_reindexing_is_skipped() {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, history(ACME));
            index.refresh();
            assertThat(index.checkpoint(ACME)).isEqualTo(3);
        }
        try (var index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint(ACME)).isEqualTo(3);
            index.index(ACME, history(ACME)); // already there: nothing is added twice
            index.refresh();
            assertThat(index.search(ACME, SearchQuery.of("cart", 10).withMode(SearchMode.KEYWORD), null))
                    .hasSize(2);
            index.reset(ACME);
            assertThat(index.checkpoint(ACME)).isZero();
            assertThat(index.search(ACME, SearchQuery.of("cart", 10).withMode(SearchMode.KEYWORD), null))
                    .isEmpty();
        }
    }

    private static Event message(long seq, String author, String text, List<String> causes) {
        return new Event(
                "chat-" + seq,
                ACME,
                seq,
                "chat",
                "chat.message.posted",
                Instant.parse("2023-05-08T13:56:00Z").plusSeconds(seq),
                T0,
                EntityRef.of("person", "chat:" + author.toLowerCase(java.util.Locale.ROOT), author),
                List.of(),
                author + ": " + text,
                text,
                Map.of(),
                null,
                "d" + seq,
                causes,
                "k" + seq);
    }

    @Test
    void a_message_is_found_by_the_words_of_its_exchange_once_indexed_again_with_it() {
        var question = message(1, "Caroline", "How long have you been married?", List.of());
        var answer = message(2, "Melanie", "Five years already, time flies!", List.of("chat-1"));
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, List.of(new SearchIndex.Indexed(question, vector(1, 0, 0))));
            index.refresh();
            assertThat(index.answered(ACME, "chat-1")).isFalse();
            var years = SearchQuery.of("years", 5).withMode(SearchMode.KEYWORD);
            assertThat(ids(index.search(ACME, years, null))).isEmpty();

            // The answer carries the question as context; the question is replaced by itself with
            // the answer, in the same step.
            index.index(
                    ACME,
                    List.of(new SearchIndex.Indexed(answer, vector(0, 1, 0), question.title())),
                    List.of(new SearchIndex.Indexed(question, vector(1, 0, 0), answer.title())));
            index.refresh();
            assertThat(index.answered(ACME, "chat-1")).isTrue();
            assertThat(index.answered(GLOBEX, "chat-1")).isFalse();
            assertThat(ids(index.search(ACME, years, null))).containsExactlyInAnyOrder("chat-1", "chat-2");
            assertThat(ids(index.search(ACME, SearchQuery.of("married", 5).withMode(SearchMode.KEYWORD), null)))
                    .containsExactlyInAnyOrder("chat-1", "chat-2");
            assertThat(index.search(ACME, SearchQuery.of("married", 5).withMode(SearchMode.KEYWORD), null))
                    .as("replaced, not added twice")
                    .hasSize(2);
            assertThat(index.checkpoint(ACME)).isEqualTo(2);
        }
    }

    @Test
    void an_event_is_found_by_its_date_in_words_and_a_quoting_title_only_by_its_author() {
        try (var index = LuceneSearchIndex.open(dir)) {
            index.index(ACME, List.of(new SearchIndex.Indexed(message(1, "Caroline", "Hello there", List.of()), null)));
            index.refresh();
            assertThat(ids(index.search(ACME, SearchQuery.of("in May 2023", 5).withMode(SearchMode.KEYWORD), null)))
                    .containsExactly("chat-1");
        }
        assertThat(LuceneSearchIndex.searchedTitle(
                        "Caroline: I went to a support group…", "I went to a support group yesterday"))
                .isEqualTo("Caroline");
        assertThat(LuceneSearchIndex.searchedTitle("ana opened issue #7 in acme/shop: Checkout times out", "Since 1.4"))
                .isEqualTo("ana opened issue #7 in acme/shop: Checkout times out");
    }

    @Test
    void an_index_built_for_other_vectors_is_emptied_on_open_and_one_built_for_the_same_is_kept() {
        try (var index = LuceneSearchIndex.open(dir, "model-a|rule-1")) {
            index.index(ACME, history(ACME));
            index.refresh();
        }
        try (var index = LuceneSearchIndex.open(dir, "model-a|rule-1")) {
            assertThat(index.checkpoint(ACME)).isEqualTo(3);
        }
        try (var index = LuceneSearchIndex.open(dir, "model-b|rule-1")) {
            assertThat(index.checkpoint(ACME)).isZero();
            assertThat(index.written(ACME)).isZero();
            assertThat(index.search(ACME, SearchQuery.of("cart", 10).withMode(SearchMode.KEYWORD), null))
                    .isEmpty();
            index.index(ACME, history(ACME)); // the projection reads the log again from seq 1
            index.refresh();
        }
        try (var index = LuceneSearchIndex.open(dir, "model-b|rule-1")) {
            assertThat(index.checkpoint(ACME)).isEqualTo(3);
            assertThat(index.search(ACME, SearchQuery.of("cart", 10).withMode(SearchMode.KEYWORD), null))
                    .hasSize(2);
        }
    }

    @Test
    void snippets_show_the_part_that_matched() {
        assertThat(LuceneSearchIndex.snippet("a".repeat(300) + " the needle here", List.of("needle")))
                .startsWith("…")
                .contains("needle");
        assertThat(LuceneSearchIndex.snippet("", List.of("x"))).isNull();
    }
}
