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
        // /docs: Swagger UI from its webjar, the version Maven resolved (read from the jar itself).
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/docs/swagger-ui";
            files.directory = SWAGGER_UI + swaggerUiVersion();
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=86400");
        });
    }

    static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/";

    static String swaggerUiVersion() {
        try (var in =
                ConsoleAssets.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            var props = new java.util.Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
