package dev.lightfast.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretKeysTest {
    private final byte[] a = SecretKeys.newKey();
    private final byte[] b = SecretKeys.newKey();

    @Test
    void a_sealed_secret_opens_to_itself_and_shows_nothing_of_it() {
        var keys = SecretKeys.of(a, List.of(), "test");
        String sealed = keys.seal("It's a Secret to Everybody", "con_1");
        assertThat(sealed)
                .startsWith(SecretKeys.PREFIX + keys.currentId() + ":")
                .doesNotContain("Secret");
        assertThat(keys.open(sealed, "con_1")).isEqualTo("It's a Secret to Everybody");
        // A fresh nonce each time: the same secret never seals to the same text.
        assertThat(keys.seal("It's a Secret to Everybody", "con_1")).isNotEqualTo(sealed);
    }

    @Test
    void a_value_written_before_sealing_reads_as_it_is_and_needs_sealing() {
        var keys = SecretKeys.of(a, List.of(), "test");
        assertThat(keys.open("plain", "con_1")).isEqualTo("plain");
        assertThat(keys.needsSealing("plain")).isTrue();
        assertThat(keys.needsSealing(keys.seal("plain", "con_1"))).isFalse();
    }

    @Test
    void a_sealed_value_moved_to_another_owner_or_altered_does_not_open() {
        var keys = SecretKeys.of(a, List.of(), "test");
        String sealed = keys.seal("s", "con_1");
        assertThatThrownBy(() -> keys.open(sealed, "con_2"))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("altered, or copied from another row");
        // One bit of the ciphertext flipped: GCM's tag refuses it.
        int colon = sealed.lastIndexOf(':');
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(colon + 1));
        raw[raw.length / 2] ^= 1;
        String altered = sealed.substring(0, colon + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> keys.open(altered, "con_1")).isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> keys.open(SecretKeys.PREFIX + "garbage", "con_1"))
                .isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void a_retired_key_opens_what_it_sealed_and_sealing_again_moves_it_to_the_current_key() {
        var old = SecretKeys.of(a, List.of(), "old");
        String sealedByA = old.seal("s", "con_1");
        var rotating = SecretKeys.of(b, List.of(a), "rotating");
        assertThat(rotating.open(sealedByA, "con_1")).isEqualTo("s");
        assertThat(rotating.needsSealing(sealedByA)).isTrue();
        String sealedByB = rotating.seal(rotating.open(sealedByA, "con_1"), "con_1");
        var rotated = SecretKeys.of(b, List.of(), "rotated");
        assertThat(rotated.open(sealedByB, "con_1")).isEqualTo("s");
        assertThatThrownBy(() -> rotated.open(sealedByA, "con_1"))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining(old.currentId())
                .hasMessageContaining("LIGHTFAST_SECRET_KEY");
    }

    @Test
    void keys_are_read_as_base64_of_32_bytes_and_anything_else_is_refused_with_how_to_make_one() {
        String standard = Base64.getEncoder().encodeToString(a);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(a);
        assertThat(SecretKeys.decode(standard, "k")).isEqualTo(a);
        assertThat(SecretKeys.decode(" " + url + "\n", "k")).isEqualTo(a);
        assertThatThrownBy(() -> SecretKeys.decode("not base64 !", "LIGHTFAST_SECRET_KEY"))
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretKeys.decode(Base64.getEncoder().encodeToString(new byte[16]), "k"))
                .hasMessageContaining("16 bytes");
    }
}
