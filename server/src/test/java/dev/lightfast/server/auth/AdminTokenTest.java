package dev.lightfast.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void a_generated_token_is_kept_in_a_file_only_its_owner_can_read_and_read_back_on_restart() throws Exception {
        Path data = dir.resolve("data");
        var generated = AdminToken.resolve(null, data);
        assertThat(generated.generated()).isTrue();
        Path file = data.resolve(AdminToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        var again = AdminToken.resolve(null, data);
        assertThat(again.generated()).isFalse();
        assertThat(again.value()).isEqualTo(generated.value());
    }

    @Test
    void a_token_file_left_readable_by_others_is_narrowed() throws Exception {
        Path file = Files.writeString(dir.resolve(AdminToken.FILE), "lfadm_0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(AdminToken.resolve(null, dir).value()).isEqualTo("lfadm_0123456789abcdef");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
