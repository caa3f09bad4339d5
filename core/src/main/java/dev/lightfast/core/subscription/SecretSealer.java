package dev.lightfast.core.subscription;

/**
 * How signing secrets are kept at rest: sealed before a store sees them, opened only to sign.
 * Everything that stores a subscription's secret goes through this one interface, so encrypting
 * them with a key kept outside the database is a matter of giving another implementation to the
 * {@code Engine}, which seals them with the installation's secret keys, like webhook secrets
 * ({@link #PLAINTEXT} is for tests of the subscription logic alone).
 */
public interface SecretSealer {

    /** Seals {@code secret} for {@code owner} (a subscription id): it opens for that owner only. */
    String seal(String secret, String owner);

    String open(String sealed, String owner);

    /** Keeps secrets as they are: the store is then as sensitive as the secrets. */
    SecretSealer PLAINTEXT = new SecretSealer() {
        @Override
        public String seal(String secret, String owner) {
            return secret;
        }

        @Override
        public String open(String sealed, String owner) {
            return sealed;
        }
    };
}
