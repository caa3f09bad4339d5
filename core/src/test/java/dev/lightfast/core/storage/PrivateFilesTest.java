package dev.lightfast.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void a_new_directory_and_file_are_the_owners_alone_from_the_start() throws Exception {
        Path data = PrivateFiles.directory(dir.resolve("a/b/data"));
        assertThat(mode(data)).isEqualTo("rwx------");
        PrivateFiles.createNew(data.resolve("f"), new byte[] {1});
        assertThat(mode(data.resolve("f"))).isEqualTo("rw-------");
        PrivateFiles.createIfAbsent(data.resolve("g"));
        assertThat(mode(data.resolve("g"))).isEqualTo("rw-------");
    }

    @Test
    void a_data_directory_of_an_earlier_version_is_narrowed_but_another_directory_is_left_alone() throws Exception {
        Path old = Files.createDirectory(dir.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(old.resolve("lightfast.db"), "");
        PrivateFiles.directory(old);
        assertThat(mode(old)).isEqualTo("rwx------");

        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(shared.resolve("notes.txt"), "");
        PrivateFiles.directory(shared);
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void an_existing_file_is_narrowed() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.restrict(f);
        assertThat(mode(f)).isEqualTo("rw-------");
        PrivateFiles.restrict(dir.resolve("absent")); // nothing to do
    }
}
