package dev.lightfast.server;

import java.nio.file.Path;

/**
 * A server in its own process, for tests to kill: prints its port, then serves. Arguments: the data
 * directory, and optionally a PostgreSQL JDBC URL to keep everything but the search index there.
 */
public final class CrashChild {
    public static void main(String[] args) throws InterruptedException {
        // A test JVM that dies without killing its children takes them with it.
        ProcessHandle.current()
                .parent()
                .ifPresent(parent ->
                        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        String postgresUrl = args.length > 1 ? args[1] : null;
        var lightfast = Lightfast.start(new ServerConfig(
                        "127.0.0.1",
                        0,
                        Path.of(args[0]),
                        TestServer.ADMIN_TOKEN,
                        null,
                        postgresUrl,
                        true,
                        postgresUrl == null ? null : TestServer.POSTGRES_SECRET_KEY)
                .withWebhooksAllowPrivate(true));
        System.out.println("PORT " + lightfast.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
