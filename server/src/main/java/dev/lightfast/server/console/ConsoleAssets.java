package dev.lightfast.server.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The console for people: a page and its ES modules, served from this jar at {@code /}. It holds
 * no data of its own; every number on it comes from the REST API an agent calls, with the API key
 * the person signs in with (see docs/decisions/0019-console.md).
 */
public final class ConsoleAssets {
    /** Where the files live on the classpath. */
    static final String DIRECTORY = "/console";

    private ConsoleAssets() {}

    public static void install(JavalinConfig javalin) {
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            // Revalidated on every load (ETag), so a new server version's console is never mixed
            // with an old cached module.
            files.headers = Map.of("Cache-Control", "no-cache");
        });
    }
}
