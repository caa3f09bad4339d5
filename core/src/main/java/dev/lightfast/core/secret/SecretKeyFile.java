package dev.lightfast.core.secret;

import dev.lightfast.core.storage.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the secret keys come from: {@code LIGHTFAST_SECRET_KEY} (with retired keys in {@code
 * LIGHTFAST_SECRET_KEY_PREVIOUS}, comma-separated) when set, else the data directory's {@code
 * secret-key} file, made {@code 0600} with a new random key on first start.
 *
 * <p>The file holds one base64 key per line: the first seals, the ones after only open (a rotation
 * in progress); lines starting with {@code #} are comments. It is kept beside the database, not in
 * it: a copy of the database alone (a backup, a dump, a read through SQL) opens no secret.
 */
public final class SecretKeyFile {
    public static final String FILE = "secret-key";
    public static final String ENV = "LIGHTFAST_SECRET_KEY";
    public static final String ENV_PREVIOUS = "LIGHTFAST_SECRET_KEY_PREVIOUS";

    private SecretKeyFile() {}

    /** The keys from the environment, else from (or newly in) {@code dataDir}'s key file. */
    public static SecretKeys resolve(Map<String, String> env, Path dataDir) {
        return resolve(env.get(ENV), env.get(ENV_PREVIOUS), dataDir);
    }

    /**
     * @param key the current key as base64, or null/blank to use the key file
     * @param previous retired keys as comma-separated base64, or null
     */
    public static SecretKeys resolve(String key, String previous, Path dataDir) {
        if (key != null && !key.isBlank()) {
            var retired = new ArrayList<byte[]>();
            if (previous != null) {
                for (String p : previous.split(",")) {
                    if (!p.isBlank()) {
                        retired.add(SecretKeys.decode(p, ENV_PREVIOUS));
                    }
                }
            }
            return SecretKeys.of(SecretKeys.decode(key, ENV), retired, ENV);
        }
        return readOrCreate(dataDir.resolve(FILE));
    }

    /** Reads the key file, making it with a new key when there is none. */
    public static SecretKeys readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                PrivateFiles.directory(file.toAbsolutePath().getParent());
                String content = "# Lightfast's key to the webhook secrets in its database. Keep it apart from the\n"
                        + "# database's backups; every server of one database needs the same key. The first\n"
                        + "# key seals, the ones after only open (a rotation in progress).\n"
                        + SecretKeys.encode(SecretKeys.newKey()) + "\n";
                try {
                    PrivateFiles.createNew(file, content.getBytes(StandardCharsets.US_ASCII));
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            } else {
                PrivateFiles.restrict(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Puts a new key first in the key file, the keys it held after it (they still open what they
     * sealed): the file is written whole beside the old one, {@code 0600}, then moved over it, so a
     * crash leaves either file, never half of one.
     *
     * @return the keys now in the file; secrets are sealed again under the new one when a store opens
     */
    public static SecretKeys rotate(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new IllegalStateException(file.toAbsolutePath() + " does not exist: there is no key to rotate");
            }
            var lines = new ArrayList<String>();
            lines.add("# Lightfast's key to the webhook secrets in its database. The first key seals, the ones");
            lines.add("# after only open; drop those once every server has restarted with this file.");
            lines.add(SecretKeys.encode(SecretKeys.newKey()));
            for (String s : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!s.isBlank() && !s.strip().startsWith("#")) {
                    lines.add(s.strip());
                }
            }
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.deleteIfExists(next);
            PrivateFiles.createNew(next, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            Files.move(
                    next,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the key in " + file.toAbsolutePath(), e);
        }
    }

    private static SecretKeys read(Path file) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            line++;
            if (!s.isBlank() && !s.strip().startsWith("#")) {
                keys.add(SecretKeys.decode(s, file + " line " + line));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(file.toAbsolutePath() + " holds no key; delete it only if no secret"
                    + " was ever sealed with it (a new one is then made), else restore it from a backup");
        }
        return SecretKeys.of(
                keys.getFirst(),
                keys.subList(1, keys.size()),
                file.toAbsolutePath().toString());
    }
}
