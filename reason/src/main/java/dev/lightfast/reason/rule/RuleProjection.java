package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges each tenant's log against its rules as the log grows, off the request path, like the graph
 * follows it: a batch of events judged, then its verdicts written with the checkpoint in one
 * transaction. Where a rule reads the graph, judging waits for the graph to have the event, so that
 * the graph "as of" its seq is the same whenever it is read.
 *
 * <p>The evaluator's state stays in memory between batches while the store's checkpoint is the one
 * it judged up to; otherwise (a rebuild, or on PostgreSQL another server judging this tenant) it is
 * read again from the store and the log. A store that refuses a batch (another server holds the
 * tenant's lease or has moved on) costs the batch, never a verdict twice.
 */
public final class RuleProjection implements Projection {
    static final int BATCH = 500;

    private final EventLog log;
    private final GraphStore graph;
    private final RuleStore store;
    private final RuleCompiler compiler;
    private final EventEntities touches;
    private final int batch;
    private final Map<TenantId, RuleEvaluator> evaluators = new ConcurrentHashMap<>();

    public RuleProjection(
            EventLog log, GraphStore graph, RuleStore store, RuleCompiler compiler, EventEntities touches) {
        this(log, graph, store, compiler, touches, BATCH);
    }

    RuleProjection(
            EventLog log, GraphStore graph, RuleStore store, RuleCompiler compiler, EventEntities touches, int batch) {
        this.log = log;
        this.graph = graph;
        this.store = store;
        this.compiler = compiler;
        this.touches = touches;
        this.batch = batch;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return store.checkpoint(tenant).seq();
    }

    @Override
    public synchronized int catchUp(TenantId tenant) {
        RuleStore.Checkpoint checkpoint = store.checkpoint(tenant);
        RuleEvaluator evaluator = evaluators.get(tenant);
        if (evaluator == null || evaluator.seq() != checkpoint.seq()) {
            evaluator = RuleState.load(tenant, checkpoint, log, graph, store, compiler, touches);
        }
        var page = log.read(tenant, EventQuery.all(batch).after(checkpoint.seq()));
        if (page.events().isEmpty()) {
            evaluators.put(tenant, evaluator);
            return 0;
        }
        long graphAt = -1;
        int judged = 0;
        for (Event e : page.events()) {
            if (evaluator.readsGraph()) {
                if (graphAt < 0) {
                    graphAt = graph.checkpoint(tenant);
                }
                if (e.seq() > graphAt) {
                    break; // the graph has not applied this event yet; judge it when it has
                }
            }
            evaluator.accept(e);
            judged++;
        }
        if (judged == 0) {
            evaluators.put(tenant, evaluator);
            return 0;
        }
        if (store.apply(tenant, evaluator.drain())) {
            evaluators.put(tenant, evaluator);
            return judged;
        }
        evaluators.remove(tenant); // another server judged these; read its state next time
        return 0;
    }

    @Override
    public synchronized void reset(TenantId tenant) {
        evaluators.remove(tenant);
        store.reset(tenant);
    }
}
