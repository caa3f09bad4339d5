package dev.lightfast.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data directory and the files in it are the owner's alone: the directory {@code 0700}, its
 * files {@code 0600}, each created so from the start (never created readable and narrowed after,
 * which leaves a moment in which another user can open it). They hold every raw delivery, the
 * admin token and the key that opens the webhook secrets. On a file system without POSIX
 * permissions (Windows) the directory's own access list is what protects them.
 */
public final class PrivateFiles {
    private static final Logger LOG = System.getLogger(PrivateFiles.class.getName());
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Files whose presence says a directory is a Lightfast data directory, which may be narrowed. */
    private static final Set<String> OURS = Set.of("lightfast.db", "lightfast.lock", "admin-token", "secret-key");

    private PrivateFiles() {}

    /**
     * Creates {@code dir} (and missing parents) {@code 0700}. A data directory made by an earlier
     * version (with its files in it) is narrowed to {@code 0700}; any other existing directory is
     * left as it is, with a warning when others can read it.
     */
    public static Path directory(Path dir) {
        try {
            if (!Files.exists(dir)) {
                if (posix(dir.toAbsolutePath().getParent())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
                return dir;
            }
            if (!posix(dir)) {
                return dir;
            }
            var perms = Files.getPosixFilePermissions(dir);
            if (perms.equals(DIRECTORY)) {
                return dir;
            }
            boolean ours;
            try (var names = Files.list(dir)) {
                ours = names.anyMatch(p -> OURS.contains(p.getFileName().toString()));
            }
            if (ours) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
                LOG.log(Level.INFO, "data directory {0} was {1}; now rwx------ (owner only)", dir, perms);
            } else if (readableByOthers(perms)) {
                LOG.log(
                        Level.WARNING,
                        "data directory {0} is readable by other users ({1}); it will hold every raw delivery"
                                + " and the key to the webhook secrets: chmod 700 it",
                        dir.toAbsolutePath(),
                        PosixFilePermissions.toString(perms));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }

    /**
     * Creates {@code file} with {@code content}, {@code 0600} from its first byte.
     *
     * @throws FileAlreadyExistsException when it exists (two processes raced: read the winner's)
     */
    public static void createNew(Path file, byte[] content) throws IOException {
        var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (var channel = posix(file.toAbsolutePath().getParent())
                ? Files.newByteChannel(file, options, ownerOnly())
                : Files.newByteChannel(file, options)) {
            var buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** Creates an empty {@code file} {@code 0600} unless it exists (a database file SQLite then opens). */
    public static void createIfAbsent(Path file) {
        try {
            createNew(file, new byte[0]);
        } catch (FileAlreadyExistsException exists) {
            restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.toAbsolutePath(), e);
        }
    }

    /** Narrows a file made before this version (or by a library) to {@code 0600}; absent files are skipped. */
    public static void restrict(Path file) {
        try {
            if (Files.isRegularFile(file) && posix(file)) {
                var perms = Files.getPosixFilePermissions(file);
                if (!perms.equals(FILE)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file.toAbsolutePath() + " owner-only", e);
        }
    }

    /** The attribute that creates a file {@code 0600}. */
    public static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    public static boolean posix(Path path) {
        Path p = path == null ? Path.of("").toAbsolutePath() : path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    private static boolean readableByOthers(Set<PosixFilePermission> perms) {
        return perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                || perms.contains(PosixFilePermission.GROUP_READ)
                || perms.contains(PosixFilePermission.GROUP_EXECUTE);
    }
}
