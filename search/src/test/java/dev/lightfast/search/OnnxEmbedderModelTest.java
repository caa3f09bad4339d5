package dev.lightfast.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxEmbedderModelTest {
    @Test
    void the_model_is_minilm_unless_the_environment_names_another() {
        assertThat(OnnxEmbedder.Model.fromEnvironment(Map.of())).isEqualTo(OnnxEmbedder.Model.MINILM_L6_V2_Q);
        assertThat(OnnxEmbedder.Model.fromEnvironment(Map.of(OnnxEmbedder.ENVIRONMENT, " BGE-small-en-v1.5 ")))
                .isEqualTo(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q);
        assertThatThrownBy(() -> OnnxEmbedder.Model.fromEnvironment(Map.of(OnnxEmbedder.ENVIRONMENT, "gpt-5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all-minilm-l6-v2 or bge-small-en-v1.5");
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void each_model_loads_from_its_jar_and_names_itself_apart() {
        try (var minilm = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q, 1);
                var bge = new OnnxEmbedder(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q, 1)) {
            assertThat(minilm.name()).isNotEqualTo(bge.name());
            for (var embedder : java.util.List.of(minilm, bge)) {
                float[] doc = embedder.embed("I went to a support group yesterday");
                float[] related = embedder.embedQuery("When did Caroline go to the support group?");
                float[] unrelated = embedder.embedQuery("Which deploy broke the checkout service?");
                assertThat(doc).hasSize(OnnxEmbedder.DIMENSIONS);
                assertThat(dot(doc, doc)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
                assertThat(dot(doc, related)).as(embedder.name()).isGreaterThan(dot(doc, unrelated) + 0.1);
            }
        }
    }
}
