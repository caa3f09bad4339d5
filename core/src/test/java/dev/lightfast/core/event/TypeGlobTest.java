package dev.lightfast.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TypeGlobTest {

    @Test
    void a_star_stands_for_any_run_of_characters() {
        assertThat(new TypeGlob("github.pull_request.merged").matches("github.pull_request.merged"))
                .isTrue();
        assertThat(new TypeGlob("github.pull_request.*").matches("github.pull_request.merged"))
                .isTrue();
        assertThat(new TypeGlob("github.pull_request.*").matches("github.pull_request_review.submitted"))
                .isFalse();
        assertThat(new TypeGlob("*.deployment.*").matches("vercel.deployment.succeeded"))
                .isTrue();
        assertThat(new TypeGlob("*.deployment.*").matches("github.deployment_status.success"))
                .isFalse();
        assertThat(new TypeGlob("*").matches("anything.at.all")).isTrue();
        assertThat(new TypeGlob("github.*.merged").matches("github.pull_request.merged"))
                .isTrue();
    }

    @Test
    void only_an_exact_type_or_a_trailing_prefix_is_read_by_index() {
        assertThat(new TypeGlob("github.push").logQueryType()).isEqualTo("github.push");
        assertThat(new TypeGlob("github.pull_request.*").logQueryType()).isEqualTo("github.pull_request.*");
        assertThat(new TypeGlob("*.deployment.*").logQueryType()).isNull();
        assertThat(new TypeGlob("*").logQueryType()).isNull();
    }

    @Test
    void a_glob_is_lowercase_words_dots_and_stars() {
        assertThatThrownBy(() -> new TypeGlob("GitHub.Push")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TypeGlob("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void an_exact_glob_matches_only_itself(
            @ForAll @StringLength(min = 1, max = 20) String a, @ForAll @StringLength(min = 1, max = 20) String b) {
        String x = a.toLowerCase().replaceAll("[^a-z0-9_.-]", "x");
        String y = b.toLowerCase().replaceAll("[^a-z0-9_.-]", "x");
        assertThat(new TypeGlob(x).matches(y)).isEqualTo(x.equals(y));
        assertThat(new TypeGlob(x + "*").matches(x + y)).isTrue();
        assertThat(new TypeGlob("*" + y).matches(x + y)).isTrue();
    }
}
