package dev.lightfast.core.subscription;

/**
 * How signing secrets are kept at rest: sealed before a store sees them, opened only to sign.
 * Everything that stores a subscription's secret goes through this one interface, so encrypting
 * them with a key kept outside the database is a matter of giving another implementation to the
 * {@code Engine}. Until then secrets are stored as they are ({@link #PLAINTEXT}).
 */
public interface SecretSealer {

    String seal(String secret);

    String open(String sealed);

    /** Keeps secrets as they are: the store is then as sensitive as the secrets. */
    SecretSealer PLAINTEXT = new SecretSealer() {
        @Override
        public String seal(String secret) {
            return secret;
        }

        @Override
        public String open(String sealed) {
            return sealed;
        }
    };
}
