package dev.lightfast.server.auth;

/** Reads the credential out of an {@code Authorization: Bearer ...} header. */
final class Bearer {
    private Bearer() {}

    /** The token, or null when the header is missing or not a bearer credential. */
    static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
