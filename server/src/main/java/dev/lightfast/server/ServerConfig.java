package dev.lightfast.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run: where to listen and keep data, and the operator's settings. Every field has a
 * default so that {@code lightfast serve} works with no configuration.
 *
 * @param port 0 picks a free port
 * @param adminToken null to use (or generate) the one kept in the data directory
 * @param publicUrl the address tools reach us at, for webhook URLs; null to use the request's
 * @param postgresUrl a PostgreSQL JDBC URL to keep everything there instead of in SQLite under
 *     {@code dataDir} (which then holds only the admin token); null for the embedded store
 * @param projections whether this server keeps the graph and its search index following the log.
 *     Off makes an ingest-only server: on PostgreSQL, other servers project the shared log (the
 *     graph projection is shared; search needs a projecting server); its own search and answers
 *     see only what was projected before
 * @param secretKey the key that seals webhook secrets at rest, base64 of 32 bytes ({@code
 *     LIGHTFAST_SECRET_KEY}); null to use (or make) the data directory's {@code secret-key} file. On
 *     PostgreSQL every server of the database needs the same one
 * @param webhooksAllowPrivate whether outbound webhooks may go to loopback, private and link-local
 *     addresses (receivers on this machine or network, and tests); off, only public addresses
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String adminToken,
        String publicUrl,
        String postgresUrl,
        boolean projections,
        String secretKey,
        boolean webhooksAllowPrivate) {

    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (postgresUrl != null && postgresUrl.isBlank()) {
            postgresUrl = null;
        }
        if (secretKey != null && secretKey.isBlank()) {
            secretKey = null;
        }
    }

    /** Webhooks to public addresses only. */
    public ServerConfig(
            String host,
            int port,
            Path dataDir,
            String adminToken,
            String publicUrl,
            String postgresUrl,
            boolean projections,
            String secretKey) {
        this(host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, false);
    }

    /** With the secret key of {@code LIGHTFAST_SECRET_KEY} or the data directory's key file. */
    public ServerConfig(
            String host,
            int port,
            Path dataDir,
            String adminToken,
            String publicUrl,
            String postgresUrl,
            boolean projections) {
        this(host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, null);
    }

    /** A server that projects. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, String publicUrl, String postgresUrl) {
        this(host, port, dataDir, adminToken, publicUrl, postgresUrl, true);
    }

    /** The embedded store. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, String publicUrl) {
        this(host, port, dataDir, adminToken, publicUrl, null);
    }

    /** Defaults overridden by {@code LIGHTFAST_*} environment variables. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                env.getOrDefault("LIGHTFAST_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("LIGHTFAST_PORT", String.valueOf(DEFAULT_PORT))),
                Path.of(env.getOrDefault("LIGHTFAST_DATA", "data")),
                env.get("LIGHTFAST_ADMIN_TOKEN"),
                env.get("LIGHTFAST_PUBLIC_URL"),
                env.get("LIGHTFAST_PG_URL"),
                !"off".equalsIgnoreCase(env.getOrDefault("LIGHTFAST_PROJECTIONS", "on")),
                env.get("LIGHTFAST_SECRET_KEY"),
                "true".equalsIgnoreCase(env.getOrDefault("LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE", "false")));
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withDataDir(Path dataDir) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withAdminToken(String adminToken) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withProjections(boolean projections) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withSecretKey(String secretKey) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withWebhooksAllowPrivate(boolean webhooksAllowPrivate) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    public ServerConfig withPostgresUrl(String postgresUrl) {
        return new ServerConfig(
                host, port, dataDir, adminToken, publicUrl, postgresUrl, projections, secretKey, webhooksAllowPrivate);
    }

    /** Never the admin token or the secret key: a configuration may end up in a log. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", adminToken="
                + (adminToken == null ? "(data directory)" : "(set)") + ", publicUrl=" + publicUrl + ", postgres="
                + (postgresUrl != null) + ", projections=" + projections + ", secretKey="
                + (secretKey == null ? "(data directory)" : "(set)") + ", webhooksAllowPrivate=" + webhooksAllowPrivate
                + "]";
    }
}
