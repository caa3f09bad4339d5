package dev.lightfast.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void sequences_no_encoder_writes_are_found_where_they_start() {
        assertThat(Utf8.firstInvalid(bytes('a', 0xC0, 0x80, 'b'))).isEqualTo(1); // overlong U+0000
        assertThat(Utf8.firstInvalid(bytes(0xE0, 0x80, 0x80))).isEqualTo(0); // overlong three bytes
        assertThat(Utf8.firstInvalid(bytes('x', 0xED, 0xA0, 0x80))).isEqualTo(1); // a lone surrogate
        assertThat(Utf8.firstInvalid(bytes('x', 'y', 0xE2, 0x82))).isEqualTo(2); // cut short
        assertThat(Utf8.firstInvalid(bytes(0xFF))).isZero();
        assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
    }

    @Property(tries = 200)
    void whatever_java_encodes_as_utf8_is_valid(@ForAll String text) {
        assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void a_long_body_is_checked_in_chunks() {
        byte[] body = "é".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(body)).isEqualTo(-1);
        body[150_001] = (byte) 0xC0;
        assertThat(Utf8.firstInvalid(body)).isEqualTo(150_000);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
