package dev.lightfast.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One delivery of the bundled team history ({@code demo/history/NNNN-<provider>-<kind>.json}): the
 * tool, its headers without signatures, and the payload.
 *
 * @param name the file name, which orders the history
 */
public record RecordedDelivery(String name, String provider, Map<String, String> headers, ObjectNode body) {

    /** Payloads keep the tools' nulls: a plain mapper, not the project's NON_NULL one. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final String HISTORY = "/demo/history/";

    public RecordedDelivery {
        headers = Map.copyOf(headers);
    }

    /** The id the tool gives this delivery (what a redelivery repeats). */
    public String deliveryId() {
        return switch (provider) {
            case "github" -> headers.get("X-GitHub-Delivery");
            case "linear" -> headers.get("Linear-Delivery");
            case "sentry" -> headers.get("Request-ID");
            case "vercel" -> body.path("id").asString();
            case "slack" -> body.path("event_id").asString();
            default -> throw new IllegalStateException("no delivery id known for " + provider);
        };
    }

    /** The body as the tool sends it: compact JSON, nulls kept. */
    public byte[] bodyBytes() {
        return MAPPER.writeValueAsBytes(body);
    }

    /** The bundled history, in the order the tools sent it. */
    public static List<RecordedDelivery> bundled() throws IOException {
        var all = new ArrayList<RecordedDelivery>();
        String index = new String(resource(HISTORY + "index.txt"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                all.add(read(name, resource(HISTORY + name)));
            }
        }
        return all;
    }

    static RecordedDelivery read(String name, byte[] json) {
        JsonNode file = MAPPER.readTree(json);
        if (!file.path("body").isObject()
                || !file.path("headers").isObject()
                || !file.path("provider").isString()) {
            throw new IllegalArgumentException(name + ": expected {\"provider\", \"headers\", \"body\"}");
        }
        var headers = new LinkedHashMap<String, String>();
        file.get("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return new RecordedDelivery(name, file.get("provider").stringValue(), headers, (ObjectNode) file.get("body"));
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = RecordedDelivery.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing bundled resource " + path);
            }
            return in.readAllBytes();
        }
    }
}
