package dev.lightfast.reason.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {
    private static Example example(String area, String size, boolean followed) {
        return new Example(
                "d",
                Instant.EPOCH,
                Map.of(
                        "area", new Example.Bucket(area, area, List.of()),
                        "size", new Example.Bucket(size, size, List.of())),
                followed,
                null);
    }

    @Test
    void a_bucket_with_more_incidents_than_the_base_rate_raises_the_score_and_one_never_seen_does_not_move_it() {
        List<Example> past = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            past.add(example("payments", "large", i % 3 == 0));
            past.add(example("docs", "small", i % 20 == 0));
        }
        var model = NaiveBayes.fit(past);
        assertThat(model.weight("area", "payments")).isPositive();
        assertThat(model.weight("area", "docs")).isNegative();
        assertThat(model.weight("area", "search")).as("never seen").isZero();
        assertThat(model.score(example("payments", "large", false)))
                .isGreaterThan(model.base())
                .isGreaterThan(model.score(example("docs", "small", false)));
        assertThat(model.score(example("search", "medium", false)))
                .isCloseTo(model.base(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void with_no_history_every_change_scores_the_smoothed_base_rate() {
        var model = NaiveBayes.fit(List.of());
        assertThat(model.base()).isEqualTo(0.5);
        assertThat(model.score(example("payments", "large", false))).isEqualTo(0.5);
    }
}
