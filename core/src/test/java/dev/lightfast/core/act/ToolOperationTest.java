package dev.lightfast.core.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOperationTest {
    private static final ToolOperation POST = new ToolOperation("chat", "CHAT_POST", List.of("channel", "text"));

    @Test
    void a_plan_stores_the_wire_name_and_reads_back_the_same_operation() {
        String json = Json.MAPPER.writeValueAsString(POST);
        assertThat(json).isEqualTo("\"CHAT_POST\"");
        ToolOperation back = Json.MAPPER.readValue(json, ToolOperation.class);
        assertThat(back).isEqualTo(POST).hasSameHashCodeAs(POST);
        assertThat(back.tool()).isEqualTo("chat");
        assertThat(back.toString()).isEqualTo("CHAT_POST");
    }

    @Test
    void an_operation_is_named_after_its_tool() {
        assertThatThrownBy(() -> new ToolOperation("chat", "MAIL_SEND", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToolOperation("chat", "CHAT_", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
