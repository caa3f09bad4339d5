package dev.lightfast.store.postgres;

import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret keys of a PostgreSQL store opened without any: {@code LIGHTFAST_SECRET_KEY} when set,
 * else one random key for this whole process, which no other process can open. Tests and tools that
 * open a database briefly use it; a server never does (it reads the environment or its key file).
 */
final class ProcessKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessKeys.class);
    private static final SecretKeys EPHEMERAL =
            SecretKeys.of(SecretKeys.newKey(), List.of(), "a key of this process alone");

    private ProcessKeys() {}

    static SecretKeys fromEnvironment() {
        var env = System.getenv();
        if (env.get(SecretKeyFile.ENV) != null && !env.get(SecretKeyFile.ENV).isBlank()) {
            return SecretKeyFile.resolve(env, null);
        }
        LOG.warn("no {} given: webhook secrets written now can be opened by this process only", SecretKeyFile.ENV);
        return EPHEMERAL;
    }
}
