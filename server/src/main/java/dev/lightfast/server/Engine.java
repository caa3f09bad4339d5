package dev.lightfast.server;

import dev.lightfast.connectors.github.GithubConnector;
import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.connectors.sentry.SentryConnector;
import dev.lightfast.connectors.slack.SlackConnector;
import dev.lightfast.connectors.vercel.VercelConnector;
import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.answer.ProseWriter;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.graph.GraphProjector;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.graph.ProjectionRunner;
import dev.lightfast.core.ingest.EventSubmission;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.core.outbound.OutboundDispatcher;
import dev.lightfast.core.outbound.OutboxProjection;
import dev.lightfast.core.outbound.RetrySchedule;
import dev.lightfast.core.outbound.SubscriptionDelivery;
import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.progress.ProgressReport;
import dev.lightfast.core.search.EventVectors;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchProjection;
import dev.lightfast.core.search.SharedVectors;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.EventMessages;
import dev.lightfast.core.subscription.MessageSource;
import dev.lightfast.core.subscription.SecretSealer;
import dev.lightfast.core.subscription.Subscriptions;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.search.LuceneSearchIndex;
import dev.lightfast.search.MiniLmEmbedder;
import dev.lightfast.server.answer.ChatCompletionsProse;
import dev.lightfast.server.outbound.AddressPolicy;
import dev.lightfast.server.outbound.HttpWebhookSender;
import dev.lightfast.server.outbound.Resolver;
import dev.lightfast.server.outbound.WebhookEndpoints;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything but HTTP, wired in one place: the store, the connectors, ingestion, the projections
 * that follow the log (graph, search index) and what reads them (search, answers). The server, the
 * CLI's offline commands and the MCP stdio server all open one of these.
 */
