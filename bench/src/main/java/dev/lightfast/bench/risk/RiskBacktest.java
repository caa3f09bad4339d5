package dev.lightfast.bench.risk;

import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.graph.GraphProjector;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.pattern.PatternProjection;
import dev.lightfast.reason.risk.RiskModel;
import dev.lightfast.reason.truth.EventClaims;
import dev.lightfast.server.Engine;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Back-tests the risk model honestly: a generated history ({@link TeamMonths}: how it is made is
 * printed) goes into a real SQLite log, the patterns projection the server runs reads it, and the
 * model the API uses is fitted on the deployments before a split and scores every production
 * deployment after it, each on features known before it. Reported: precision at k of "an incident
 * followed within the hour" among the top-scored future deployments, against the base rate.
 */
@Command(
        name = "risk",
        mixinStandardHelpOptions = true,
        description = "Risk back-test: fitted on the past, scored on the future; precision@k against the base rate.")
public final class RiskBacktest implements Callable<Integer> {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final TenantId TEAM = TenantId.of("team");

    @Option(names = "--months", defaultValue = "6", description = "months of history (default ${DEFAULT-VALUE})")
    int months;

    @Option(
            names = "--train-months",
            defaultValue = "4",
            description = "months the model learns from before it scores the rest (default ${DEFAULT-VALUE})")
    int trainMonths;

    @Option(names = "--seed", defaultValue = "17", description = "the generator's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (months < 2 || trainMonths < 1 || trainMonths >= months) {
            throw new IllegalArgumentException("--months >= 2 and 1 <= --train-months < --months");
        }
        int weeks = months * 52 / 12;
        var team = new TeamMonths(seed, START, weeks);
        List<EventDraft> events = team.events();
        var truth = team.truth();
        System.out.printf(
                "risk back-test: %d weeks of a generated team (seed %d): %,d events, %d deployments, %d incidents caused by"
                        + " one, %d unrelated%n",
                weeks, seed, events.size(), truth.deployments(), truth.caused(), truth.background());
        System.out.println(
                "  how it was made: 10 engineers (2 join in month 3), 6 services, Poisson(7) merges a working"
                        + " day, each deployed by its author;");
        System.out.println("  P(incident) = base(service 1-8%) x size(0.6/1.0/2.2) x new author here (1.8) x time"
                + " (Fri pm 1.8, night 1.4, weekend 1.3) x fragility (up 35% per incident, -4%/day)");
        Path dir = Files.createTempDirectory("lightfast-risk-");
        try (var storage = SqliteStorage.open(dir.resolve("store"))) {
            storage.tenants()
                    .create(
                            new Tenant(TEAM, TEAM.value(), START),
                            ApiKeys.issue(TEAM, START).stored());
            append(storage, events);
            var connectors = Engine.connectors();
            var projection = new PatternProjection(
                    storage.eventLog(),
                    storage.patterns(),
                    new GraphProjector(storage.eventLog(), storage.graph(), connectors)::facts,
                    new EventClaims(connectors));
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            while (projection.catchUp(TEAM) > 0) {
                // read the whole log
            }
            System.out.printf(
                    "  patterns projection: %,d events in %.1f s wall, %.1f s CPU (a shared 2-core machine: wall is noisy)%n",
                    events.size(), (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9);
            List<Observation.Deployment> deployments = new ArrayList<>();
            List<Observation.Incident> incidents = new ArrayList<>();
            for (Observation o : storage.patterns().observations(TEAM, null)) {
                if (o instanceof Observation.Deployment d && d.live()) {
                    deployments.add(d);
                } else if (o instanceof Observation.Incident i) {
                    incidents.add(i);
                }
            }
            Instant split = START.plus(Duration.ofDays(7L * weeks * trainMonths / months));
            Instant end = START.plus(Duration.ofDays(7L * weeks + 1));
            var backtest = new RiskModel.Backtest(deployments, incidents);
            int[] learned = backtest.learnedFrom(split);
            List<RiskModel.Scored> scored = new ArrayList<>(backtest.score(split, end));
            scored.sort(Comparator.comparingDouble(RiskModel.Scored::score)
                    .reversed()
                    .thenComparing(RiskModel.Scored::key));
            long followed = scored.stream().filter(RiskModel.Scored::followed).count();
            double base = (double) followed / scored.size();
            System.out.printf(
                    "  fitted on %d deployments before %s (%d followed by an incident within the hour, %.1f%%);"
                            + " scored %d after it%n",
                    learned[0],
                    split.toString().substring(0, 10),
                    learned[1],
                    100.0 * learned[1] / learned[0],
                    scored.size());
            // The ceiling: the same deployments ranked by the generator's own chances, which no model can see.
            List<RiskModel.Scored> oracle = new ArrayList<>(scored);
            oracle.sort(Comparator.comparingDouble((RiskModel.Scored s) -> team.chance(s.key()))
                    .reversed()
                    .thenComparing(RiskModel.Scored::key));
            System.out.println();
            System.out.println("| k | precision@k | base rate (future) | lift | recall@k | ceiling (true chances) |");
            System.out.println("|---|---|---|---|---|---|");
            for (int k : List.of(10, 25, 50, 100, scored.size() / 10)) {
                if (k < 1 || k > scored.size()) {
                    continue;
                }
                long hits = scored.subList(0, k).stream()
                        .filter(RiskModel.Scored::followed)
                        .count();
                double precision = (double) hits / k;
                long best = oracle.subList(0, k).stream()
                        .filter(RiskModel.Scored::followed)
                        .count();
                System.out.printf(
                        Locale.ROOT,
                        "| %d%s | %.1f%% (%d) | %.1f%% (%d of %d) | %.1fx | %.0f%% | %.1f%% |%n",
                        k,
                        k == scored.size() / 10 ? " (top 10%)" : "",
                        100 * precision,
                        hits,
                        100 * base,
                        followed,
                        scored.size(),
                        base == 0 ? 0 : precision / base,
                        followed == 0 ? 0 : 100.0 * hits / followed,
                        100.0 * best / k);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void append(SqliteStorage storage, List<EventDraft> events) {
        List<IncomingDelivery> batch = new ArrayList<>();
        for (EventDraft e : events) {
            batch.add(new IncomingDelivery(
                    e.source(),
                    null,
                    e.idempotencyKey(),
                    e.type(),
                    Map.of(),
                    ("{\"generated\":\"" + e.idempotencyKey() + "\"}").getBytes(StandardCharsets.UTF_8),
                    e.occurredAt(),
                    List.of(e)));
            if (batch.size() == 500) {
                storage.eventLog().append(TEAM, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            storage.eventLog().append(TEAM, batch);
        }
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
