package dev.lightfast.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void without_a_key_in_the_environment_a_key_file_is_made_owner_only_and_kept() throws Exception {
        Path data = dir.resolve("data");
        var first = SecretKeyFile.resolve(Map.of(), data);
        Path file = data.resolve(SecretKeyFile.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        var again = SecretKeyFile.resolve(Map.of(), data);
        assertThat(again.currentId()).isEqualTo(first.currentId());
        assertThat(again.open(first.seal("s", "c"), "c")).isEqualTo("s");
    }

    @Test
    void the_environment_wins_over_the_file_and_its_previous_keys_still_open() {
        byte[] current = SecretKeys.newKey();
        byte[] previous = SecretKeys.newKey();
        var env = Map.of(
                SecretKeyFile.ENV, SecretKeys.encode(current),
                SecretKeyFile.ENV_PREVIOUS, SecretKeys.encode(previous));
        var keys = SecretKeyFile.resolve(env, dir);
        assertThat(Files.exists(dir.resolve(SecretKeyFile.FILE))).isFalse();
        assertThat(keys.source()).isEqualTo(SecretKeyFile.ENV);
        String old = SecretKeys.of(previous, List.of(), "p").seal("s", "c");
        assertThat(keys.open(old, "c")).isEqualTo("s");
        assertThat(keys.currentId())
                .isEqualTo(SecretKeys.of(current, List.of(), "c").currentId());
    }

    @Test
    void a_key_file_lists_the_current_key_first_then_retired_ones_with_comments_between() throws Exception {
        byte[] current = SecretKeys.newKey();
        byte[] retired = SecretKeys.newKey();
        Files.writeString(
                dir.resolve(SecretKeyFile.FILE),
                "# rotated on Tuesday\n" + SecretKeys.encode(current) + "\n\n# the old one\n"
                        + SecretKeys.encode(retired) + "\n",
                StandardCharsets.US_ASCII);
        var keys = SecretKeyFile.resolve(Map.of(), dir);
        assertThat(keys.currentId())
                .isEqualTo(SecretKeys.of(current, List.of(), "c").currentId());
        assertThat(keys.open(SecretKeys.of(retired, List.of(), "r").seal("s", "c"), "c"))
                .isEqualTo("s");
        // A key file that anyone could read (made by hand) is narrowed to its owner.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SecretKeyFile.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void an_empty_key_file_is_refused_rather_than_replaced() throws Exception {
        Files.writeString(dir.resolve(SecretKeyFile.FILE), "# nothing\n");
        assertThatThrownBy(() -> SecretKeyFile.resolve(Map.of(), dir)).hasMessageContaining("holds no key");
    }
}
