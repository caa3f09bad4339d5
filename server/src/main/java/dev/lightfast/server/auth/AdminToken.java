package dev.lightfast.server.auth;

import dev.lightfast.core.storage.PrivateFiles;
import dev.lightfast.server.http.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's token for admin calls. Given by {@code LIGHTFAST_ADMIN_TOKEN}, or generated on
 * first start and kept (owner-readable only) in the data directory so that restarts keep it.
 */
public final class AdminToken {
    public static final String FILE = "admin-token";
    private static final int MIN_LENGTH = 16;

    private final byte[] token;
    private final boolean generated;

    private AdminToken(String token, boolean generated) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    /**
     * @param fromEnvironment the configured token, or null to use (or create) the data directory's
     */
    public static AdminToken resolve(String fromEnvironment, Path dataDir) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (fromEnvironment.strip().length() < MIN_LENGTH) {
                throw new IllegalArgumentException(
                        "LIGHTFAST_ADMIN_TOKEN must be at least " + MIN_LENGTH + " characters");
            }
            return new AdminToken(fromEnvironment.strip(), false);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                PrivateFiles.restrict(file);
                return new AdminToken(
                        Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "lfadm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            PrivateFiles.directory(dataDir);
            try {
                // Owner-only from its first byte: never written readable and narrowed after.
                PrivateFiles.createNew(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException raced) {
                // another server on this directory made one first: that one is the token
                return new AdminToken(
                        Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            return new AdminToken(token, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token in " + dataDir, e);
        }
    }

    /** True when this start created the token: the caller prints it, this once. */
    public boolean generated() {
        return generated;
    }

    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Checks an {@code Authorization: Bearer <token>} header in constant time. */
    public void check(String authorization) {
        String presented = Bearer.token(authorization);
        if (presented == null) {
            throw ApiError.unauthorized("admin calls need 'Authorization: Bearer <admin token>'");
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            throw ApiError.unauthorized("wrong admin token");
        }
    }
}