public final class Engine implements AutoCloseable {
    static {
        // Outbound webhooks connect to the address they checked and name the host in the Host header,
        // which the JDK's HTTP client refuses unless told otherwise before its first use.
        String allowed = System.getProperty(HttpWebhookSender.ALLOW_HOST_HEADER, "");
        if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
            System.setProperty(HttpWebhookSender.ALLOW_HOST_HEADER, allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    private final Storage storage;
    private final Connectors connectors;
    private final Clock clock;
    private final LuceneSearchIndex index;
    private final MiniLmEmbedder embedder;
    private final WebhookIngestion ingestion;
    private final EventSubmission submission;
    private final Search search;
    private final Answerer answerer;
    private final List<Projection> projectionList;
    private final ProjectionRunner projections;
    private final AddressPolicy addresses;
    private final Subscriptions subscriptions;
    private final HttpWebhookSender sender;
    private final OutboundDispatcher dispatcher;
    private final List<OutboxProjection> outboxes;

    /**
     * How subscriptions' signing secrets are kept at rest: the one place to give an encrypting
     * {@link SecretSealer} (a key kept outside the database) when there is one.
     */
    private static final SecretSealer SECRETS = SecretSealer.PLAINTEXT;

    private Engine(Storage storage, Path dataDir, Clock clock, ProseWriter prose, boolean webhooksAllowPrivate) {
        this.storage = storage;
        this.clock = clock;
        this.connectors = connectors();
        this.index = LuceneSearchIndex.open(dataDir.resolve("index"));
        this.embedder = new MiniLmEmbedder();
        this.ingestion = new WebhookIngestion(connectors, storage.connections(), storage.eventLog(), clock);
        this.submission = new EventSubmission(connectors, storage.eventLog(), clock);
        this.search = new Search(index, embedder);
        this.answerer = new Answerer(search, storage.graph(), storage.eventLog(), prose);
        this.projectionList = List.of(
                new GraphProjector(storage.eventLog(), storage.graph(), connectors),
                new SearchProjection(
                        storage.eventLog(),
                        index,
                        storage.embeddings()
                                .<EventVectors>map(shared -> new SharedVectors(shared, embedder))
                                .orElseGet(() -> EventVectors.embeddedBy(embedder))));
        // Outbound webhooks: the sources of messages (the log; violations once rules are present), an
        // outbox projection following each, and the dispatcher sending what they queue.
        List<MessageSource> messageSources = List.of(new EventMessages(storage.eventLog()));
        this.addresses = AddressPolicy.of(webhooksAllowPrivate);
        this.subscriptions = new Subscriptions(
                storage.subscriptions(),
                storage.outbox(),
                messageSources,
                SECRETS,
                new WebhookEndpoints(addresses, Resolver.SYSTEM),
                clock);
        this.sender = new HttpWebhookSender(addresses);
        this.dispatcher = new OutboundDispatcher(
                storage.tenants(),
                storage.outbox(),
                new SubscriptionDelivery(
                        storage.subscriptions(),
                        storage.outbox(),
                        SECRETS,
                        sender,
                        storage.eventLog(),
                        clock,
                        RetrySchedule.SVIX));
        this.subscriptions.onQueued(dispatcher::wake);
        this.outboxes = messageSources.stream()
                .map(source ->
                        new OutboxProjection(source, storage.subscriptions(), storage.outbox(), dispatcher::wake))
                .toList();
        // The outbox follows the log like the views do, but is never rebuilt (that would send it all again).
        var following = new ArrayList<Projection>(projectionList);
        following.addAll(outboxes);
        this.projections = new ProjectionRunner(storage.tenants(), storage.eventLog(), following);
    }

    /** The tools this build knows. A new connector is one line here and its own package. */
    public static Connectors connectors() {
        return new Connectors(List.of(
                new GithubConnector(),
                new LinearConnector(),
                new SentryConnector(),
                new VercelConnector(),
                new SlackConnector()));
    }

    /**
     * Opens the embedded store in {@code dataDir}, with the search index beside it, and the language
     * model for answers' prose when {@code LIGHTFAST_LLM_URL} is set.
     */
    public static Engine open(Path dataDir, Clock clock) {
        return open(
                dataDir,
                clock,
                ChatCompletionsProse.fromEnvironment(System.getenv()).orElse(null));
    }

    /**
     * Opens the store the configuration names: PostgreSQL when it has a URL, else the embedded store
     * in its data directory. The search index is always local, in the data directory: on PostgreSQL
     * each server keeps its own and follows the shared log.
     */
    public static Engine open(ServerConfig config, Clock clock) {
        Storage storage = config.postgresUrl() != null
                ? PostgresStorage.open(config.postgresUrl())
                : SqliteStorage.open(config.dataDir());
        return open(
                storage,
                config.dataDir(),
                clock,
                ChatCompletionsProse.fromEnvironment(System.getenv()).orElse(null),
                config.webhooksAllowPrivate());
    }

    /** As {@link #open(Path, Clock)}, with a given prose writer (null: extractive summaries only). */
    public static Engine open(Path dataDir, Clock clock, ProseWriter prose) {
        return open(SqliteStorage.open(dataDir), dataDir, clock, prose, false);
    }

    private static Engine open(
            Storage storage, Path dataDir, Clock clock, ProseWriter prose, boolean webhooksAllowPrivate) {
        try {
            return new Engine(storage, dataDir, clock, prose, webhooksAllowPrivate);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public Storage storage() {
        return storage;
    }

    public Connectors connectorRegistry() {
        return connectors;
    }

    public Clock clock() {
        return clock;
    }

    public LuceneSearchIndex index() {
        return index;
    }

    public MiniLmEmbedder embedder() {
        return embedder;
    }

    public WebhookIngestion ingestion() {
        return ingestion;
    }

    public EventSubmission submission() {
        return submission;
    }

    public Search search() {
        return search;
    }

    public Answerer answerer() {
        return answerer;
    }

    public ProjectionRunner projections() {
        return projections;
    }

    /** Outbound webhook subscriptions: make, change, rotate, test, replay. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Sends queued webhooks once started (the server starts it with the projections). */
    public OutboundDispatcher dispatcher() {
        return dispatcher;
    }

    /** The outbox projections, one per message source. */
    public List<OutboxProjection> outboxes() {
        return outboxes;
    }

    /** Where outbound webhooks may go. */
    public AddressPolicy webhookAddresses() {
        return addresses;
    }

    /**
     * Forgets a tenant's graph and index and derives them again from the log, synchronously. Call it
     * when the projections are not running (the {@code rebuild} command), or answers would mix.
     *
     * @return events applied per projection
     */
    public List<Integer> rebuild(TenantId tenant) {
        return rebuild(tenant, ProgressReport.SILENT);
    }

    /** As {@link #rebuild(TenantId)}, telling {@code report} how far each projection is. */
    public List<Integer> rebuild(TenantId tenant, ProgressReport report) {
        long events = storage.eventLog().lastSeq(tenant);
        return projectionList.stream()
                .map(p -> {
                    p.reset(tenant);
                    var progress = new Progress("rebuild " + tenant.value() + ": " + p.name(), "events", events);
                    int total = 0;
                    for (int n; (n = p.catchUp(tenant)) > 0; ) {
                        total += n;
                        progress.advance(n);
                        report.update(progress);
                    }
                    report.finish(progress);
                    return total;
                })
                .toList();
    }

    /** Brings every projection up to date for every tenant, synchronously. */
    public void catchUp() {
        for (Tenant t : storage.tenants().list()) {
            for (Projection p : projectionList) {
                while (p.catchUp(t.id()) > 0) {
                    // keep going until the projection has read the whole log
                }
            }
        }
        index.commit();
    }

    /** Derived state first (it reads the log), then the log itself. */
    @Override
    public void close() {
        try {
            dispatcher.close();
            sender.close();
            projections.close();
            index.close();
            embedder.close();
        } finally {
            storage.close();
        }
    }
}
