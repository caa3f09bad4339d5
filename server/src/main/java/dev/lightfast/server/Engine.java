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
import dev.lightfast.core.secret.SealedSubscriptionSecrets;
import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.storage.PrivateFiles;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.EventMessages;
import dev.lightfast.core.subscription.MessageSource;
import dev.lightfast.core.subscription.Subscriptions;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.pattern.PatternProjection;
import dev.lightfast.reason.pattern.Patterns;
import dev.lightfast.reason.risk.RiskModel;
import dev.lightfast.reason.rule.DryRun;
import dev.lightfast.reason.rule.RuleBook;
import dev.lightfast.reason.rule.RuleCheck;
import dev.lightfast.reason.rule.RuleCompiler;
import dev.lightfast.reason.rule.RuleLimits;
import dev.lightfast.reason.rule.RuleProjection;
import dev.lightfast.reason.truth.ClaimProjection;
import dev.lightfast.reason.truth.EventClaims;
import dev.lightfast.reason.truth.Statements;
import dev.lightfast.reason.truth.TruthPolicies;
import dev.lightfast.reason.truth.Truths;
import dev.lightfast.reason.why.CausalChains;
import dev.lightfast.reason.why.DeployedCommits;
import dev.lightfast.search.LuceneSearchIndex;
import dev.lightfast.search.OnnxEmbedder;
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
 * that follow the log (graph, search index, rule verdicts, claims, patterns) and what reads them
 * (search, answers, rules, truth, why-chains, risk). The server, the
 * CLI's offline commands and the MCP stdio server all open one of these.
 */
