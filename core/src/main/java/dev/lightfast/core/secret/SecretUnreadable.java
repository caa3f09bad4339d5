package dev.lightfast.core.secret;

/**
 * A sealed secret that the keys at hand cannot open: sealed under a key this process was not given,
 * altered, or copied onto a row it does not belong to. A server refuses to start on one, naming the
 * key it lacks, rather than refusing every webhook of that connection later.
 */
public final class SecretUnreadable extends RuntimeException {
    public SecretUnreadable(String message) {
        super(message);
    }
}
