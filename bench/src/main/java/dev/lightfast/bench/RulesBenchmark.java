package dev.lightfast.bench;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleSpec;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.rule.DryRun;
import dev.lightfast.reason.rule.EventEntities;
import dev.lightfast.reason.rule.RuleBook;
import dev.lightfast.reason.rule.RuleCompiler;
import dev.lightfast.reason.rule.RuleLimits;
import dev.lightfast.reason.rule.RuleProjection;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What judging rules costs. Two SQLite logs of the same synthetic history ({@code bench scale}'s),
 * one tenant with {@code --rules} simple rules (a type and an {@code if}, spread over the history's
 * event types as a team's would be) written before its history, one with none; both judged from
 * seq 1 by the rules projection the server runs (log reads, evaluation, verdicts written with the
 * checkpoint). The difference is what the rules cost per event; wall and CPU time are both shown.
 * Then one rule is tried over a log of {@code --dry-run-events} by the dry run the API offers.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Rule evaluation: µs per event with N rules over a history, and a dry run over a large log.")
final class RulesBenchmark implements Callable<Integer> {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final TenantId RULED = TenantId.of("ruled");
    private static final TenantId PLAIN = TenantId.of("plain");
    private static final TenantId LARGE = TenantId.of("large");

    /** The synthetic history's event types, as a team's rules would name them. */
    private static final List<String> TYPES = List.of(
            "github.pull_request.opened",
            "github.pull_request.merged",
            "github.pull_request_review.submitted",
            "github.commit.pushed",
            "github.issue.opened",
            "github.deployment.created");

    @Option(names = "--events", defaultValue = "100000", description = "events judged (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rules", defaultValue = "100", description = "rules in force (default ${DEFAULT-VALUE})")
    int rules;

    @Option(
            names = "--dry-run-events",
            defaultValue = "1000000",
            description = "events in the log the dry run reads (default ${DEFAULT-VALUE}; 0 skips it)")
    int dryRunEvents;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || rules < 0 || rules > RuleLimits.DEFAULT.maxRules() || dryRunEvents < 0) {
            throw new IllegalArgumentException(
                    "--events >= 1, --rules 0.." + RuleLimits.DEFAULT.maxRules() + ", --dry-run-events >= 0");
        }
        Path dir = Files.createTempDirectory("lightfast-rules-");
        try (var storage = SqliteStorage.open(dir.resolve("store"))) {
            System.out.printf(
                    "rules benchmark: %,d events, %d rules, %d cores, %s%n",
                    events, rules, Runtime.getRuntime().availableProcessors(), storage.describe());
            var compiler = new RuleCompiler();
            var book =
                    new RuleBook(storage.eventLog(), compiler, RuleLimits.DEFAULT, Clock.fixed(START, ZoneOffset.UTC));
            for (TenantId t : List.of(RULED, PLAIN, LARGE)) {
                storage.tenants()
                        .create(
                                new Tenant(t, t.value(), START),
                                ApiKeys.issue(t, START).stored());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < rules; i++) {
                book.create(RULED, rule(i));
            }
            System.out.printf(
                    "%-34s %10.1f ms each (%d, compiled and type-checked)%n",
                    "rules written", millis(t0) / Math.max(1, rules), rules);
            t0 = System.nanoTime();
            new SyntheticHistory(42, START).appendTo(storage.eventLog(), RULED, events);
            new SyntheticHistory(42, START).appendTo(storage.eventLog(), PLAIN, events);
            System.out.printf("%-34s %10.1f s (%,d events, twice)%n", "logs filled", millis(t0) / 1000, events);

            var projection = new RuleProjection(
                    storage.eventLog(), storage.graph(), storage.rules(), compiler, EventEntities.SUBJECTS);
            // A short warm-up on a third tenant's copy would judge other events; warm up on the plain log instead.
            judge(projection, PLAIN, Math.min(events, 20_000));
            storage.rules().reset(PLAIN);
            var plain = judge(projection, PLAIN, Long.MAX_VALUE);
            var ruled = judge(projection, RULED, Long.MAX_VALUE);
            long judgedEvents = ruled.events - rules;
            System.out.printf(
                    "%-34s %10.2f µs/event wall, %6.2f µs/event CPU%n",
                    "judged, no rules (read + write)",
                    plain.wallNanos / 1e3 / plain.events,
                    plain.cpuNanos / 1e3 / plain.events);
            System.out.printf(
                    "%-34s %10.2f µs/event wall, %6.2f µs/event CPU (%,d violations)%n",
                    "judged, " + rules + " rules",
                    ruled.wallNanos / 1e3 / judgedEvents,
                    ruled.cpuNanos / 1e3 / judgedEvents,
                    storage.rules().stats(RULED).values().stream()
                            .mapToLong(s -> s.open() + s.resolved())
                            .sum());
            System.out.printf(
                    "%-34s %10.2f µs/event wall, %6.2f µs/event CPU  (target <= 50)%n",
                    "the rules' own cost",
                    (ruled.wallNanos / (double) judgedEvents - plain.wallNanos / (double) plain.events) / 1e3,
                    (ruled.cpuNanos / (double) judgedEvents - plain.cpuNanos / (double) plain.events) / 1e3);

            if (dryRunEvents > 0) {
                t0 = System.nanoTime();
                new SyntheticHistory(7, START).appendTo(storage.eventLog(), LARGE, dryRunEvents);
                System.out.printf("%-34s %10.1f s (%,d events)%n", "large log filled", millis(t0) / 1000, dryRunEvents);
                var dry = new DryRun(storage.eventLog(), storage.graph(), compiler, EventEntities.SUBJECTS);
                for (var spec : List.of(
                        spec(Map.of(
                                "name",
                                "no deploys to production",
                                "on",
                                Map.of(
                                        "type",
                                        "github.deployment.created",
                                        "if",
                                        "event.attributes.environment == 'production'"))),
                        spec(Map.of(
                                "name", "opened pull requests are reviewed within an hour",
                                "on", Map.of("type", "github.pull_request.opened"),
                                "expect",
                                        Map.of(
                                                "type", "github.pull_request_review.submitted",
                                                "match", "shares(candidate, trigger, 'pull_request')",
                                                "within", "PT1H"))))) {
                    var rule = new Rule("rul_bench", 1, Rule.Status.ACTIVE, spec, 0, null, START);
                    long cpu0 = cpu();
                    var result = dry.run(LARGE, rule, null, null, 5);
                    System.out.printf(
                            "%-34s %10.1f s wall, %6.1f s CPU: %,d events read, %,d violations (%s)  (target <= 60 s)%n",
                            "dry run over " + String.format("%,d", dryRunEvents),
                            result.tookMs() / 1000.0,
                            (cpu() - cpu0) / 1e9,
                            result.eventsRead(),
                            result.violations(),
                            spec.name());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("(timings on a shared 2-core machine are noisy; CPU time is the steadier figure)");
        return 0;
    }

    private record Judged(long events, long wallNanos, long cpuNanos) {}

    private static Judged judge(RuleProjection projection, TenantId tenant, long upTo) {
        long wall = System.nanoTime();
        long cpu = cpu();
        long judged = 0;
        for (int n; judged < upTo && (n = projection.catchUp(tenant)) > 0; ) {
            judged += n;
        }
        return new Judged(judged, System.nanoTime() - wall, cpu() - cpu);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static RuleSpec spec(Map<String, Object> json) {
        return RuleSpec.fromJson(Json.MAPPER.valueToTree(json));
    }

    /**
     * The i-th of the team's rules: a type and a condition on the event, ten kinds of condition, each
     * true for a small share of events (a rule a team keeps finds few violations).
     */
    static RuleSpec rule(int i) {
        String type = TYPES.get(i % TYPES.size());
        String condition = switch ((i / TYPES.size()) % 10) {
            case 0 -> "event.attributes.number > " + (4_990 + i % 10);
            case 1 -> "event.actor.key == 'github:alice' && event.attributes.number < 50";
            case 2 -> "event.title.contains('retry logic') && event.attributes.number < 100";
            case 3 ->
                "has(event.attributes.environment) && event.attributes.environment == 'production'"
                        + " && event.attributes.number == 7";
            case 4 ->
                "event.subjects.exists(s, s.kind == 'repository' && s.key == 'github:acme/ledger')"
                        + " && event.attributes.number < 20";
            case 5 -> "event.body.contains('enterprise plan') && event.attributes.number % 500 == " + (i % 7);
            case 6 -> "event.attributes.number < 10 && localTime(event.occurredAt, 'Europe/Berlin').hour < 6";
            case 7 -> "event.source != 'github' || event.attributes.size() > 40";
            case 8 -> "event.title.startsWith('bob ') && event.occurredAt < timestamp('2024-01-01T01:00:00Z')";
            default -> "event.attributes.number < 30 && event.title.matches('(cache|session) (invalidation|timeout)')";
        };
        if (condition.contains("attributes.number")) {
            // Pushed commits and deployments have no number: a rule written for all types guards it.
            condition = "has(event.attributes.number) && " + condition;
        }
        String on = i % 17 == 0 ? type.substring(0, type.lastIndexOf('.')) + ".*" : type;
        var json = new java.util.LinkedHashMap<String, Object>();
        json.put("name", "rule " + i);
        json.put("on", Map.of("type", on, "if", condition));
        return spec(json);
    }
}
