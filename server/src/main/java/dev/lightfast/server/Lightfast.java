package dev.lightfast.server;

import dev.lightfast.core.graph.ProjectionRunner;
import dev.lightfast.core.identity.IdentityLinks;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.server.answer.AnswerApi;
import dev.lightfast.server.auth.AdminToken;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.auth.ConsoleSessions;
import dev.lightfast.server.connections.ConnectionsApi;
import dev.lightfast.server.connections.WebhookUrls;
import dev.lightfast.server.console.ConsoleAssets;
import dev.lightfast.server.console.ConsoleSessionApi;
import dev.lightfast.server.entities.EntitiesApi;
import dev.lightfast.server.events.DeliveryBodyApi;
import dev.lightfast.server.events.EventStream;
import dev.lightfast.server.events.EventsApi;
import dev.lightfast.server.http.ErrorResponses;
import dev.lightfast.server.http.JettyErrors;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.http.SecurityHeaders;
import dev.lightfast.server.identities.IdentitiesApi;
import dev.lightfast.server.mcp.McpHttpEndpoint;
import dev.lightfast.server.mcp.OriginPolicy;
import dev.lightfast.server.ops.OpsApi;
import dev.lightfast.server.ops.ServerMetrics;
import dev.lightfast.server.projections.ProjectionsApi;
import dev.lightfast.server.reason.ClaimsApi;
import dev.lightfast.server.reason.PatternsApi;
import dev.lightfast.server.reason.WhyApi;
import dev.lightfast.server.rules.RulesApi;
import dev.lightfast.server.rules.ViolationsApi;
import dev.lightfast.server.search.HitEntities;
import dev.lightfast.server.search.SearchApi;
import dev.lightfast.server.subscriptions.SubscriptionsApi;
import dev.lightfast.server.tenants.TenantsApi;
import dev.lightfast.server.webhooks.WebhookIngress;
import dev.lightfast.server.webhooks.WebhooksApi;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import java.time.Clock;
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

    private final ServerConfig config;
    private final Engine engine;
    private final dev.lightfast.core.backfill.Backfills backfills;
    private final ServerMetrics metrics;
    private final AdminToken adminToken;
    private final McpHttpEndpoint mcp;
    private final EventStream eventStream;
    private final Javalin app;

    private Lightfast(ServerConfig config, java.util.List<dev.lightfast.core.backfill.HistoryReader> readers) {
        Clock clock = Clock.systemUTC();
        this.config = config;
        this.engine = Engine.open(config, clock);
        try {
            var storage = engine.storage();
            this.metrics = new ServerMetrics();
            this.adminToken = AdminToken.resolve(config.adminToken(), config.dataDir());
            var apiKeys = new ApiKeyAuthenticator(storage.tenants());
            this.mcp = new McpHttpEndpoint(engine, apiKeys, OriginPolicy.fromEnvironment(System.getenv()));
            var webhookFailures = new dev.lightfast.core.coverage.WebhookFailures(clock);
            this.backfills = new dev.lightfast.core.backfill.Backfills(
                    storage.backfills(),
                    storage.connections(),
                    storage.eventLog(),
                    readers != null ? readers : defaultReaders(clock),
                    storage.secretKeys(),
                    clock);
            var webhooks = new WebhooksApi(engine.ingestion(), metrics, webhookFailures);
            this.eventStream = new EventStream(storage.eventLog());
            this.app = Javalin.create(javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.concurrency.useVirtualThreads = true;
                javalin.http.maxRequestSize = WebhooksApi.MAX_DELIVERY;
                javalin.jsonMapper(new JavalinJackson3(Json.MAPPER, true));
                javalin.jetty.host = config.host();
                javalin.jetty.port = config.port();
                javalin.jetty.modifyServer(server -> {
                    // Innermost: webhooks are answered on Jetty's own request, inside graceful shutdown
                    // and the security headers, before the servlet layer and the router.
                    server.insertHandler(new WebhookIngress(webhooks, metrics));
                    server.insertHandler(new GracefulHandler());
                    server.insertHandler(new SecurityHeaders());
                    server.setErrorHandler(new JettyErrors());
                    server.setStopTimeout(STOP_TIMEOUT_MS);
                    server.setStopAtShutdown(false); // we stop it ourselves, before the store
                });
                javalin.jetty.modifyServletContextHandler(context -> {
                    context.setErrorHandler(new JettyErrors.Servlet());
                    mcp.mount(context);
                });
                javalin.requestLogger.http(metrics::request);
                ConsoleAssets.install(javalin);
                ErrorResponses.install(javalin);

                var sessions = new ConsoleSessions(clock);
                var routes = new Routes(javalin, adminToken, apiKeys, sessions);
                new ConsoleSessionApi(apiKeys, sessions, config.publicUrl()).register(routes);
                new OpsApi(storage.eventLog(), metrics, version()).register(routes);
                new TenantsApi(storage.tenants(), clock).register(routes);
                new ConnectionsApi(
                                storage.connections(),
                                engine.connectorRegistry(),
                                new WebhookUrls(config.publicUrl(), config.postgresUrl() == null),
                                clock)
                        .register(routes);
                // Before /v1/events/{id}, which would otherwise take "stream" for an id.
                eventStream.register(routes);
                new EventsApi(storage.eventLog(), engine.submission(), clock).register(routes);
                new DeliveryBodyApi(storage.eventLog()).register(routes);
                webhooks.register(routes);
                new SearchApi(engine.search(), engine.index(), new HitEntities(storage.eventLog(), storage.graph()))
                        .register(routes);
                new EntitiesApi(storage.graph(), storage.eventLog()).register(routes);
                new AnswerApi(engine.answerer()).register(routes);
                new ProjectionsApi(storage.eventLog(), engine.projections().projections()).register(routes);
                new IdentitiesApi(new IdentityLinks(storage.eventLog(), clock), storage.graph()).register(routes);
                new RulesApi(
                                engine.rules(),
                                storage.rules(),
                                engine.dryRun(),
                                engine.ruleCheck(),
                                storage.eventLog(),
                                clock)
                        .register(routes);
                new ViolationsApi(storage.rules()).register(routes);
                new ClaimsApi(engine.truths(), engine.statements(), storage.claims(), storage.graph()).register(routes);
                new WhyApi(engine.why(), storage.graph(), storage.eventLog()).register(routes);
                new PatternsApi(engine.patterns(), storage.patterns(), engine.risk(), storage.graph()).register(routes);
                new SubscriptionsApi(engine.subscriptions()).register(routes);
                new dev.lightfast.server.intents.IntentsApi(
                                engine.intents(),
                                storage.connections(),
                                storage.tenants(),
                                engine.endpoints()::checkApiBase,
                                clock)
                        .register(routes);
                new dev.lightfast.server.backfill.BackfillApi(
                                backfills, storage.connections(), engine.endpoints()::checkApiBase)
                        .register(routes);
                new dev.lightfast.server.coverage.CoverageApi(new dev.lightfast.core.coverage.Coverage(
                                storage.connections(),
                                storage.connectionActivity(),
                                storage.eventLog(),
                                storage.graph(),
                                webhookFailures,
                                engine.connectorRegistry()::toolOf,
                                clock))
                        .register(routes);
                mcp.describe(routes);
            });
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The tools whose history can be read, waiting out their limits for real. */
    private static java.util.List<dev.lightfast.core.backfill.HistoryReader> defaultReaders(Clock clock) {
        return java.util.List.of(new dev.lightfast.connectors.github.GithubHistoryReader(
                java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(10))
                        .build(),
                clock));
    }

    /** Opens the data directory and starts serving. */
    public static Lightfast start(ServerConfig config) {
        return start(config, null);
    }

    /**
     * As {@link #start(ServerConfig)}, reading tools' histories with {@code readers} (null for the
     * real ones): tests and the bench give readers whose waits move a test clock.
     */
    public static Lightfast start(
            ServerConfig config, java.util.List<dev.lightfast.core.backfill.HistoryReader> readers) {
        var lightfast = new Lightfast(config, readers);
        try {
            lightfast.app.start();
            if (config.projections()) {
                lightfast.engine.projections().start();
                lightfast.engine.dispatcher().start();
            }
            var tenants = lightfast.engine.storage().tenants().list().stream()
                    .map(dev.lightfast.core.tenant.Tenant::id)
                    .toList();
            // Plans a stopped server was running carry on: in-flight calls are looked up first.
            lightfast.engine.executor().resume(tenants);
            // Tokens sealed under a retired key (after rotate-secret-key) move to the current one.
            dev.lightfast.core.backfill.BackfillTokens.resealAll(
                    lightfast.engine.storage().backfills(),
                    lightfast.engine.storage().secretKeys(),
                    tenants);
            // Jobs that were running when the server stopped go on from their cursors.
            lightfast.backfills.resume(tenants);
        } catch (RuntimeException e) {
            lightfast.engine.close();
            throw e;
        }
        if (config.publicUrl() == null || config.publicUrl().isBlank()) {
            LOG.warn(
                    "LIGHTFAST_PUBLIC_URL is not set: {}; set it to the address tools reach this server at",
                    config.postgresUrl() == null
                            ? "webhook URLs are built from each request's Host header"
                            : "on PostgreSQL webhook URLs are handed out as paths only, never built from a request's"
                                    + " Host header");
        }
        LOG.debug(
                "Lightfast {} serving on port {}, {}; {}",
                version(),
                lightfast.port(),
                lightfast.engine.storage().describe(),
                lightfast.runtime());
        return lightfast;
    }

    /** What this server runs on, in one line: the JVM, the cores, the embedding model and its SIMD. */
    public String runtime() {
        boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return "Java " + Runtime.version().feature() + " (" + System.getProperty("java.vm.vendor", "?") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores; embeddings "
                + engine.embedder().name()
                + " on CPU (ONNX Runtime); vector search " + (simd ? "with SIMD (Vector API)" : "without SIMD");
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    public AdminToken adminToken() {
        return adminToken;
    }

    public Storage storage() {
        return engine.storage();
    }

    public WebhookIngestion ingestion() {
        return engine.ingestion();
    }

    /**
     * Every route the HTTP server answers, as "METHOD /path": those in Javalin's router and those of
     * the servlets mounted beside it. The API description is checked against this list.
     */
    public java.util.List<String> servedRoutes() {
        var served = new java.util.ArrayList<String>();
        for (var parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            served.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
        }
        for (String method : McpHttpEndpoint.METHODS) {
            served.add(method + " " + McpHttpEndpoint.PATH);
        }
        return served;
    }

    public Engine engine() {
        return engine;
    }

    /** The backfill jobs this server runs (tests wait on them). */
    public dev.lightfast.core.backfill.Backfills backfills() {
        return backfills;
    }

    /** The graph and search projections following the log (tests wait on them). */
    public ProjectionRunner projections() {
        return engine.projections();
    }

    public static String version() {
        String v = Lightfast.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        try {
            backfills.close();
            mcp.close();
            eventStream.close();
            app.stop();
        } finally {
            engine.close();
            metrics.close();
        }
    }
}
