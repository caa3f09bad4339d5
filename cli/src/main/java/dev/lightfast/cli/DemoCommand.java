package dev.lightfast.cli;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The five-minute tour: a fresh server, a bundled team history sent through the real, signed
 * webhook endpoint, and a few questions answered from the log with their sources.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start on an empty data directory, replay a bundled team history through the webhooks, "
        + "print cited answers, then keep serving for you to explore.")
final class DemoCommand implements Callable<Integer> {
  private static final String HISTORY = "/demo/github/";

  @Option(names = "--port", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)", defaultValue = "8080")
  int port;

  @Option(names = "--data", description = "an empty or new data directory (default: a new temporary one)")
  Path data;

  @Option(names = "--exit", description = "stop after printing the answers instead of serving")
  boolean exit;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : Files.createTempDirectory("lightfast-demo-");
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          System.err.println("lightfast: the demo starts from nothing; " + dir + " is not empty");
          return 2;
        }
      }
    }
    var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", port, dir, null, null));
    try {
      String base = "http://localhost:" + lightfast.port();
      ServeCommand.announce(lightfast, dir);
      String admin = lightfast.adminToken().value();

      var tenant = post(base + "/v1/admin/tenants", admin, Map.of("id", "demo", "name", "Demo team"));
      String apiKey = tenant.get("apiKey").stringValue();
      String secret = "demo-webhook-secret";
      var connection = post(base + "/v1/connections", apiKey, Map.of("provider", "github", "secret", secret));
      String webhookUrl = connection.get("webhookUrl").stringValue();
      System.out.println("\nTenant 'demo', API key: " + apiKey);
      System.out.println("GitHub connection " + connection.get("id").stringValue() + " -> " + webhookUrl);

      int deliveries = 0;
      for (String name : history()) {
        var capture = Json.MAPPER.readTree(resource(HISTORY + name));
        byte[] body = Json.MAPPER.writeValueAsBytes(capture.get("body"));
        var request = HttpRequest.newBuilder(URI.create(webhookUrl))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", capture.get("headers").get("X-GitHub-Event").stringValue())
            .header("X-GitHub-Delivery", capture.get("headers").get("X-GitHub-Delivery").stringValue())
            .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
          throw new IllegalStateException(name + " was answered " + response.statusCode() + ": " + response.body());
        }
        deliveries++;
      }
      var all = get(base + "/v1/events?limit=1000", apiKey).get("events");
      System.out.printf("%nReplayed %d signed GitHub deliveries -> %d events in causal order.%n", deliveries, all.size());

      answer("What was merged?", get(base + "/v1/events?type=github.pull_request.merged", apiKey));
      answer("What was pushed?", get(base + "/v1/events?type=github.commit.*", apiKey));
      answer("How did deployments go?", get(base + "/v1/events?type=github.deployment_status.*", apiKey));
      answer("What issues were opened?", get(base + "/v1/events?type=github.issue.opened", apiKey));

      System.out.println("\nTry it yourself:");
      System.out.println("  curl -s -H 'Authorization: Bearer " + apiKey + "' '" + base + "/v1/events?limit=5'");
      if (exit) {
        return 0;
      }
      System.out.println("\nServing on " + base + " until Ctrl-C.");
      var stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
      return 0;
    } finally {
      lightfast.close();
    }
  }

  /** Prints each event that answers, citing it by id and by the tool's own link. */
  private static void answer(String question, JsonNode page) {
    System.out.println("\n" + question);
    var events = page.get("events");
    if (events.isEmpty()) {
      System.out.println("  (nothing in the log)");
    }
    for (JsonNode e : events) {
      System.out.printf("  - %s  [%s, %s, %s]%n", e.get("title").stringValue(), e.get("type").stringValue(),
          e.get("id").stringValue(), e.path("url").asString("no link"));
    }
  }

  private static List<String> history() throws IOException {
    var names = new ArrayList<String>();
    for (String line : new String(resource(HISTORY + "index.txt"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    return names;
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing bundled resource " + path);
      }
      return in.readAllBytes();
    }
  }

  private JsonNode post(String url, String bearer, Object body) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
        .build();
    return send(request);
  }

  private JsonNode get(String url, String bearer) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
          + ": " + new String(response.body(), StandardCharsets.UTF_8));
    }
    return Json.MAPPER.readTree(response.body());
  }
}
