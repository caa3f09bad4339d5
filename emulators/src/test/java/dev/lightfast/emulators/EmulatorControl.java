package dev.lightfast.emulators;

import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Drives an emulator over HTTP, as a test in another process would. */
public final class EmulatorControl {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmulatorControl() {}

    public static JsonNode post(URI base, String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public static JsonNode get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            return Json.MAPPER.readTree(
                    HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
