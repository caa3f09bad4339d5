package dev.lightfast.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route is, for the API description: registering a route and describing it are one step,
 * so {@code /openapi.json} lists exactly the routes that exist.
 *
 * @param requestSchema JSON Schema of the body, or null when there is none
 * @param responses status code → description and JSON Schema (schema may be null)
 */
public record RouteSpec(
    String method,
    String path,
    String tag,
    String summary,
    Auth auth,
    List<Param> query,
    Object requestSchema,
    Map<Integer, Response> responses) {

  public record Param(String name, String description, Map<String, Object> schema) {}

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
      query.add(new Param(name, description, schema));
      return this;
    }

    public Builder request(Object schema) {
      this.requestSchema = schema;
      return this;
    }

    public Builder response(int status, String description, Object schema) {
      responses.put(status, new Response(description, schema));
      return this;
    }

    public RouteSpec build() {
      return new RouteSpec(method, path, tag, summary, auth, List.copyOf(query), requestSchema, Map.copyOf(responses));
    }
  }
}