public final class Engine implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);

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
    private final OnnxEmbedder embedder;
    private final WebhookIngestion ingestion;
    private final EventSubmission submission;
    private final Search search;
    private final Answerer answerer;
    private final RuleBook rules;
    private final DryRun dryRun;
    private final RuleCheck ruleCheck;
    private final Truths truths;
    private final Statements statements;
    private final CausalChains why;
    private final Patterns patterns;
    private final RiskModel risk;
    private final List<Projection> projectionList;
    private final ProjectionRunner projections;
    private final AddressPolicy addresses;
    private final WebhookEndpoints endpoints;
    private final Subscriptions subscriptions;
    private final HttpWebhookSender sender;
    private final OutboundDispatcher dispatcher;
    private final List<OutboxProjection> outboxes;

    private final dev.lightfast.core.act.IntentExecutor executor;
    private final dev.lightfast.core.act.Intents intents;

    /** Subscriptions' signing secrets at rest: sealed with the installation's keys, like webhook secrets. */
    private final SealedSubscriptionSecrets secrets;

    private Engine(Storage storage, Path dataDir, Clock clock, ProseWriter prose, boolean webhooksAllowPrivate) {
        this.storage = storage;
        this.clock = clock;
        this.connectors = connectors();
        this.embedder = new OnnxEmbedder(OnnxEmbedder.Model.fromEnvironment(System.getenv()));
        // Vectors of another model or text rule are not comparable: such an index is rebuilt.
        this.index = LuceneSearchIndex.open(
                PrivateFiles.directory(dataDir.resolve("index")),
                embedder.name() + "|" + SearchProjection.EMBEDDED_TEXT);
        this.ingestion = new WebhookIngestion(connectors, storage.connections(), storage.eventLog(), clock);
        this.submission = new EventSubmission(connectors, storage.eventLog(), clock);
        this.search = new Search(index, embedder);
        // Why-chains read the graph and what the patterns projection noted (deployments before incidents).
        this.why = new CausalChains(storage.graph(), storage.patterns(), new DeployedCommits(storage.graph()));
        this.answerer = new Answerer(search, storage.graph(), storage.eventLog(), prose, why);
        this.truths = new Truths(storage.claims(), TruthPolicies.fromEnvironment(System.getenv()));
        this.statements = new Statements(storage.eventLog(), clock);
        this.patterns = new Patterns(storage.patterns());
        this.risk = new RiskModel(storage.patterns(), storage.graph());
        var ruleCompiler = new RuleCompiler();
        var graphProjector = new GraphProjector(storage.eventLog(), storage.graph(), connectors);
        this.rules = new RuleBook(storage.eventLog(), ruleCompiler, RuleLimits.DEFAULT, clock);
        this.dryRun = new DryRun(storage.eventLog(), storage.graph(), ruleCompiler, graphProjector::touches);
        this.ruleCheck = new RuleCheck(storage.eventLog(), storage.graph(), ruleCompiler, rules);
        this.projectionList = List.of(
                graphProjector,
                new SearchProjection(
                        storage.eventLog(),
                        index,
                        storage.embeddings()
                                .<EventVectors>map(shared -> new SharedVectors(shared, embedder))
                                .orElseGet(() -> EventVectors.embeddedBy(embedder))),
                // After the graph: a rule reading the graph judges an event once the graph has it.
                new RuleProjection(
                        storage.eventLog(), storage.graph(), storage.rules(), ruleCompiler, graphProjector::touches),
                // Claims and patterns read each event through the tools' own extractors: no wait on the graph.
                new ClaimProjection(storage.eventLog(), storage.claims(), connectors),
                new PatternProjection(
                        storage.eventLog(), storage.patterns(), graphProjector::facts, new EventClaims(connectors)));
        // Outbound webhooks: the sources of messages (the log; violations once rules are present), an
        // outbox projection following each, and the dispatcher sending what they queue.
        List<MessageSource> messageSources = List.of(new EventMessages(storage.eventLog()));
        this.addresses = AddressPolicy.of(webhooksAllowPrivate);
        this.secrets = new SealedSubscriptionSecrets(storage.secretKeys());
        secrets.resealAll(
                storage.subscriptions(),
                storage.tenants().list().stream().map(Tenant::id).toList());
        this.endpoints = new WebhookEndpoints(addresses, Resolver.SYSTEM);
        this.subscriptions =
                new Subscriptions(storage.subscriptions(), storage.outbox(), messageSources, secrets, endpoints, clock);
        this.sender = new HttpWebhookSender(addresses);
        this.dispatcher = new OutboundDispatcher(
                storage.tenants(),
                storage.outbox(),
                new SubscriptionDelivery(
                        storage.subscriptions(),
                        storage.outbox(),
                        secrets,
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
        // Act: intents resolved like questions, run by the tools' clients with sealed credentials.
        var clients = new dev.lightfast.core.act.ToolClients(toolClients());
        var credentials = new dev.lightfast.core.act.ActionCredentials(
                storage.intents(), storage.secretKeys(), clock, clients.defaultApiBases());
        credentials.resealAll(storage.tenants().list().stream().map(Tenant::id).toList());
        var actEvents = new dev.lightfast.core.act.ActEvents(storage.eventLog(), clock);
        this.executor = new dev.lightfast.core.act.IntentExecutor(
                storage.intents(),
                clients,
                credentials,
                actEvents,
                dev.lightfast.core.act.Backoff.DEFAULT,
                clock,
                d -> Thread.sleep(d),
                new java.util.SplittableRandom(),
                java.util.concurrent.Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("intent-", 0).factory()));
        var planner = new dev.lightfast.core.act.IntentPlanner(
                new dev.lightfast.core.act.IntentResolver(
                        storage.graph(),
                        answerer,
                        storage.connections(),
                        new dev.lightfast.core.act.Toolbox(toolActions(), connectors::toolOf),
                        clock),
                storage.graph());
        this.intents = new dev.lightfast.core.act.Intents(
                storage.intents(), planner, credentials, clients, executor, actEvents, clock);
    }

    /** The tool clients this build acts with, one per tool. A new one is one line here. */
    public static List<dev.lightfast.core.act.ToolClient> toolClients() {
        return List.of(
                new dev.lightfast.connectors.github.GithubToolClient(),
                new dev.lightfast.connectors.linear.LinearToolClient(),
                new dev.lightfast.connectors.slack.SlackToolClient(),
                new dev.lightfast.connectors.vercel.VercelToolClient(),
                new dev.lightfast.connectors.sentry.SentryToolClient());
    }

    /** The tools' planning halves, beside their clients. A new one is one line here. */
    public static List<dev.lightfast.core.act.ToolActions> toolActions() {
        return List.of(
                new dev.lightfast.connectors.github.GithubActions(),
                new dev.lightfast.connectors.linear.LinearActions(),
                new dev.lightfast.connectors.slack.SlackActions(),
                new dev.lightfast.connectors.vercel.VercelActions(),
                new dev.lightfast.connectors.sentry.SentryActions());
    }

    public dev.lightfast.core.act.Intents intents() {
        return intents;
    }

    public dev.lightfast.core.act.IntentExecutor executor() {
        return executor;
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
        PrivateFiles.directory(config.dataDir());
        SecretKeys keys =
                SecretKeyFile.resolve(config.secretKey(), System.getenv(SecretKeyFile.ENV_PREVIOUS), config.dataDir());
        if (config.postgresUrl() != null && config.secretKey() == null) {
            LOG.warn(
                    "webhook secrets in PostgreSQL are sealed with the key in {}; every server of this database needs"
                            + " the same key: set {} on each (or copy that file into each server's --data)",
                    keys.source(),
                    SecretKeyFile.ENV);
        }
        Storage storage = config.postgresUrl() != null
                ? PostgresStorage.open(config.postgresUrl(), keys)
                : SqliteStorage.open(config.dataDir(), keys);
        LOG.info("webhook secrets are sealed at rest with key {} (from {})", keys.currentId(), keys.source());
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

    public OnnxEmbedder embedder() {
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

    /** The tenants' rules, written to and read from the log. */
    public RuleBook rules() {
        return rules;
    }

    public DryRun dryRun() {
        return dryRun;
    }

    public RuleCheck ruleCheck() {
        return ruleCheck;
    }

    /** What is true of an entity's attributes, from its claims, by the truth policies. */
    public Truths truths() {
        return truths;
    }

    /** Records an operator's statement of what is true, as an event. */
    public Statements statements() {
        return statements;
    }

    /** Why something happened: the causal chain backwards, each step cited. */
    public CausalChains why() {
        return why;
    }

    public Patterns patterns() {
        return patterns;
    }

    public RiskModel risk() {
        return risk;
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
    /** The check of where outbound calls may go: subscriptions' URLs and connections' API bases. */
    public WebhookEndpoints endpoints() {
        return endpoints;
    }

    public AddressPolicy webhookAddresses() {
        return addresses;
    }

    /**
     * Forgets a tenant's graph, index, rule verdicts, claims and patterns and derives them again from
     * the log, in that order (rules may read the graph), synchronously. Call it
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
            executor.close();
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
