package dev.lightfast.server;

import dev.lightfast.connectors.github.GithubConnector;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.ingest.EventSubmission;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.auth.AdminToken;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.connections.ConnectionsApi;
import dev.lightfast.server.connections.WebhookUrls;
import dev.lightfast.server.events.EventsApi;
import dev.lightfast.server.http.ErrorResponses;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.ops.OpsApi;
import dev.lightfast.server.ops.ServerMetrics;
import dev.lightfast.server.tenants.TenantsApi;
import dev.lightfast.server.webhooks.WebhooksApi;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application: every part wired by hand, in one place, in the order data flows. Start one with
 * {@link #start}; {@link #close} stops taking requests, lets those in flight finish, then closes the
 * store so nothing acknowledged is lost.
 */
public final class Lightfast implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lightfast.class);
  /** How long in-flight requests get to finish on shutdown. */
  private static final long STOP_TIMEOUT_MS = 10_000;

  private final Storage storage;
  private final ServerMetrics metrics;
  private final AdminToken adminToken;
  private final Javalin app;
  private final Connectors connectors;
  private final WebhookIngestion ingestion;

  private Lightfast(ServerConfig config) {
    Clock clock = Clock.systemUTC();
    this.storage = config.postgresUrl() != null
        ? PostgresStorage.open(config.postgresUrl())
        : SqliteStorage.open(config.dataDir());
    try {
      this.metrics = new ServerMetrics();
      this.adminToken = AdminToken.resolve(config.adminToken(), config.dataDir());
      this.connectors = new Connectors(List.of(new GithubConnector()));
      this.ingestion = new WebhookIngestion(connectors, storage.connections(), storage.eventLog(), clock);
      var submission = new EventSubmission(connectors, storage.eventLog(), clock);
      var apiKeys = new ApiKeyAuthenticator(storage.tenants());
      this.app = Javalin.create(javalin -> {
        javalin.startup.showJavalinBanner = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.http.maxRequestSize = WebhooksApi.MAX_DELIVERY;
        javalin.jsonMapper(new JavalinJackson3(Json.MAPPER, true));
        javalin.jetty.host = config.host();
        javalin.jetty.port = config.port();
        javalin.jetty.modifyServer(server -> {
          server.insertHandler(new GracefulHandler());
          server.setStopTimeout(STOP_TIMEOUT_MS);
          server.setStopAtShutdown(false); // we stop it ourselves, before the store
        });
        javalin.requestLogger.http(metrics::request);
        ErrorResponses.install(javalin);

        var routes = new Routes(javalin, adminToken, apiKeys);
        new OpsApi(storage.eventLog(), metrics, version()).register(routes);
        new TenantsApi(storage.tenants(), clock).register(routes);
        new ConnectionsApi(storage.connections(), connectors, new WebhookUrls(config.publicUrl()), clock)
            .register(routes);
        new EventsApi(storage.eventLog(), submission, clock).register(routes);
        new WebhooksApi(ingestion, metrics).register(routes);
      });
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** Opens the data directory and starts serving. */
  public static Lightfast start(ServerConfig config) {
    var lightfast = new Lightfast(config);
    try {
      lightfast.app.start();
    } catch (RuntimeException e) {
      lightfast.storage.close();
      throw e;
    }
    LOG.info("Lightfast {} serving on port {}, {}", version(), lightfast.port(), lightfast.storage.describe());
    return lightfast;
  }

  public int port() {
    return app.port();
  }

  public AdminToken adminToken() {
    return adminToken;
  }

  public Storage storage() {
    return storage;
  }

  public WebhookIngestion ingestion() {
    return ingestion;
  }

  public static String version() {
    String v = Lightfast.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      storage.close();
      metrics.close();
    }
  }
}
