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

    @Test
    void each_model_loads_from_its_jar_and_names_itself_apart() {
        try (var minilm = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q, 1);
                var bge = new OnnxEmbedder(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q, 1)) {
            assertThat(minilm.name()).isNotEqualTo(bge.name());
            for (var embedder : java.util.List.of(minilm, bge)) {
                float[] doc = embedder.embed("I went to a support group yesterday");
                float[] query = embedder.embedQuery("When did Caroline go to the support group?");
                assertThat(doc).hasSize(OnnxEmbedder.DIMENSIONS);
                double norm = 0;
                double dot = 0;
                for (int i = 0; i < doc.length; i++) {
                    norm += doc[i] * doc[i];
                    dot += doc[i] * query[i];
                }
                assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
                assertThat(dot).as(embedder.name()).isGreaterThan(0.5);
            }
        }
    }
}
