package dev.lightfast.bench;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A large, realistic-sounding engineering history for scale tests: canonical GitHub events
 * (pull requests opened and merged, reviews, pushed commits, issues, deployments) across a few
 * dozen repositories and people, each with a title and a body of about forty words drawn from a
 * software team's vocabulary. Seeded, so the same count gives the same history.
 */
final class SyntheticHistory {
    private static final String[] PEOPLE = {
        "alice", "bob", "carol", "dmitri", "erin", "farah", "gus", "hana", "ivan", "jules", "kenji", "lena", "marco",
        "nadia", "oscar", "priya", "quinn", "rosa", "sami", "tomas"
    };
    private static final String[] SERVICES = {
        "payments-api",
        "checkout-web",
        "auth-service",
        "billing-worker",
        "search-indexer",
        "notifications",
        "ledger",
        "fraud-scoring",
        "inventory",
        "shipping-rates",
        "admin-console",
        "mobile-gateway",
        "reporting",
        "webhooks-relay",
        "feature-flags",
        "session-store",
        "image-resizer",
        "email-templates",
        "tax-engine",
        "user-profile",
        "catalog",
        "recommendations",
        "rate-limiter",
        "audit-log"
    };
    private static final String[] AREAS = {
        "retry logic",
        "connection pool",
        "cache invalidation",
        "pagination",
        "currency rounding",
        "timezone handling",
        "token refresh",
        "rate limits",
        "schema migration",
        "error messages",
        "dark mode",
        "CSV export",
        "webhook signatures",
        "idempotency keys",
        "batch jobs",
        "search ranking",
        "session timeout",
        "image uploads",
        "locale formatting",
        "audit trail",
        "feature flag rollout",
        "database indexes",
        "memory usage",
        "cold start latency",
        "TLS certificates",
        "log volume"
    };
    private static final String[] VERBS = {
        "Fix",
        "Refactor",
        "Speed up",
        "Add tests for",
        "Simplify",
        "Harden",
        "Document",
        "Remove dead code in",
        "Instrument",
        "Parallelize",
        "Cache",
        "Validate"
    };
    private static final String[] SYMPTOMS = {
        "times out under load",
        "returns 500 for empty carts",
        "double-charges on retry",
        "drops events after a deploy",
        "leaks connections",
        "shows stale prices",
        "logs customer emails",
        "rejects valid tokens",
        "slows down every Monday",
        "fails on leap days",
        "sends duplicate notifications",
        "ignores the locale",
        "uses too much memory",
        "breaks on Safari"
    };
    private static final String[] DETAILS = {
        "The p99 went from 180 ms to 2.3 s after the last release.",
        "Customers on the enterprise plan reported it first.",
        "It only happens when the queue is backed up.",
        "We traced it to a missing index on the orders table.",
        "A flaky integration test hid it for weeks.",
        "The fix keeps the old behaviour behind a flag for one release.",
        "This also removes a lock that serialized every request.",
        "Metrics and an alert are included.",
        "The migration is backwards compatible and can be rolled back.",
        "Reviewed with the on-call engineer.",
        "See the incident notes from last Thursday for context.",
        "Benchmarks attached in the description."
    };
    private static final String[] ENVIRONMENTS = {"production", "staging", "preview"};

    private final SplittableRandom random;
    private final Instant start;

