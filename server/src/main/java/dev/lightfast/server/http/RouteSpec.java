package dev.lightfast.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route is, for the API description: registering a route and describing it are one step,
 * so {@code /openapi.json} lists exactly the routes that exist.
 *
 * @param query the query and header parameters (each says where it goes)
 * @param requestSchema JSON Schema of the body, or null when there is none
 * @param responses status code → description and JSON Schema (schema may be null)
 * @param requestExample a body that works, shown in the description and sent by the API test; null
 *     when there is no body
 */
public record RouteSpec(
        String method,
        String path,
        String tag,
        String summary,
        Auth auth,
        List<Param> query,
        Object requestSchema,
        Map<Integer, Response> responses,
        Object requestExample) {

    /**
     * A parameter.
     *
     * @param in {@code query} or {@code header}
     * @param example a value that works, or null
     */
    public record Param(
            String name, String in, String description, Map<String, Object> schema, boolean required, Object example) {}

    public record Response(String description, Object schema) {}

    public static Builder of(String method, String path) {
        return new Builder(method, path);
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private String tag = "ops";
        private String summary = "";
        private Auth auth = Auth.NONE;
        private final List<Param> query = new java.util.ArrayList<>();
        private Object requestSchema;
        private Object requestExample;
        private final Map<Integer, Response> responses = new LinkedHashMap<>();

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        public Builder query(String name, String description, Map<String, Object> schema) {
            query.add(new Param(name, "query", description, schema, false, null));
            return this;
        }

        /** An optional query parameter with a value that works. */
        public Builder query(String name, String description, Map<String, Object> schema, Object example) {
            query.add(new Param(name, "query", description, schema, false, example));
            return this;
        }

        /** A query parameter the call cannot do without, with a value that works. */
        public Builder requiredQuery(String name, String description, Map<String, Object> schema, Object example) {
            query.add(new Param(name, "query", description, schema, true, example));
            return this;
        }

        public Builder header(String name, String description, boolean required, Object example) {
            query.add(new Param(name, "header", description, Map.of("type", "string"), required, example));
            return this;
        }

        public Builder request(Object schema) {
            this.requestSchema = schema;
            return this;
        }

        /** The body's schema and a body that works. */
        public Builder request(Object schema, Object example) {
            this.requestSchema = schema;
            this.requestExample = example;
            return this;
        }

        public Builder response(int status, String description, Object schema) {
            responses.put(status, new Response(description, schema));
            return this;
        }

        public RouteSpec build() {
            return new RouteSpec(
                    method,
                    path,
                    tag,
                    summary,
                    auth,
                    List.copyOf(query),
                    requestSchema,
                    Map.copyOf(responses),
                    requestExample);
        }
    }
}