    SyntheticHistory(long seed, Instant start) {
        this.random = new SplittableRandom(seed);
        this.start = start;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String sha() {
        return String.format(Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
    }

    private String sentence() {
        return pick(DETAILS) + " " + pick(DETAILS);
    }

    private static final int EVENTS_PER_DELIVERY = 100;
    private static final int DELIVERIES_PER_APPEND = 10;

    /**
     * Appends this history's first {@code count} events to the tenant's log, straight through the
     * port (no HTTP): deliveries of 100 events, ten deliveries per append.
     */
    void appendTo(EventLog log, TenantId tenant, int count) {
        List<IncomingDelivery> batch = new ArrayList<>();
        for (int i = 0; i < count; i += EVENTS_PER_DELIVERY) {
            List<EventDraft> drafts = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + EVENTS_PER_DELIVERY); j++) {
                drafts.add(event(j));
            }
            String key = tenant.value() + "-" + i;
            batch.add(new IncomingDelivery(
                    "github",
                    null,
                    key,
                    "synthetic",
                    Map.of(),
                    ("{\"synthetic\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    drafts.getFirst().occurredAt(),
                    drafts));
            if (batch.size() == DELIVERIES_PER_APPEND) {
                log.append(tenant, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            log.append(tenant, batch);
        }
    }

    /** The {@code i}-th event; events are a minute apart on average. */
    EventDraft event(long i) {
        String repo = "acme/" + pick(SERVICES);
        String person = pick(PEOPLE);
        String area = pick(AREAS);
        long number = 1 + random.nextInt(5_000);
        Instant at = start.plusSeconds(i * 60 + random.nextInt(60));
        var actor = EntityRef.of("person", "github:" + person, person);
        var repository = EntityRef.of("repository", "github:" + repo, repo);
        int kind = random.nextInt(10);
        String key = "synthetic-" + i;
        return switch (kind) {
            case 0, 1 -> {
                String title = pick(VERBS) + " " + area + " in " + repo.substring(5);
                yield EventDraft.builder("github", "github.pull_request.opened")
                        .occurredAt(at)
                        .actor(actor)
                        .subject(repository)
                        .subject(
                                EntityRef.of("pull_request", "github:" + repo + "/pull/" + number, repo + "#" + number))
                        .title(person + " opened pull request #" + number + " in " + repo + ": " + title)
                        .body("Fixes #" + (number + 1) + ". The " + area + " " + pick(SYMPTOMS) + ". " + sentence())
                        .attribute("number", number)
                        .attribute("title", title)
                        .attribute("author", person)
                        .attribute("head_branch", person + "/" + area.replace(' ', '-'))
                        .url("https://github.com/" + repo + "/pull/" + number)
                        .idempotencyKey(key)
                        .build();
            }
            case 2 ->
                EventDraft.builder("github", "github.pull_request.merged")
                        .occurredAt(at)
                        .actor(actor)
                        .subject(repository)
                        .subject(
                                EntityRef.of("pull_request", "github:" + repo + "/pull/" + number, repo + "#" + number))
                        .title(person + " merged pull request #" + number + " in " + repo + ": " + pick(VERBS) + " "
                                + area)
                        .body(sentence())
                        .attribute("number", number)
                        .attribute("merged_by", person)
                        .attribute("merge_commit_sha", sha())
                        .url("https://github.com/" + repo + "/pull/" + number)
                        .idempotencyKey(key)
                        .build();
            case 3 -> {
                String reviewer = pick(PEOPLE);
                yield EventDraft.builder("github", "github.pull_request_review.submitted")
                        .occurredAt(at)
                        .actor(EntityRef.of("person", "github:" + reviewer, reviewer))
                        .subject(repository)
                        .subject(
                                EntityRef.of("pull_request", "github:" + repo + "/pull/" + number, repo + "#" + number))
                        .title(reviewer + " approved pull request #" + number + " in " + repo)
                        .body("Looks good. One question about the " + area + ": " + pick(DETAILS))
                        .attribute("number", number)
                        .attribute("reviewer", reviewer)
                        .attribute("state", "approved")
                        .attribute("review_id", i)
                        .url("https://github.com/" + repo + "/pull/" + number)
                        .idempotencyKey(key)
                        .build();
            }
            case 4, 5, 6 -> {
                String sha = sha();
                String message = pick(VERBS) + " " + area + " (#" + number + ")";
                yield EventDraft.builder("github", "github.commit.pushed")
                        .occurredAt(at)
                        .actor(actor)
                        .subject(repository)
                        .subject(EntityRef.of("commit", "git:" + sha, sha.substring(0, 7)))
                        .subject(EntityRef.of("branch", "github:" + repo + "/branch/main", "main"))
                        .title(person + " pushed " + sha.substring(0, 7) + " to main in " + repo + ": " + message)
                        .body(message + "\n\n" + sentence())
                        .attribute("sha", sha)
                        .attribute("author_username", person)
                        .attribute("author_email", person + "@acme.dev")
                        .attribute("author_name", person)
                        .attribute("branch", "main")
                        .url("https://github.com/" + repo + "/commit/" + sha)
                        .idempotencyKey(key)
                        .build();
            }
            case 7, 8 -> {
                String symptom = pick(SYMPTOMS);
                yield EventDraft.builder("github", "github.issue.opened")
                        .occurredAt(at)
                        .actor(actor)
                        .subject(repository)
                        .subject(EntityRef.of("issue", "github:" + repo + "/issues/" + number, repo + "#" + number))
                        .title(person + " opened issue #" + number + " in " + repo + ": " + area + " " + symptom)
                        .body("Steps to reproduce: the " + area + " " + symptom + ". " + sentence())
                        .attribute("number", number)
                        .attribute("author", person)
                        .attribute("state", "open")
                        .url("https://github.com/" + repo + "/issues/" + number)
                        .idempotencyKey(key)
                        .build();
            }
            default -> {
                String sha = sha();
                String env = pick(ENVIRONMENTS);
                long id = 1_000_000 + i;
                yield EventDraft.builder("github", "github.deployment.created")
                        .occurredAt(at)
                        .actor(actor)
                        .subject(repository)
                        .subject(
                                EntityRef.of("deployment", "github:" + repo + "/deployments/" + id, "deployment " + id))
                        .subject(EntityRef.of("commit", "git:" + sha, sha.substring(0, 7)))
                        .title(person + " deployed " + sha.substring(0, 7) + " of " + repo + " to " + env)
                        .body("Deploying main to " + env + " with the " + area + " change. " + pick(DETAILS))
                        .attribute("environment", env)
                        .attribute("sha", sha)
                        .attribute("deployment_id", id)
                        .url("https://github.com/" + repo + "/deployments")
                        .idempotencyKey(key)
                        .build();
            }
        };
    }

    /** Questions a team member might type, for latency runs. */
    static List<String> queries() {
        return List.of(
                "checkout times out under load",
                "who fixed the currency rounding bug",
                "double charge on retry in payments",
                "deploys to production of the ledger",
                "missing index on orders",
                "token refresh rejects valid tokens",
                "memory usage of the search indexer",
                "webhook signature validation",
                "dark mode in the admin console",
                "flaky integration test",
                "rate limiter pagination",
                "session timeout on Safari",
                "CSV export locale formatting",
                "cold start latency after deploy",
                "audit trail for feature flag rollout",
                "connection pool leaks in billing worker");
    }
}
