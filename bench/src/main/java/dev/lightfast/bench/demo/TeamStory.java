package dev.lightfast.bench.demo;

import dev.lightfast.bench.demo.SlackDeliveries.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seven weeks of Ledgerloop, told in the order things happened (Monday 2026-10-05 to Friday
 * 2026-11-20): three repositories of one GitHub organisation, six people, issues, branches, pull
 * requests with reviews, releases and deployments, and around them Linear, Vercel, Sentry and
 * Slack. The thread that runs through every tool: Linear ENG-123 becomes dashboard pull request
 * whose merge Vercel deploys on Tuesday 2026-11-17, Sentry reports a crash from that release, the
 * team decides in Slack to roll back, Vercel promotes the previous deployment, and ENG-131 fixes it
 * forward.
 *
 * <p>Each evaluation question is asked right after the step that answers it, with the deliveries
 * that step returned as its labels: no delivery id is ever typed by hand. The chapters share state
 * (repositories, people, open pull requests), so they are methods of one story rather than classes.
 */
final class TeamStory {

    /**
     * What the story produced: the deliveries, the questions about them, and what it knows to be
     * true (which pull request fixed which issue) for evaluations that generate their own questions.
     */
    record Told(History history, EvalQuestions questions, Truth truth) {}

    /** What the story knows beyond the deliveries: the merges it made and the issues each fixed. */
    static final class Truth {
        /** A merged pull request, who merged it, and the issues the merge closed as fixed. */
        record Merge(GithubPullRequest pr, Person by, List<GithubIssue> fixes) {}

        private final List<Merge> merges = new ArrayList<>();

        List<Merge> merges() {
            return List.copyOf(merges);
        }
    }

    /** The questions are asked on the last afternoon of the story. */
    static final Instant NOW = Instant.parse("2026-11-20T17:30:00Z");

    /** "Last week", as the questions mean it: from Friday 2026-11-13 to now. */
    static final Instant LAST_WEEK = Instant.parse("2026-11-13T00:00:00Z");

    /** Tuesday of the last week: the deploy after which the dashboard crashed. */
    static final String TUESDAY = "2026-11-17";

    private static final Map<String, ZoneId> ZONES = Map.of(
            "mayachen", ZoneId.of("Europe/Berlin"),
            "jweber", ZoneId.of("Europe/Berlin"),
            "priyaraman", ZoneId.of("Europe/London"),
            "dalvarez", ZoneId.of("Europe/Madrid"),
            "sokafor", ZoneId.of("Europe/London"),
            "lenafischer", ZoneId.of("Europe/Berlin"));

    private static final Person MAYA = Team.MAYA;
    private static final Person JONAS = Team.JONAS;
    private static final Person PRIYA = Team.PRIYA;
    private static final Person DIEGO = Team.DIEGO;
    private static final Person SAM = Team.SAM;
    private static final Person LENA = Team.LENA;

    /** A GitHub Actions workflow of a repository. */
    private record Workflow(String name, String file, long id) {}

    /** A payments-api release and the production deployment it triggered. */
    private record Shipped(Delivery release, GithubDeployment deployment, String sha, Delivery deployRun) {}

    private final History history = new History();
    private final StoryIds ids = new StoryIds();
    private final EvalQuestions questions = new EvalQuestions(NOW);
    private final Truth truth = new Truth();
    private final GithubDeliveries gh;
    private final LinearDeliveries linear;
    private final SentryDeliveries sentry;
    private final VercelDeliveries vercel;
    private final SlackDeliveries slack;

    private final GithubRepo api = new GithubRepo(
            "payments-api",
            712_448_019L,
            "Ledgerloop's payments API: payouts, balances and merchant webhooks",
            "Go",
            "https://api.ledgerloop.dev",
            Instant.parse("2024-03-11T10:22:41Z"),
            StoryIds.sha("payments-api main before the story"),
            17,
            48_210);
    private final GithubRepo dashboard = new GithubRepo(
            "dashboard",
            712_903_377L,
            "The merchant dashboard (Next.js, deployed on Vercel)",
            "TypeScript",
            "https://dashboard.ledgerloop.dev",
            Instant.parse("2024-05-02T14:03:09Z"),
            StoryIds.sha("dashboard main before the story"),
            9,
            31_877);
    private final GithubRepo node = new GithubRepo(
            "ledgerloop-node",
            903_114_682L,
            "Node.js client for the Ledgerloop API",
            "TypeScript",
            "https://www.npmjs.com/package/@ledgerloop/node",
            Instant.parse("2025-01-20T09:47:55Z"),
            StoryIds.sha("ledgerloop-node main before the story"),
            4,
            2_941);

    private final Map<GithubRepo, Integer> lastNumber = new HashMap<>(Map.of(api, 300, dashboard, 180, node, 40));
    private final Map<GithubRepo, Workflow> ci = Map.of(
            api, new Workflow("CI", "ci.yml", 71_203_118L),
            dashboard, new Workflow("CI", "ci.yml", 80_551_402L),
            node, new Workflow("Test", "test.yml", 91_330_775L));
    private final Workflow apiDeploy = new Workflow("Deploy", "deploy.yml", 71_203_119L);
    private final Workflow nodePublish = new Workflow("Publish to npm", "publish.yml", 91_330_776L);

    private TeamStory() {
        var mapper = DemoHistoryGenerator.MAPPER;
        gh = new GithubDeliveries(history, new OctokitShapes(mapper), ids, mapper, ZONES);
        linear = new LinearDeliveries(history, mapper);
        sentry = new SentryDeliveries(history, mapper);
        vercel = new VercelDeliveries(history, mapper);
        slack = new SlackDeliveries(history, mapper);
    }

    /** Tells the whole story; the same story every time. */
    static Told tell() {
        var story = new TeamStory();
        story.weekOne();
        story.weekTwo();
        story.weekThree();
        story.weekFour();
        story.weekFive();
        story.weekSix();
        story.weekSeven();
        story.lookingBack();
        return new Told(story.history, story.questions, story.truth);
    }

    // Kept between chapters: what later weeks and questions refer back to.
    private GithubIssue duplicatePayouts;
    private GithubPullRequest idempotencyPr;
    private GithubPullRequest paginationPr;
    private LinearIssue eng98;
    private Shipped v2120;
    private GithubPullRequest backoffPr;
    private GithubIssue webhookTimeouts;
    private LinearIssue eng104;
    private Message backoffDecision;
    private GithubIssue csvIssue;
    private GithubPullRequest csvPr;
    private LinearIssue eng107;
    private GithubPullRequest listAttemptsPr;
    private Shipped v2130;
    private Shipped v2131;
    private GithubPullRequest migrationFixPr;
    private Delivery migrationFailure;
    private GithubIssue sepaIssue;
    private GithubPullRequest sepaPr;
    private GithubPullRequest contextPr;
    private SentryIssue deadlineIssue;
    private Shipped v2132;
    private GithubPullRequest nextBumpPr;
    private VercelDeliveries.Deployment csvDeploy;
    private GithubIssue rateLimitIssue;
    private LinearIssue eng112;
    private GithubPullRequest workerPr;
    private GithubPullRequest darkModePr;
    private Delivery darkModeTypecheck;
    private VercelDeliveries.Deployment darkModeFailedPreview;
    private GithubPullRequest typedErrorsPr;
    private GitCommit personalLaptopCommit;
    private GithubPush personalLaptopPush;
    private Shipped v2140;
    private GithubPullRequest rateLimitPr;
    private GithubIssue paidTooEarlyIssue;
    private GithubPullRequest paidOnConfirmationPr;
    private VercelDeliveries.Deployment darkModeDeploy;
    private GithubIssue eurOnlyIssue;
    private GithubPullRequest balancesApiPr;
    private GithubPullRequest queueAlertPr;
    private GithubPullRequest nodeBalancesPr;
    private Shipped v2150;
    private LinearIssue eng123;
    /** The decision the balance cards were built on: the root of Tuesday's incident. */
    private Message cardsDecision;

    private GithubPullRequest netBumpPr;

    // ======================================================================== week 1: Oct 5-9

    private void weekOne() {
        Delivery samOnCall = status(SAM, "On call until Friday", ":pager:", at("10-09 17:00"), at("10-05 07:58"));
        ask("Who was on call in the first week of October?", samOnCall);

        // Monday: a merchant was paid twice; Linear and GitHub both get the problem.
        eng98 = linear.createIssue(
                98,
                LENA,
                "Idempotency keys for payout transfers",
                "Merchant m_7Hq2 was paid twice on Oct 2 (2 x EUR 1,240.00): the bank API timed out, the payout worker "
                        + "retried, and the bank had already accepted the first transfer.\n\nEvery transfer attempt must carry "
                        + "an idempotency key that the bank deduplicates on.\n\nGitHub: ledgerloop/payments-api#301",
                1,
                "Todo",
                "Payouts reliability",
                38,
                PRIYA,
                at("10-05 08:52"),
                "Bug",
                "API");
        duplicatePayouts = gh.openIssue(
                api,
                number(api),
                PRIYA,
                "Duplicate payouts when the bank API times out and the worker retries",
                "On Oct 2 merchant `m_7Hq2` received its payout twice (2 x EUR 1,240.00).\n\n"
                        + "The payout worker calls `POST /transfers` with a 30 s timeout. The bank answered after 34 s, the worker "
                        + "had already given up and retried, and both transfers went through. The bank supports an "
                        + "`Idempotency-Key` header, we just never send one.\n\n"
                        + "Finance is recovering the second transfer. Linear: ENG-98",
                at("10-05 09:05"));
        Delivery bugLabel = gh.label(duplicatePayouts, "bug", PRIYA, at("10-05 09:06"));
        gh.label(duplicatePayouts, "payouts", MAYA, at("10-05 09:20"));
        Delivery p1Label = gh.label(duplicatePayouts, "p1", MAYA, at("10-05 09:20:40"));
        Delivery assigned = gh.assign(duplicatePayouts, PRIYA, MAYA, at("10-05 09:21"));
        Delivery eng98Started = linear.moveIssue(eng98, "In Progress", PRIYA, at("10-05 09:40"));
        Message heads = slack.post(
                "payments",
                PRIYA,
                "Heads-up for support: m_7Hq2 got its Oct 2 payout twice (2 x EUR 1,240.00). Finance is recovering the "
                        + "second transfer; the fix is tracked in ENG-98 / <" + duplicatePayouts.htmlUrl()
                        + "|payments-api#"
                        + duplicatePayouts.number + ">.",
                at("10-05 10:02"));

        ask("Which issue is about merchants being paid twice after a bank timeout?", duplicatePayouts.opened);
        ask("Who labelled the duplicate payouts issue as p1?", p1Label);
        ask("Who is assigned to the double payout bug in payments-api?", assigned);
        ask(
                "Was the double-payment problem reported anywhere outside GitHub?",
                eng98.created,
                heads.delivery(),
                duplicatePayouts.opened);
        ask("When did work on ENG-98 start?", eng98Started);
        ask("How much money was paid out twice to m_7Hq2?", duplicatePayouts.opened, heads.delivery(), eng98.created);

        GitCommit key = gh.commit(
                api,
                PRIYA.commitAs(),
                at("10-05 13:02"),
                "Send an Idempotency-Key with every bank transfer\n\n"
                        + "The key is payout_<payout id>_<attempt>, so the bank deduplicates a retry of the\n"
                        + "same attempt while a new attempt after a definite failure goes through.",
                "internal/payouts/transfer.go",
                "internal/bank/client.go");
        GitCommit attempts = gh.commitAdding(
                api,
                PRIYA.commitAs(),
                at("10-05 13:14"),
                "Record payout attempts in payout_attempts",
                2,
                "migrations/0042_payout_attempts.sql",
                "internal/payouts/attempts.go",
                "internal/payouts/worker.go");
        String branch = eng98.branchName();
        GithubPush first = gh.push(api, branch, PRIYA, at("10-05 13:15"), key, attempts);
        idempotencyPr = gh.openPullRequest(
                api,
                number(api),
                PRIYA,
                branch,
                "ENG-98: Idempotency keys for payout transfers",
                "Fixes #" + duplicatePayouts.number + "\n\n"
                        + "The payout worker retried `POST /transfers` after a 30 s timeout although the bank had accepted the "
                        + "first request, so m_7Hq2 was paid twice.\n\n"
                        + "- every transfer carries `Idempotency-Key: payout_<id>_<attempt>`\n"
                        + "- attempts are stored in the new `payout_attempts` table (migration 0042)\n"
                        + "- a retry of the same attempt reuses its key\n\n"
                        + "Linear: [ENG-98](" + eng98.url() + ")",
                at("10-05 13:30"),
                List.of(key, attempts),
                false);
        Delivery requested = gh.requestReview(idempotencyPr, MAYA, PRIYA, at("10-05 13:31"));
        Delivery linked = linear.linkPullRequest(eng98, idempotencyPr, PRIYA, at("10-05 13:31:20"));
        Delivery inReview = linear.moveIssue(eng98, "In Review", PRIYA, at("10-05 13:32"));
        ciPassed(idempotencyPr, attempts, PRIYA, at("10-05 13:30"));
        Delivery crashComment = gh.reviewComment(
                idempotencyPr,
                MAYA,
                "internal/payouts/worker.go",
                117,
                "@@ -108,9 +108,17 @@ func (w *Worker) transfer(ctx context.Context, p Payout) error {\n"
                        + "+\tattempt, err := w.attempts.Insert(ctx, p.ID)\n"
                        + "+\tif err != nil {\n"
                        + "+\t\treturn fmt.Errorf(\"record attempt: %w\", err)\n"
                        + "+\t}\n"
                        + "+\tkey := fmt.Sprintf(\"payout_%s_%d\", p.ID, attempt.N)",
                "If the worker dies after `attempts.Insert` but before the bank call returns, the next run starts attempt "
                        + "n+1 with a new key, and we pay twice again. Reuse the open attempt instead of inserting a new one?",
                at("10-05 15:10"));
        Delivery changes = gh.review(
                idempotencyPr,
                MAYA,
                "changes_requested",
                "Close, but the crash window between inserting the attempt and the transfer still double-pays. See inline.",
                at("10-05 15:12"));

        ask("Which commit started sending idempotency keys to the bank?", first.commit(key));
        ask("Which migration adds the payout_attempts table?", first.commit(attempts), idempotencyPr.opened);
        ask("Who was asked to review the idempotency key pull request?", requested);
        ask("What did Maya worry about when the worker crashes between insert and transfer?", crashComment, changes);
        ask(
                "Which Linear issue does the payout idempotency PR implement?",
                linked,
                eng98.created,
                idempotencyPr.opened);
        ask("When did ENG-98 go into review?", inReview);

        // Tuesday: the fix, approval, merge; the dashboard gets server-side pagination.
        GitCommit reuse = gh.commit(
                api,
                PRIYA.commitAs(),
                at("10-06 09:18"),
                "Reuse the open attempt's key after a worker crash\n\n"
                        + "An attempt without a bank answer is resumed with the same key instead of\n"
                        + "starting attempt n+1. TestWorker_CrashBetweenInsertAndTransfer covers it.",
                "internal/payouts/worker.go",
                "internal/payouts/worker_test.go");
        GithubPush fix = gh.pushToPullRequest(idempotencyPr, PRIYA, at("10-06 09:20"), reuse);
        ciPassed(idempotencyPr, reuse, PRIYA, at("10-06 09:20"));
        Delivery explained = gh.commentOnPullRequest(
                idempotencyPr,
                PRIYA,
                "Added `TestWorker_CrashBetweenInsertAndTransfer`, which kills the worker right after the insert; the "
                        + "retry now sends the same key and the fake bank sees one transfer.",
                at("10-06 09:30"));
        Delivery approved = gh.review(
                idempotencyPr,
                MAYA,
                "approved",
                "Looks right now. Let's ship it with Thursday's release.",
                at("10-06 11:02"));
        Delivery merged = merge(idempotencyPr, MAYA, at("10-06 11:15"), duplicatePayouts);
        Delivery eng98Done = linear.moveIssue(eng98, "Done", PRIYA, at("10-06 11:16"));
        ciPassed(api, idempotencyPr.mergePush.commits().getFirst(), MAYA, at("10-06 11:15"));

        ask("Who reviewed the PR that fixed payments-api#" + duplicatePayouts.number + "?", idempotencyPr.reviews);
        ask("Which test proves a crashed payout worker reuses its idempotency key?", fix.commit(reuse), explained);
        ask("Who merged the payout idempotency change, and when?", merged);
        ask("Which pull request closed the duplicate payouts issue?", merged, duplicatePayouts.closed);
        ask("Who approved ENG-98's pull request?", approved);
        ask(
                "Which change stops a seller from receiving the same money twice when the bank is slow to answer?",
                idempotencyPr.opened,
                merged);
        ask("When was ENG-98 marked done?", eng98Done, merged);

        GitCommit paginate = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("10-06 09:48"),
                "Paginate the transactions table on the server with cursor params",
                "app/(dashboard)/transactions/page.tsx",
                "lib/api/transactions.ts");
        GitCommit skeleton = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("10-06 10:05"),
                "Show a skeleton row while the next page loads",
                1,
                "components/transactions/SkeletonRow.tsx",
                "components/transactions/TransactionsTable.tsx");
        GithubPush paginationPush = gh.push(
                dashboard, "diego/transactions-server-pagination", DIEGO, at("10-06 10:06"), paginate, skeleton);
        paginationPr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                "diego/transactions-server-pagination",
                "Server-side pagination for the transactions table",
                "Large merchants (50k+ transactions) loaded every row into the browser before the table rendered. The "
                        + "page now asks payments-api for 50 rows at a time with `starting_after` cursors and keeps the cursor "
                        + "in the URL, so back/forward and shared links work.\n\n"
                        + "Before: 4.1 s to first row for `m_large`. After: 180 ms.",
                at("10-06 10:15"),
                List.of(paginate, skeleton),
                false);
        gh.requestReview(paginationPr, LENA, DIEGO, at("10-06 10:15:30"));
        ciPassed(paginationPr, skeleton, DIEGO, at("10-06 10:06"));
        Delivery lenaApproves = gh.review(
                paginationPr,
                LENA,
                "approved",
                "Tested with the m_large fixture merchant: first page in 180 ms instead of 4 s, and the cursor survives a "
                        + "reload. Nice.",
                at("10-06 14:40"));
        Delivery paginationMerged = merge(paginationPr, DIEGO, at("10-06 14:55"));
        var paginationDeploy = vercelProduction(paginationPr, at("10-06 14:55"));

        ask(
                "How long did the transactions page take to show its first row before server-side pagination?",
                paginationPr.opened,
                lenaApproves);
        ask(
                "Which dashboard commit switched the transactions table to cursor pagination?",
                paginationPush.commit(paginate));
        ask("Who approved Diego's pagination PR on the dashboard?", lenaApproves);
        ask(
                "When did server-side pagination reach production on the dashboard?",
                paginationMerged,
                paginationDeploy.created,
                paginationDeploy.outcome);

        // Wednesday: dependabot; Thursday: release 2.12.0 with its production deploy.
        GithubPullRequest pgx = dependabot(
                api,
                "go_modules",
                "github.com/jackc/pgx/v5",
                "5.7.1",
                "5.7.2",
                "go.mod",
                "go.sum",
                "go",
                at("10-07 06:14"));
        Delivery pgxApproved = gh.review(
                pgx,
                JONAS,
                "approved",
                "Patch release, the changelog only has the connection pool fix for `AfterRelease`.",
                at("10-07 10:31"));
        Delivery pgxMerged = merge(pgx, JONAS, at("10-07 10:40"));
        ask("Which pgx version did payments-api upgrade to?", pgx.opened, pgxMerged);
        ask("Who approved the pgx dependency bump?", pgxApproved);

        v2120 = shipApi(
                "v2.12.0",
                "v2.12.0: payout idempotency keys",
                "## What's changed\n"
                        + "* ENG-98: Idempotency keys for payout transfers by @priyaraman in #" + idempotencyPr.number
                        + "\n"
                        + "* Bump github.com/jackc/pgx/v5 from 5.7.1 to 5.7.2 by @dependabot in #" + pgx.number + "\n\n"
                        + "**Full Changelog**: " + api.htmlUrl() + "/compare/v2.11.3...v2.12.0",
                MAYA,
                at("10-08 09:30"),
                true,
                null);
        Message announced = slack.post(
                "eng",
                MAYA,
                "payments-api v2.12.0 is in production: payout transfers now carry idempotency keys (ENG-98), so a bank "
                        + "timeout can no longer pay a merchant twice. Thanks <@" + PRIYA.slackId() + ">!",
                at("10-08 09:40"));

        ask("Which release shipped the idempotency keys for payouts?", v2120.release, announced.delivery());
        ask(
                "Which deploy shipped commit " + v2120.sha.substring(0, 7) + "?",
                v2120.deployment.created,
                v2120.deployment.outcome());
        ask("Did the v2.12.0 production deployment succeed?", v2120.deployment.outcome());

        // Friday: the Node client gets the new endpoint.
        GitCommit listAttempts = gh.commitAdding(
                node,
                JONAS.commitAs(),
                at("10-09 10:12"),
                "Add payouts.listAttempts()",
                1,
                "src/resources/payoutAttempts.ts",
                "src/resources/payouts.ts",
                "test/payouts.test.ts");
        GithubPush attemptsPush = gh.push(node, "jonas/payout-attempts", JONAS, at("10-09 10:13"), listAttempts);
        listAttemptsPr = gh.openPullRequest(
                node,
                number(node),
                JONAS,
                "jonas/payout-attempts",
                "Add `payouts.listAttempts()` for the payout attempts endpoint",
                "payments-api v2.12.0 exposes `GET /v1/payouts/{id}/attempts` (one row per bank transfer attempt, with its "
                        + "idempotency key). This adds the typed method and a test against the recorded fixture.",
                at("10-09 10:20"),
                List.of(listAttempts),
                false);
        gh.labelPullRequest(listAttemptsPr, "sdk", JONAS, at("10-09 10:20:20"));
        gh.requestReview(listAttemptsPr, PRIYA, JONAS, at("10-09 10:21"));
        ciPassed(listAttemptsPr, listAttempts, JONAS, at("10-09 10:13"));
        Delivery attemptsApproved = gh.review(
                listAttemptsPr, PRIYA, "approved", "Matches the API response field for field. 👍", at("10-09 13:44"));
        merge(listAttemptsPr, JONAS, at("10-09 14:02"));
        ask(
                "Which Node client method lists the bank transfer attempts of a payout?",
                attemptsPush.commit(listAttempts),
                listAttemptsPr.opened);
        ask("Who reviewed Jonas's listAttempts change in the Node client?", attemptsApproved);
    }

    // ======================================================================== week 2: Oct 12-16

    private void weekTwo() {
        // Monday: webhook deliveries time out under load; the team agrees on a retry policy in Slack.
        webhookTimeouts = gh.openIssue(
                api,
                number(api),
                SAM,
                "Merchant webhook deliveries time out after 10s under load",
                "During Friday's batch payouts about 3% of `payout.paid` webhooks failed with `context deadline exceeded` "
                        + "and were retried every 10 s for an hour, which hammered the slow merchant endpoints even harder.\n\n"
                        + "Grafana: `webhook_dispatch_errors_total` peaked at 420/min at 16:05 UTC. Shopwell's endpoint alone "
                        + "got 360 requests for 6 payouts.\n\nWe need real backoff, and a point where we give up.",
                at("10-12 08:30"));
        gh.label(webhookTimeouts, "bug", SAM, at("10-12 08:30:30"));
        gh.label(webhookTimeouts, "webhooks", SAM, at("10-12 08:31"));
        gh.label(webhookTimeouts, "performance", SAM, at("10-12 08:31:20"));
        Delivery jonasAssigned = gh.assign(webhookTimeouts, JONAS, MAYA, at("10-12 09:00"));
        eng104 = linear.createIssue(
                104,
                LENA,
                "Webhook retries with exponential backoff",
                "Merchant webhooks are retried every 10 s for an hour when an endpoint is slow or down (see "
                        + "ledgerloop/payments-api#" + webhookTimeouts.number
                        + "). Retry with exponential backoff and jitter, "
                        + "give up after a bounded number of attempts and tell the merchant.",
                2,
                "Todo",
                "Payouts reliability",
                39,
                JONAS,
                at("10-12 09:10"),
                "Improvement",
                "API");
        Message question = slack.post(
                "eng",
                JONAS,
                "For ENG-104 (webhook retries): should the backoff cap at 1h or 6h? With 6h a merchant that is down "
                        + "overnight gets about 15 attempts in total, with 1h it's more like 30.",
                at("10-12 09:30"));
        backoffDecision = slack.reply(
                question,
                MAYA,
                "Let's go with a 1h cap and at most 12 attempts (about 8h in total), then mark the delivery failed and "
                        + "email the merchant. They told us they'd rather know early than get a burst at 3am.",
                at("10-12 09:42"));
        Message gone = slack.reply(
                question,
                SAM,
                "+1. And please stop retrying on 410 Gone, a few merchants deleted their endpoints and we keep calling "
                        + "them.",
                at("10-12 09:45"));
        Delivery agreed = slack.react(backoffDecision, JONAS, "white_check_mark", at("10-12 09:50"));
        Delivery eng104Started = linear.moveIssue(eng104, "In Progress", JONAS, at("10-12 10:00"));

        ask("Who is fixing the webhook timeouts under load?", jonasAssigned, eng104.created);
        ask("What did Grafana show for webhook dispatch errors during Friday's batch payouts?", webhookTimeouts.opened);
        ask("What did the team decide about the webhook retry cap?", backoffDecision, agreed);
        ask("How many webhook attempts did Maya propose before giving up?", backoffDecision);
        ask("Who asked to stop retrying when a merchant endpoint returns 410?", gone);
        ask("Who opened the Linear issue for exponential webhook backoff?", eng104.created);
        ask("When did Jonas start on ENG-104?", eng104Started);

        GitCommit jitter = gh.commitAdding(
                api,
                JONAS.commitAs(),
                at("10-12 14:20"),
                "Retry merchant webhooks with exponential backoff and full jitter",
                2,
                "internal/webhooks/backoff.go",
                "internal/webhooks/backoff_test.go",
                "internal/webhooks/dispatcher.go");
        GitCommit giveUp = gh.commit(
                api,
                JONAS.commitAs(),
                at("10-12 14:48"),
                "Give up after 12 attempts and mark the delivery failed\n\n"
                        + "A failed delivery sends the merchant the webhook failure email once.",
                "internal/webhooks/dispatcher.go",
                "internal/webhooks/store.go",
                "internal/email/templates/webhook_failed.txt");
        String branch = eng104.branchName();
        GithubPush backoffPush = gh.push(api, branch, JONAS, at("10-12 14:50"), jitter, giveUp);
        backoffPr = gh.openPullRequest(
                api,
                number(api),
                JONAS,
                branch,
                "ENG-104: Exponential backoff for merchant webhook retries",
                "Fixes #" + webhookTimeouts.number + "\n\n"
                        + "As agreed in #eng: `delay = min(1h, 10s * 2^attempt)` with full jitter, at most 12 attempts (about 8 h), "
                        + "then the delivery is marked `failed` and the merchant gets the failure email once.\n\n"
                        + "Linear: ENG-104",
                at("10-12 15:00"),
                List.of(jitter, giveUp),
                false);
        gh.labelPullRequest(backoffPr, "webhooks", JONAS, at("10-12 15:00:30"));
        Delivery askedMaya = gh.requestReview(backoffPr, MAYA, JONAS, at("10-12 15:01"));
        Delivery askedSam = gh.requestReview(backoffPr, SAM, JONAS, at("10-12 15:01:10"));
        Delivery linked = linear.linkPullRequest(eng104, backoffPr, JONAS, at("10-12 15:01:30"));
        linear.moveIssue(eng104, "In Review", JONAS, at("10-12 15:02"));
        Delivery failedTest = ciFailed(
                backoffPr,
                giveUp,
                JONAS,
                at("10-12 14:50"),
                "go test ./...",
                "1 test failed",
                "--- FAIL: TestBackoffSchedule (0.00s)\n"
                        + "    backoff_test.go:41: attempt 12: expected delay <= 1h0m0s, got 1h8m16s\n"
                        + "FAIL\tgithub.com/ledgerloop/payments-api/internal/webhooks\t0.412s");
        GitCommit capAfter = gh.commit(
                api,
                JONAS.commitAs(),
                at("10-12 15:38"),
                "Apply the 1h cap after adding jitter, not before",
                "internal/webhooks/backoff.go");
        GithubPush capPush = gh.pushToPullRequest(backoffPr, JONAS, at("10-12 15:40"), capAfter);
        ciPassed(backoffPr, capAfter, JONAS, at("10-12 15:40"));

        ask("Which test failed on the webhook backoff pull request?", failedTest);
        ask("TestBackoffSchedule expected delay got 1h8m16s", failedTest);
        ask("How did Jonas fix the backoff delay going over one hour?", capPush.commit(capAfter));
        ask(
                "Which commits introduced exponential backoff with full jitter?",
                backoffPush.commit(jitter),
                backoffPr.opened);
        ask("Who was asked to review ENG-104's pull request?", askedMaya, askedSam, linked);

        // Tuesday: reviews, the 410 fix, merge.
        Delivery samApproves = gh.review(
                backoffPr,
                SAM,
                "approved",
                "Load-tested against the slow-merchant stub (8 s responses, 20% timeouts): dispatch errors stay flat and "
                        + "Shopwell would get 11 calls instead of 360.",
                at("10-13 09:15"));
        Delivery goneComment = gh.reviewComment(
                backoffPr,
                MAYA,
                "internal/webhooks/dispatcher.go",
                88,
                "@@ -79,12 +79,21 @@ func (d *Dispatcher) deliver(ctx context.Context, w Webhook) error {\n"
                        + "+\tif resp.StatusCode >= 400 {\n"
                        + "+\t\treturn d.schedule(w, w.Attempt+1)\n"
                        + "+\t}",
                "A 410 Gone means the merchant deleted this endpoint: stop here and disable it instead of scheduling "
                        + "attempt n+1.",
                at("10-13 10:29"));
        Delivery mayaChanges = gh.review(
                backoffPr,
                MAYA,
                "changes_requested",
                "One thing from the Slack thread is missing: 410 Gone should stop the retries.",
                at("10-13 10:30"));
        GitCommit stop410 = gh.commit(
                api,
                JONAS.commitAs(),
                at("10-13 11:28"),
                "Stop retrying and disable the endpoint on 410 Gone",
                "internal/webhooks/dispatcher.go",
                "internal/webhooks/dispatcher_test.go",
                "internal/webhooks/endpoints.go");
        GithubPush push410 = gh.pushToPullRequest(backoffPr, JONAS, at("10-13 11:30"), stop410);
        ciPassed(backoffPr, stop410, JONAS, at("10-13 11:30"));
        Delivery mayaApproves = gh.review(backoffPr, MAYA, "approved", "👍 thanks", at("10-13 13:05"));
        Delivery backoffMerged = merge(backoffPr, JONAS, at("10-13 13:20"), webhookTimeouts);
        Delivery eng104Done = linear.moveIssue(eng104, "Done", JONAS, at("10-13 13:21"));

        ask(
                "Who reviewed the PR that fixed payments-api#" + webhookTimeouts.number + "?",
                samApproves,
                mayaChanges,
                mayaApproves);
        ask("Why did Maya request changes on the exponential backoff PR?", mayaChanges, goneComment);
        ask("Which commit disables a merchant endpoint that answers 410 Gone?", push410.commit(stop410));
        ask("How many calls would Shopwell get with the new retry policy according to the load test?", samApproves);
        ask("When was the webhook backoff change merged?", backoffMerged);
        ask(
                "When did we stop hammering customers' servers with notifications every ten seconds?",
                backoffMerged,
                backoffPr.opened);
        ask(
                "Did the retry policy agreed in Slack make it into the code?",
                backoffDecision,
                backoffPr.opened,
                backoffMerged);
        ask("Which pull request closed ENG-104?", eng104Done, backoffMerged);

        // The dashboard: CSV export is asked for.
        csvIssue = gh.openIssue(
                dashboard,
                number(dashboard),
                LENA,
                "Export transactions as CSV",
                "Finance teams at our merchants reconcile in spreadsheets and currently copy the transactions table page by "
                        + "page. Add an **Export CSV** button that downloads the transactions matching the current filters (up to "
                        + "100k rows), with amounts in minor units and ISO 8601 dates.",
                at("10-13 14:10"));
        gh.label(csvIssue, "enhancement", LENA, at("10-13 14:10:30"));
        gh.label(csvIssue, "ui", LENA, at("10-13 14:11"));
        Delivery csvAssigned = gh.assign(csvIssue, DIEGO, LENA, at("10-13 14:11:30"));
        eng107 = linear.createIssue(
                107,
                LENA,
                "CSV export of transactions",
                "Spreadsheet export of the transactions table with the current filters. GitHub: ledgerloop/dashboard#"
                        + csvIssue.number,
                3,
                "Todo",
                "Merchant self-service",
                39,
                DIEGO,
                at("10-13 14:15"),
                "Feature",
                "Dashboard");
        ask("Who asked for a spreadsheet download of transactions?", csvIssue.opened, eng107.created);
        ask("Who was given the CSV export work on the dashboard?", csvAssigned, eng107.created);

        // Wednesday: CSV export starts as a draft.
        Delivery eng107Started = linear.moveIssue(eng107, "In Progress", DIEGO, at("10-14 09:05"));
        GitCommit stream = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("10-14 11:40"),
                "Stream transactions as CSV from a route handler",
                1,
                "app/api/transactions/export/route.ts",
                "lib/api/transactions.ts");
        GitCommit button = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("10-14 12:10"),
                "Add Export CSV button to the transactions toolbar",
                "components/transactions/Toolbar.tsx",
                "components/transactions/ExportButton.tsx");
        GithubPush csvPush = gh.push(dashboard, eng107.branchName(), DIEGO, at("10-14 12:12"), stream, button);
        csvPr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                eng107.branchName(),
                "ENG-107: Export transactions as CSV",
                "Closes #" + csvIssue.number + "\n\n"
                        + "The route handler streams rows from payments-api page by page (no 100k rows in memory), writes amounts "
                        + "in minor units and dates as ISO 8601, and keeps the table's filters.\n\nStill a draft: the file name "
                        + "and the progress indicator are missing.",
                at("10-14 12:20"),
                List.of(stream, button),
                true);
        Delivery csvLinked = linear.linkPullRequest(eng107, csvPr, DIEGO, at("10-14 12:20:40"));
        ciPassed(csvPr, button, DIEGO, at("10-14 12:12"));
        ask("Which route streams the transactions CSV?", csvPush.commit(stream), csvPr.opened);
        ask("When did Diego start the CSV export?", eng107Started, csvPush);
        ask("Which GitHub pull request is linked to ENG-107?", csvLinked, csvPr.opened);

        // Thursday: 2.13.0 fails to deploy at the migration; Sam fixes it and 2.13.1 goes out.
        v2130 = shipApi(
                "v2.13.0",
                "v2.13.0: webhook retries with exponential backoff",
                "## What's changed\n"
                        + "* ENG-104: Exponential backoff for merchant webhook retries by @jweber in #"
                        + backoffPr.number + "\n\n"
                        + "Merchant webhooks are now retried with exponential backoff (1h cap, 12 attempts) and stop on 410 Gone."
                        + "\n\n**Full Changelog**: " + api.htmlUrl() + "/compare/v2.12.0...v2.13.0",
                MAYA,
                at("10-15 09:30"),
                false,
                "Migration 0043_webhook_attempt_state failed: column \"state\" of relation \"webhook_deliveries\" already "
                        + "exists (SQLSTATE 42701)");
        migrationFailure = v2130.deployment.outcome();
        Message failedDeploy = slack.post(
                "eng",
                SAM,
                "v2.13.0 failed to deploy at the migration step: 0043 adds `webhook_deliveries.state`, which the Oct 9 "
                        + "hotfix already added by hand in production. Production is still on v2.12.0. I'll make the migration "
                        + "idempotent and ship v2.13.1.",
                at("10-15 09:40"));
        GitCommit idempotent = gh.commit(
                api,
                SAM.commitAs(),
                at("10-15 09:58"),
                "Make migration 0043 idempotent\n\nUse ADD COLUMN IF NOT EXISTS: production already has the column from\n"
                        + "the Oct 9 hotfix.",
                "migrations/0043_webhook_attempt_state.sql");
        GithubPush idempotentPush = gh.push(api, "sam/idempotent-0043", SAM, at("10-15 10:00"), idempotent);
        migrationFixPr = gh.openPullRequest(
                api,
                number(api),
                SAM,
                "sam/idempotent-0043",
                "Make migration 0043 idempotent (ADD COLUMN IF NOT EXISTS)",
                "The v2.13.0 deploy failed with `column \"state\" of relation \"webhook_deliveries\" already exists`: the Oct 9 "
                        + "hotfix had added it by hand. With `IF NOT EXISTS` the migration is a no-op there and still creates "
                        + "the column on staging and in tests.",
                at("10-15 10:03"),
                List.of(idempotent),
                false);
        gh.requestReview(migrationFixPr, MAYA, SAM, at("10-15 10:03:30"));
        ciPassed(migrationFixPr, idempotent, SAM, at("10-15 10:00"));
        Delivery quickApproval = gh.review(migrationFixPr, MAYA, "approved", "Yes. Ship it.", at("10-15 10:14"));
        Delivery migrationMerged = merge(migrationFixPr, SAM, at("10-15 10:20"));
        v2131 = shipApi(
                "v2.13.1",
                "v2.13.1",
                "## What's changed\n"
                        + "* Make migration 0043 idempotent (ADD COLUMN IF NOT EXISTS) by @sokafor in #"
                        + migrationFixPr.number
                        + "\n\nIncludes everything from v2.13.0, which never reached production.\n\n"
                        + "**Full Changelog**: " + api.htmlUrl() + "/compare/v2.13.0...v2.13.1",
                SAM,
                at("10-15 10:30"),
                true,
                null);

        ask("Why did the v2.13.0 production deploy fail?", migrationFailure, v2130.deployRun, failedDeploy);
        ask(
                "column \"state\" of relation \"webhook_deliveries\" already exists",
                migrationFailure,
                migrationFixPr.opened);
        ask("Which deployment of payments-api failed in October?", v2130.deployment.created, migrationFailure);
        ask("How was the failed migration fixed?", idempotentPush.commit(idempotent), migrationMerged);
        ask("Who approved the idempotent migration fix?", quickApproval);
        ask(
                "What went wrong and what was shipped in payments-api on October 15?",
                v2130.release,
                migrationFailure,
                migrationMerged,
                v2131.release,
                v2131.deployment.outcome());
        ask(
                "Which release finally brought the webhook backoff to production?",
                v2131.release,
                v2131.deployment.outcome());
        ask(
                "Which deploy shipped commit " + v2131.sha.substring(0, 7) + "?",
                v2131.deployment.created,
                v2131.deployment.outcome());

        // Thursday afternoon: the Node client 1.8.0 goes to npm.
        Delivery node180 = gh.publishRelease(
                node,
                "v1.8.0",
                "v1.8.0",
                "## Features\n* `payouts.listAttempts(payoutId)` lists the bank transfer attempts of a payout (#"
                        + listAttemptsPr.number + ")\n\nRequires payments-api v2.12.0 or later.",
                JONAS,
                at("10-15 13:55"),
                at("10-15 14:00"));
        Delivery published = gh.workflowRun(
                node,
                nodePublish.name(),
                nodePublish.file(),
                nodePublish.id(),
                "v1.8.0",
                listAttemptsPr.mergePush.commits().getFirst(),
                "release",
                "success",
                null,
                JONAS,
                at("10-15 14:00:20"),
                at("10-15 14:02:05"));
        ask("Which version of the Node client added listAttempts?", node180);
        ask("Did the npm publish of ledgerloop-node v1.8.0 succeed?", published);

        // Friday: CSV export ready for review, a naming request, a preview build.
        Delivery ready = gh.readyForReview(csvPr, DIEGO, at("10-16 10:00"));
        gh.requestReview(csvPr, LENA, DIEGO, at("10-16 10:00:30"));
        Delivery eng107Review = linear.moveIssue(eng107, "In Review", DIEGO, at("10-16 10:01"));
        Delivery fileName = gh.reviewComment(
                csvPr,
                LENA,
                "app/api/transactions/export/route.ts",
                23,
                "@@ -0,0 +1,58 @@\n+export async function GET(req: NextRequest) {\n"
                        + "+  const filters = parseFilters(req.nextUrl.searchParams)\n"
                        + "+  const headers = { 'Content-Disposition': 'attachment; filename=\"transactions.csv\"' }",
                "Can we name the file `ledgerloop-transactions-<from>-<to>.csv`? Finance asked for the date range in the "
                        + "name, they keep one file per month.",
                at("10-16 10:40"));
        Delivery lenaComments = gh.review(
                csvPr,
                LENA,
                "commented",
                "Works well on m_large (92k rows in 11 s). One " + "request inline.",
                at("10-16 10:41"));
        GitCommit rename = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("10-16 11:28"),
                "Name the CSV export after its date range",
                "app/api/transactions/export/route.ts",
                "lib/format/filename.ts");
        GithubPush renamePush = gh.pushToPullRequest(csvPr, DIEGO, at("10-16 11:30"), rename);
        var csvPreview = vercelPreview(csvPr, rename, at("10-16 11:30"), true);
        ciPassed(csvPr, rename, DIEGO, at("10-16 11:30"));
        ask("What file name did Lena want for the CSV export?", fileName, renamePush.commit(rename));
        ask("How long did exporting 92k rows take?", lenaComments);
        ask("When was the CSV export marked ready for review?", ready, eng107Review);
        ask("Is there a preview deployment of the CSV export branch?", csvPreview);
    }

    // ======================================================================== week 3: Oct 19-23

    private void weekThree() {
        // Monday: CSV export ships; SEPA returns are reported.
        Delivery lenaApproves = gh.review(csvPr, LENA, "approved", "🚢", at("10-19 09:20"));
        Delivery csvMerged = merge(csvPr, DIEGO, at("10-19 09:40"), csvIssue);
        csvDeploy = vercelProduction(csvPr, at("10-19 09:40"));
        Delivery eng107Done = linear.moveIssue(eng107, "Done", DIEGO, at("10-19 09:41"));
        ask("Who reviewed the PR that fixed dashboard#" + csvIssue.number + "?", csvPr.reviews);
        ask("When did the CSV export go live on the dashboard?", csvMerged, csvDeploy);
        ask("Which Vercel deployment shipped ENG-107?", csvDeploy, eng107Done);
        ask("Who approved the transactions export in the end?", lenaApproves);
        ask("Can sellers now pull their sales history into Excel?", csvMerged, csvDeploy);

        sepaIssue = gh.openIssue(
                api,
                number(api),
                PRIYA,
                "Reconciliation misses SEPA returns (R-transactions)",
                "The nightly reconciliation matches bank statement lines to payouts by amount and value date only. SEPA "
                        + "returns (camt.054 entries with `RtrInf`) arrive days later with the original end-to-end id and often "
                        + "a different amount, so they stay unmatched and the payout still shows `paid` although the money came "
                        + "back.\n\n14 unmatched returns last week, EUR 23,180.40 in total.",
                at("10-19 11:02"));
        gh.label(sepaIssue, "bug", PRIYA, at("10-19 11:02:30"));
        gh.label(sepaIssue, "payouts", PRIYA, at("10-19 11:03"));
        gh.assign(sepaIssue, PRIYA, PRIYA, at("10-19 11:03:20"));
        ask("Why do returned SEPA payouts still show as paid?", sepaIssue.opened);
        ask("How many SEPA returns went unmatched, and for how much?", sepaIssue.opened);

        // Tuesday: the reconciliation fix is opened.
        GitCommit byE2e = gh.commit(
                api,
                PRIYA.commitAs(),
                at("10-20 10:15"),
                "Match statement lines by end-to-end id before amount and date",
                "internal/reconciliation/matcher.go",
                "internal/reconciliation/matcher_test.go");
        GitCommit returned = gh.commitAdding(
                api,
                PRIYA.commitAs(),
                at("10-20 11:02"),
                "Mark payouts returned when a SEPA return matches",
                1,
                "internal/reconciliation/camt054_returns.go",
                "internal/payouts/status.go");
        GithubPush sepaPush =
                gh.push(api, "priya/reconcile-by-end-to-end-id", PRIYA, at("10-20 11:05"), byE2e, returned);
        sepaPr = gh.openPullRequest(
                api,
                number(api),
                PRIYA,
                "priya/reconcile-by-end-to-end-id",
                "Reconcile SEPA returns by end-to-end id",
                "Fixes #" + sepaIssue.number + "\n\n"
                        + "- statement lines are matched by end-to-end id first, then by amount and value date\n"
                        + "- a matched `RtrInf` entry moves the payout to the new `returned` status and emits `payout.returned`\n\n"
                        + "Replayed last week's camt.054 files: all 14 returns match.",
                at("10-20 11:10"),
                List.of(byE2e, returned),
                false);
        gh.requestReview(sepaPr, MAYA, PRIYA, at("10-20 11:10:30"));
        ciPassed(sepaPr, returned, PRIYA, at("10-20 11:05"));
        ask("Which commit adds the returned status for payouts?", sepaPush.commit(returned), sepaPr.opened);

        // Wednesday: the retry loop from ENG-104 breaks in production; Sentry, Slack, a quick fix.
        deadlineIssue = sentry.createIssue(
                SentryDeliveries.PAYMENTS_API,
                "6021458811",
                "PAYMENTS-API-2K",
                "*url.Error",
                "Post \"https://hooks.shopwell.de/ledgerloop\": context deadline exceeded (Client.Timeout exceeded while "
                        + "awaiting headers)",
                "webhooks.(*Dispatcher).send",
                "internal/webhooks/dispatcher.go",
                "(*Dispatcher).send",
                914,
                0,
                at("10-21 10:02"),
                at("10-21 10:12"));
        Delivery alert = sentry.eventAlert(
                deadlineIssue,
                "New issue in payments-api (production)",
                "payments-api@2.13.1",
                "production",
                null,
                "webhooks.dispatch",
                List.of(
                        new String[] {
                            "(*Dispatcher).send",
                            "internal/webhooks/dispatcher.go",
                            "131",
                            "resp, err := d.client.Do(req.WithContext(ctx))"
                        },
                        new String[] {"(*Dispatcher).deliver", "internal/webhooks/dispatcher.go", "84"},
                        new String[] {"(*Worker).run", "internal/webhooks/worker.go", "52"}),
                at("10-21 10:11:48"),
                at("10-21 10:12:05"));
        Message spotted = slack.post(
                "incidents",
                SAM,
                "Sentry: <" + deadlineIssue.webUrl() + "|PAYMENTS-API-2K> `context deadline exceeded` from the webhook "
                        + "dispatcher since v2.13.1, about 900 events in 10 minutes. Looks like all retries share one 10s "
                        + "context.",
                at("10-21 10:15"));
        Delivery assignedJonas = sentry.assign(deadlineIssue, JONAS, SAM, at("10-21 10:20"));
        Message diagnosis = slack.reply(
                spotted,
                JONAS,
                "Yes, the retry loop reuses the request's context, so after the first timeout every attempt fails "
                        + "instantly. Fix is a fresh context per attempt, PR in 30 min.",
                at("10-21 10:25"));
        GitCommit perAttempt = gh.commit(
                api,
                JONAS.commitAs(),
                at("10-21 10:44"),
                "Give every webhook attempt its own 10s context\n\nThe retry loop from ENG-104 reused the dispatch context, "
                        + "so once it\nexpired every later attempt failed at once (Sentry PAYMENTS-API-2K).",
                "internal/webhooks/dispatcher.go",
                "internal/webhooks/dispatcher_test.go");
        GithubPush contextPush = gh.push(api, "jonas/per-attempt-context", JONAS, at("10-21 10:45"), perAttempt);
        contextPr = gh.openPullRequest(
                api,
                number(api),
                JONAS,
                "jonas/per-attempt-context",
                "Use a fresh context for every webhook attempt",
                "The retry loop from #" + backoffPr.number
                        + " reused the dispatch context, so once it expired every later "
                        + "attempt failed at once with `context deadline exceeded` (Sentry PAYMENTS-API-2K, ~900 events in 10 "
                        + "min).\n\nEach attempt now gets `context.WithTimeout(context.Background(), 10*time.Second)`.",
                at("10-21 10:50"),
                List.of(perAttempt),
                false);
        gh.labelPullRequest(contextPr, "bug", JONAS, at("10-21 10:50:20"));
        gh.requestReview(contextPr, SAM, JONAS, at("10-21 10:50:40"));
        ciPassed(contextPr, perAttempt, JONAS, at("10-21 10:45"));
        Delivery samApproves = gh.review(
                contextPr,
                SAM,
                "approved",
                "Reproduced with the slow-merchant stub before, clean after.",
                at("10-21 11:05"));
        Delivery contextMerged = merge(contextPr, JONAS, at("10-21 11:10"));
        v2132 = shipApi(
                "v2.13.2",
                "v2.13.2",
                "## What's changed\n"
                        + "* Use a fresh context for every webhook attempt by @jweber in #" + contextPr.number + "\n\n"
                        + "**Full Changelog**: " + api.htmlUrl() + "/compare/v2.13.1...v2.13.2",
                JONAS,
                at("10-21 11:20"),
                true,
                null);
        Delivery resolved = sentry.resolve(deadlineIssue, JONAS, "payments-api@2.13.2", at("10-21 11:40"));
        Message allClear = slack.reply(
                spotted,
                JONAS,
                "v2.13.2 is out, PAYMENTS-API-2K resolved in that release. Retries look normal again.",
                at("10-21 11:42"));

        ask(
                "What was the context deadline exceeded error in the webhook dispatcher?",
                deadlineIssue.created,
                alert,
                spotted);
        ask("Which release introduced PAYMENTS-API-2K and which one resolved it?", alert, resolved);
        ask("Who was assigned the Sentry issue about webhook timeouts in October?", assignedJonas);
        ask("What was the root cause of the webhook dispatcher errors on Oct 21?", diagnosis, contextPr.opened);
        ask("Which commit fixed the shared context in webhook retries?", contextPush.commit(perAttempt));
        ask("Which pull request fixed Sentry issue PAYMENTS-API-2K?", contextPr.opened, contextMerged, resolved);
        ask(
                "Which deploy shipped commit " + v2132.sha.substring(0, 7) + "?",
                v2132.deployment.created,
                v2132.deployment.outcome());
        ask(
                "How quickly was the webhook dispatcher regression fixed?",
                spotted,
                contextMerged,
                v2132.release,
                allClear);
        ask("Who approved the per-attempt context fix?", samApproves);

        Delivery feeComment = gh.reviewComment(
                sepaPr,
                MAYA,
                "internal/reconciliation/matcher.go",
                64,
                "@@ -52,8 +52,19 @@ func (m *Matcher) Match(line StatementLine) (*Payout, error) {\n"
                        + "+\tif p, ok := m.byEndToEndID[line.EndToEndID]; ok && p.Amount == line.Amount {\n"
                        + "+\t\treturn p, nil\n"
                        + "+\t}",
                "Returns often come back with a different amount (the beneficiary bank deducts a fee). Match on the "
                        + "end-to-end id alone and flag amount mismatches, instead of skipping them?",
                at("10-21 15:30"));
        Delivery mayaComments =
                gh.review(sepaPr, MAYA, "commented", "Good direction, one case missing.", at("10-21 15:31"));
        ask("What did Maya point out about returned amounts and bank fees?", feeComment, mayaComments);

        // Thursday: reconciliation merged; dependabot bumps Next.js on the dashboard.
        GitCommit flag = gh.commit(
                api,
                PRIYA.commitAs(),
                at("10-22 09:50"),
                "Flag amount mismatches on matched returns instead of skipping them",
                "internal/reconciliation/matcher.go",
                "internal/reconciliation/matcher_test.go",
                "internal/reconciliation/report.go");
        GithubPush flagPush = gh.pushToPullRequest(sepaPr, PRIYA, at("10-22 09:52"), flag);
        ciPassed(sepaPr, flag, PRIYA, at("10-22 09:52"));
        Delivery sepaApproved = gh.review(sepaPr, MAYA, "approved", "Fee case covered, thanks.", at("10-22 14:10"));
        Delivery sepaMerged = merge(sepaPr, PRIYA, at("10-22 14:30"), sepaIssue);
        ask("Who reviewed the PR that fixed payments-api#" + sepaIssue.number + "?", sepaPr.reviews);
        ask("Who merged the SEPA returns reconciliation fix?", sepaMerged);
        ask("What did Priya do on October 22?", flagPush, sepaMerged);
        ask("Which commit handles returns whose amount differs because of bank fees?", flagPush.commit(flag));
        ask("Was Maya happy with the reconciliation change in the end?", sepaApproved);

        Delivery lenaAway = status(
                LENA, "Out Monday and Tuesday, back Wednesday", ":palm_tree:", at("10-28 07:00"), at("10-23 16:40"));
        ask("Why was Lena away at the end of October?", lenaAway);
        ask("Which email address does Slack member " + LENA.slackId() + " have?", lenaAway);

        nextBumpPr = dependabot(
                dashboard,
                "npm_and_yarn",
                "next",
                "15.0.1",
                "15.0.2",
                "package.json",
                "package-lock.json",
                "javascript",
                at("10-22 05:47"));
        Delivery nextApproved =
                gh.review(nextBumpPr, DIEGO, "approved", "Preview and e2e are green.", at("10-23 09:05"));
        Delivery nextMerged = merge(nextBumpPr, DIEGO, at("10-23 09:15"));
        var nextDeploy = vercelProduction(nextBumpPr, at("10-23 09:15"));
        ask("Which Next.js version is the dashboard on after the October bump?", nextBumpPr.opened, nextMerged);
        ask("Who approved and merged the Next.js upgrade?", nextApproved, nextMerged);
        ask("Which production deployment of the dashboard followed the Next.js bump?", nextDeploy);
    }

    // ======================================================================== week 4: Oct 26-30

    private void weekFour() {
        // Monday: the rate limiter problem; the payouts worker gets its own deployment.
        rateLimitIssue = gh.openIssue(
                api,
                number(api),
                MAYA,
                "Rate limiter counts requests per IP instead of per API key",
                "Merchants behind a shared egress (Shopwell runs 40 stores through one NAT) hit the 100 req/s limit "
                        + "together, while one API key spread over many IPs is not limited at all.\n\n"
                        + "Limit per API key, and keep a generous per-IP ceiling for unauthenticated requests.",
                at("10-26 09:12"));
        gh.label(rateLimitIssue, "enhancement", MAYA, at("10-26 09:12:30"));
        gh.label(rateLimitIssue, "performance", MAYA, at("10-26 09:13"));
        Delivery rateAssigned = gh.assign(rateLimitIssue, JONAS, MAYA, at("10-26 09:13:30"));
        eng112 = linear.createIssue(
                112,
                MAYA,
                "Rate limit per API key",
                "Replace the per-IP limiter with a per-API-key token bucket; ledgerloop/payments-api#"
                        + rateLimitIssue.number + ".",
                2,
                "Backlog",
                "Platform",
                40,
                JONAS,
                at("10-26 09:20"),
                "Improvement",
                "API");
        ask("Why are Shopwell's stores being rate limited together?", rateLimitIssue.opened);
        ask("Who owns the per-API-key rate limiting work?", rateAssigned, eng112.created);

        GitCommit own = gh.commitAdding(
                api,
                SAM.commitAs(),
                at("10-26 13:40"),
                "Run the payouts worker as its own Deployment",
                1,
                "deploy/k8s/payouts-worker.yaml",
                "deploy/k8s/api.yaml",
                "cmd/api/main.go");
        GitCommit pdb = gh.commitAdding(
                api,
                SAM.commitAs(),
                at("10-26 14:05"),
                "Add a PodDisruptionBudget for the payouts worker",
                1,
                "deploy/k8s/payouts-worker-pdb.yaml");
        GithubPush workerPush = gh.push(api, "sam/payouts-worker-deployment", SAM, at("10-26 14:06"), own, pdb);
        workerPr = gh.openPullRequest(
                api,
                number(api),
                SAM,
                "sam/payouts-worker-deployment",
                "Run the payouts worker as its own deployment",
                "Node drains during the cluster upgrade killed in-flight payout batches twice last month. The worker now "
                        + "runs as its own Deployment (2 replicas) with a PodDisruptionBudget of `minAvailable: 1`, and the API "
                        + "pods no longer run background jobs (`--workers=false`).",
                at("10-26 14:15"),
                List.of(own, pdb),
                false);
        gh.requestReview(workerPr, JONAS, SAM, at("10-26 14:15:30"));
        ciPassed(workerPr, pdb, SAM, at("10-26 14:06"));
        ask("Which change protects payout batches from node drains?", workerPr.opened, workerPush.commit(pdb));
        ask(
                "What did Samuel Okafor commit to the payments-api Kubernetes manifests?",
                workerPush.commit(own),
                workerPush.commit(pdb));

        // Tuesday: worker merged; dark mode starts with a broken build.
        Delivery jonasApproves = gh.review(
                workerPr,
                JONAS,
                "approved",
                "LGTM. We should give the webhook dispatcher the same PDB later.",
                at("10-27 11:00"));
        Delivery workerMerged = merge(workerPr, SAM, at("10-27 11:20"));
        ask("Who reviewed Sam's payouts worker deployment change?", jonasApproves);
        ask("Which other component did Jonas suggest should get a PodDisruptionBudget?", jonasApproves);

        GitCommit variables = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("10-27 15:02"),
                "Move colors to CSS variables",
                "styles/tokens.css",
                "styles/globals.css",
                "tailwind.config.ts");
        GitCommit switcher = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("10-27 15:40"),
                "Add theme switcher to the account menu",
                1,
                "components/account/ThemeSwitcher.tsx",
                "components/account/AccountMenu.tsx",
                "app/(dashboard)/layout.tsx");
        gh.push(dashboard, "diego/dark-mode", DIEGO, at("10-27 15:42"), variables, switcher);
        darkModePr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                "diego/dark-mode",
                "Dark mode for the merchant dashboard",
                "Adds a theme switcher (system / light / dark) to the account menu. Colors come from CSS variables in "
                        + "`styles/tokens.css`; charts read them through `useChartTheme()`.\n\nDraft until charts are done.",
                at("10-27 15:50"),
                List.of(variables, switcher),
                true);
        darkModeFailedPreview = vercelPreview(darkModePr, switcher, at("10-27 15:42"), false);
        darkModeTypecheck = ciFailed(
                darkModePr,
                switcher,
                DIEGO,
                at("10-27 15:42"),
                "typecheck",
                "tsc found 1 error",
                "app/(dashboard)/layout.tsx(14,23): error TS2339: Property 'theme' does not exist on type "
                        + "'AccountSettings'.");
        ask("Why did the dark mode build fail?", darkModeTypecheck, darkModeFailedPreview);
        ask("error TS2339: Property 'theme' does not exist on type 'AccountSettings'", darkModeTypecheck);
        ask("Which dashboard preview deployment failed?", darkModeFailedPreview);

        // Wednesday: the type is fixed; the Node client gets typed errors (one commit from Priya's own laptop).
        GitCommit theme = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("10-28 09:10"),
                "Add theme to AccountSettings",
                "lib/api/account.ts",
                "app/(dashboard)/layout.tsx");
        GithubPush themePush = gh.pushToPullRequest(darkModePr, DIEGO, at("10-28 09:12"), theme);
        vercelPreview(darkModePr, theme, at("10-28 09:12"), true);
        ciPassed(darkModePr, theme, DIEGO, at("10-28 09:12"));
        ask("How was the AccountSettings type error fixed?", themePush.commit(theme));

        personalLaptopCommit = gh.commitAdding(
                node,
                Team.PRIYA_PERSONAL,
                at("10-27 21:34"),
                "Throw PayoutFailedError with the bank's reason code",
                1,
                "src/errors/PayoutFailedError.ts",
                "src/resources/payouts.ts",
                "test/errors.test.ts");
        GitCommit docs = gh.commit(
                node, PRIYA.commitAs(), at("10-28 10:02"), "Document PayoutFailedError in the README", "README.md");
        personalLaptopPush =
                gh.push(node, "priya/typed-payout-errors", PRIYA, at("10-28 10:04"), personalLaptopCommit, docs);
        typedErrorsPr = gh.openPullRequest(
                node,
                number(node),
                PRIYA,
                "priya/typed-payout-errors",
                "Typed errors for failed payouts",
                "`payouts.create()` now throws `PayoutFailedError` with `reasonCode` (the bank's ISO 20022 code, e.g. "
                        + "`AC04` closed account) and `payoutId`, instead of a generic `LedgerloopError`.",
                at("10-28 10:10"),
                List.of(personalLaptopCommit, docs),
                false);
        gh.labelPullRequest(typedErrorsPr, "sdk", PRIYA, at("10-28 10:10:20"));
        gh.requestReview(typedErrorsPr, JONAS, PRIYA, at("10-28 10:10:40"));
        ciPassed(typedErrorsPr, docs, PRIYA, at("10-28 10:04"));
        Delivery typedApproved = gh.review(
                typedErrorsPr,
                JONAS,
                "approved",
                "Nice. `AC04` in the README example is a good touch.",
                at("10-28 16:20"));
        ask(
                "Which commit added PayoutFailedError to the Node client?",
                personalLaptopPush.commit(personalLaptopCommit));
        ask("Which commit was made from priya.r@fastmail.com?", personalLaptopPush.commit(personalLaptopCommit));
        ask(
                "What reason code does the Node client README use as an example of a failed payout?",
                typedErrorsPr.opened,
                typedApproved);

        // Thursday: typed errors and 2.14.0 ship.
        Delivery typedMerged = merge(typedErrorsPr, PRIYA, at("10-29 09:05"));
        Delivery node190 = gh.publishRelease(
                node,
                "v1.9.0",
                "v1.9.0",
                "## Features\n* Typed `PayoutFailedError` with the bank's reason code (#" + typedErrorsPr.number + ")",
                PRIYA,
                at("10-29 09:10"),
                at("10-29 09:15"));
        gh.workflowRun(
                node,
                nodePublish.name(),
                nodePublish.file(),
                nodePublish.id(),
                "v1.9.0",
                commitOnMain(node, node.head("main")),
                "release",
                "success",
                null,
                PRIYA,
                at("10-29 09:15:20"),
                at("10-29 09:17:02"));
        ask("Which Node client release added typed payout errors?", node190, typedMerged);

        v2140 = shipApi(
                "v2.14.0",
                "v2.14.0: SEPA returns and a separate payouts worker",
                "## What's changed\n"
                        + "* Reconcile SEPA returns by end-to-end id by @priyaraman in #" + sepaPr.number + "\n"
                        + "* Run the payouts worker as its own deployment by @sokafor in #" + workerPr.number + "\n\n"
                        + "Payouts that come back from the bank now move to `returned` and emit `payout.returned`.\n\n"
                        + "**Full Changelog**: " + api.htmlUrl() + "/compare/v2.13.2...v2.14.0",
                MAYA,
                at("10-29 09:40"),
                true,
                null);
        Message live = slack.post(
                "eng",
                MAYA,
                "v2.14.0 is live: SEPA returns are reconciled by end-to-end id and the payouts worker runs on its own. "
                        + "Finance: returned payouts now show as `returned` instead of `paid`.",
                at("10-29 09:50"));
        ask(
                "When did returned payouts start showing as returned instead of paid?",
                v2140.release,
                live,
                v2140.deployment.outcome());
        ask(
                "Which deploy shipped commit " + v2140.sha.substring(0, 7) + "?",
                v2140.deployment.created,
                v2140.deployment.outcome());

        // Friday: dark mode review.
        gh.readyForReview(darkModePr, DIEGO, at("10-30 09:00"));
        gh.requestReview(darkModePr, LENA, DIEGO, at("10-30 09:00:30"));
        Delivery gridComment = gh.reviewComment(
                darkModePr,
                LENA,
                "components/charts/useChartTheme.ts",
                12,
                "@@ -0,0 +1,24 @@\n+export function useChartTheme() {\n+  const dark = useTheme() === 'dark'\n"
                        + "+  return { grid: dark ? '#222' : '#e5e7eb', text: dark ? '#d1d5db' : '#374151' }",
                "Grid lines are #222 on a #111 background: invisible. Use `--chart-grid` from the tokens?",
                at("10-30 11:15"));
        Delivery lenaChanges = gh.review(
                darkModePr,
                LENA,
                "changes_requested",
                "Looks great apart from the charts: they're unreadable in dark mode.",
                at("10-30 11:16"));
        ask("What was wrong with the charts in dark mode?", gridComment, lenaChanges);
    }

    // ======================================================================== week 5: Nov 2-6

    private void weekFive() {
        // Monday: dark mode charts fixed; rate limiting per API key is opened.
        GitCommit grid = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("11-02 09:20"),
                "Use lighter grid lines in dark charts",
                "components/charts/useChartTheme.ts",
                "styles/tokens.css");
        GithubPush gridPush = gh.pushToPullRequest(darkModePr, DIEGO, at("11-02 09:22"), grid);
        ciPassed(darkModePr, grid, DIEGO, at("11-02 09:22"));
        Delivery lenaApproves = gh.review(darkModePr, LENA, "approved", "Readable now. Ship it!", at("11-02 14:00"));
        ask("Which commit made dark mode charts readable?", gridPush.commit(grid));

        Delivery eng112Started = linear.moveIssue(eng112, "In Progress", JONAS, at("11-02 09:30"));
        GitCommit bucket = gh.commitAdding(
                api,
                JONAS.commitAs(),
                at("11-02 13:10"),
                "Token bucket rate limiter backed by Redis",
                2,
                "internal/ratelimit/redis.go",
                "internal/ratelimit/redis_test.go",
                "go.mod");
        GitCommit perKey = gh.commit(
                api,
                JONAS.commitAs(),
                at("11-02 14:32"),
                "Limit per API key, keep a per-IP ceiling for unauthenticated requests",
                "internal/ratelimit/middleware.go",
                "internal/ratelimit/middleware_test.go",
                "cmd/api/main.go");
        GithubPush ratePush = gh.push(api, eng112.branchName(), JONAS, at("11-02 14:35"), bucket, perKey);
        rateLimitPr = gh.openPullRequest(
                api,
                number(api),
                JONAS,
                eng112.branchName(),
                "ENG-112: Rate limit per API key with a Redis token bucket",
                "Fixes #" + rateLimitIssue.number + "\n\n"
                        + "- 100 req/s per API key (burst 200), shared by all API pods through Redis (`EVALSHA` token bucket)\n"
                        + "- unauthenticated requests keep a per-IP ceiling of 20 req/s\n"
                        + "- `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `Retry-After` on every 429\n\nLinear: ENG-112",
                at("11-02 14:40"),
                List.of(bucket, perKey),
                false);
        gh.requestReview(rateLimitPr, MAYA, JONAS, at("11-02 14:40:30"));
        gh.requestReview(rateLimitPr, PRIYA, JONAS, at("11-02 14:40:40"));
        linear.linkPullRequest(eng112, rateLimitPr, JONAS, at("11-02 14:41"));
        linear.moveIssue(eng112, "In Review", JONAS, at("11-02 14:41:30"));
        ciPassed(rateLimitPr, perKey, JONAS, at("11-02 14:35"));
        ask("When did the per-key rate limiter work start?", eng112Started, ratePush);
        ask("What rate limit applies per API key after ENG-112?", rateLimitPr.opened);
        ask("Which headers does payments-api send with a 429?", rateLimitPr.opened);

        // Tuesday: dark mode ships; review on the rate limiter.
        Delivery darkMerged = merge(darkModePr, DIEGO, at("11-03 08:40"));
        darkModeDeploy = vercelProduction(darkModePr, at("11-03 08:40"));
        ask("Who reviewed the dark mode pull request?", darkModePr.reviews);
        ask("When did dark mode reach production?", darkMerged, darkModeDeploy);
        ask("Which change made the merchant UI comfortable to use at night?", darkModePr.opened, darkMerged);

        Delivery redisComment = gh.reviewComment(
                rateLimitPr,
                PRIYA,
                "internal/ratelimit/redis.go",
                47,
                "@@ -0,0 +1,71 @@\n+func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {\n"
                        + "+\tres, err := l.script.Run(ctx, l.rdb, []string{key}, l.rate, l.burst).Int()\n"
                        + "+\tif err != nil {\n+\t\treturn false, err\n+\t}",
                "What happens when Redis is unreachable? Returning the error makes the middleware answer 500 for every "
                        + "request, so Redis going down takes the whole API with it.",
                at("11-03 10:05"));
        Delivery priyaComments =
                gh.review(rateLimitPr, PRIYA, "commented", "One question about Redis outages.", at("11-03 10:06"));
        Delivery mayaChanges = gh.review(
                rateLimitPr,
                MAYA,
                "changes_requested",
                "Agree with Priya: fail open when Redis is down, but with an in-memory per-pod limiter as a backstop, not "
                        + "unlimited.",
                at("11-03 11:30"));
        GitCommit fallback = gh.commit(
                api,
                JONAS.commitAs(),
                at("11-03 15:20"),
                "Fall back to an in-memory limiter when Redis is unreachable",
                "internal/ratelimit/fallback.go",
                "internal/ratelimit/middleware.go",
                "internal/ratelimit/middleware_test.go");
        GithubPush fallbackPush = gh.pushToPullRequest(rateLimitPr, JONAS, at("11-03 15:22"), fallback);
        ciPassed(rateLimitPr, fallback, JONAS, at("11-03 15:22"));
        ask(
                "What happens to rate limiting when Redis is down?",
                redisComment,
                mayaChanges,
                fallbackPush.commit(fallback));
        ask("Who raised the Redis outage concern on the rate limiter PR?", redisComment, priyaComments);

        // Wednesday: the bank is slow (a metric alert), the rate limiter is merged.
        Delivery critical = sentry.metricAlert(
                "critical",
                SentryDeliveries.PAYMENTS_API,
                "p95 latency of POST /v1/payouts above 800 ms",
                "p95(transaction.duration)",
                "transaction:\"POST /v1/payouts\"",
                800,
                "p95(transaction.duration) is 1412 ms in the last 10 minutes",
                at("11-04 08:05"),
                at("11-04 08:12"));
        Message slow = slack.post(
                "incidents",
                SAM,
                "p95 of POST /v1/payouts is 1.4 s since 08:05 (Sentry alert). The bank's API is slow, their status page "
                        + "says degraded. Nothing to do on our side for now, payouts are queued and retried.",
                at("11-04 08:15"));
        Delivery recovered = sentry.metricAlert(
                "resolved",
                SentryDeliveries.PAYMENTS_API,
                "p95 latency of POST /v1/payouts above 800 ms",
                "p95(transaction.duration)",
                "transaction:\"POST /v1/payouts\"",
                800,
                "p95(transaction.duration) is back to 310 ms",
                at("11-04 08:05"),
                at("11-04 08:47"));
        Message over =
                slack.reply(slow, SAM, "Resolved, the bank recovered at 08:40. No payouts lost.", at("11-04 08:50"));
        ask("Why was creating payouts slow on the morning of Nov 4?", critical, slow);
        ask("How slow did POST /v1/payouts get, and when did it recover?", critical, recovered, over);
        ask("Was any payout lost when the bank API was degraded?", over);

        Delivery mayaApproves = gh.review(rateLimitPr, MAYA, "approved", "Backstop looks good.", at("11-04 13:00"));
        Delivery priyaApproves = gh.review(rateLimitPr, PRIYA, "approved", "👍", at("11-04 13:30"));
        Delivery rateMerged = merge(rateLimitPr, JONAS, at("11-04 14:00"), rateLimitIssue);
        Delivery eng112Done = linear.moveIssue(eng112, "Done", JONAS, at("11-04 14:01"));
        ask(
                "Who reviewed the PR that fixed payments-api#" + rateLimitIssue.number + "?",
                mayaChanges,
                priyaComments,
                mayaApproves,
                priyaApproves);
        ask("When was per-API-key rate limiting merged?", rateMerged, eng112Done);
        ask(
                "What keeps one noisy customer from starving everybody else of API capacity?",
                rateLimitPr.opened,
                rateMerged);

        // Thursday: payout.paid is sent too early.
        paidTooEarlyIssue = gh.openIssue(
                api,
                number(api),
                PRIYA,
                "payout.paid webhook is sent before the bank confirms the transfer",
                "We send `payout.paid` when the bank accepts the transfer request (HTTP 201), but the money only moves when "
                        + "the camt.054 credit notification arrives, usually 2-6 hours later. Three merchants shipped goods on "
                        + "`paid` for payouts the bank later rejected (AC04 closed account) in October.",
                at("11-05 09:40"));
        gh.label(paidTooEarlyIssue, "bug", PRIYA, at("11-05 09:40:30"));
        gh.label(paidTooEarlyIssue, "webhooks", PRIYA, at("11-05 09:41"));
        gh.assign(paidTooEarlyIssue, PRIYA, PRIYA, at("11-05 09:41:30"));
        Delivery merchantsConfused = gh.commentOnIssue(
                paidTooEarlyIssue,
                LENA,
                "Support confirms: tickets from Boxly, Kettle & Co and Vandam. They'd like a separate \"submitted\" event "
                        + "rather than a delayed \"paid\".",
                at("11-05 10:30"));
        ask("Which merchants complained about payout.paid arriving too early?", merchantsConfused);
        ask("Why is payout.paid misleading for merchants?", paidTooEarlyIssue.opened);

        GitCommit confirm = gh.commit(
                api,
                PRIYA.commitAs(),
                at("11-05 14:02"),
                "Send payout.paid only after the bank's credit notification",
                "internal/payouts/status.go",
                "internal/reconciliation/camt054_credits.go",
                "internal/webhooks/events.go");
        GitCommit submitted = gh.commit(
                api,
                PRIYA.commitAs(),
                at("11-05 14:40"),
                "Add payout.submitted for accepted transfer requests",
                "internal/webhooks/events.go",
                "api/openapi.yaml",
                "docs/webhooks.md");
        GithubPush paidPush =
                gh.push(api, "priya/paid-on-bank-confirmation", PRIYA, at("11-05 14:42"), confirm, submitted);
        paidOnConfirmationPr = gh.openPullRequest(
                api,
                number(api),
                PRIYA,
                "priya/paid-on-bank-confirmation",
                "Send payout.paid on bank confirmation, add payout.submitted",
                "Fixes #" + paidTooEarlyIssue.number + "\n\n"
                        + "- `payout.submitted`: the bank accepted the transfer request (what `paid` used to mean)\n"
                        + "- `payout.paid`: the camt.054 credit notification arrived\n\n"
                        + "**Behaviour change for merchants**: `paid` arrives 2-6 h later than before. Changelog entry included; "
                        + "the Node client needs no change (events are strings).",
                at("11-05 14:50"),
                List.of(confirm, submitted),
                false);
        gh.labelPullRequest(paidOnConfirmationPr, "webhooks", PRIYA, at("11-05 14:50:20"));
        gh.requestReview(paidOnConfirmationPr, MAYA, PRIYA, at("11-05 14:50:40"));
        ciPassed(paidOnConfirmationPr, submitted, PRIYA, at("11-05 14:42"));
        ask("Which commit added the payout.submitted webhook event?", paidPush.commit(submitted));

        // Friday: merged and announced; the EUR-only balance card is reported.
        Delivery announceFirst = gh.review(
                paidOnConfirmationPr,
                MAYA,
                "approved",
                "Please announce payout.submitted in #payments before the release.",
                at("11-06 10:00"));
        Delivery paidMerged = merge(paidOnConfirmationPr, PRIYA, at("11-06 10:20"), paidTooEarlyIssue);
        Message announcement = slack.post(
                "payments",
                PRIYA,
                "Heads-up: from v2.15.0 `payout.paid` waits for the bank's confirmation (2-6 h later than today); a new "
                        + "`payout.submitted` event fires when the bank accepts the transfer. Docs: "
                        + "<https://docs.ledgerloop.dev/webhooks#payout-submitted>",
                at("11-06 10:30"));
        ask("Who reviewed the PR that fixed payments-api#" + paidTooEarlyIssue.number + "?", announceFirst);
        ask("Where was the payout.submitted change announced?", announcement, announceFirst);
        ask("When was the payout.paid timing change merged?", paidMerged);

        eurOnlyIssue = gh.openIssue(
                dashboard,
                number(dashboard),
                LENA,
                "Balance card shows only EUR for multi-currency merchants",
                "Merchants with GBP and USD accounts (Shopwell, Vandam) see only their EUR balance on the overview. "
                        + "payments-api has to return one balance per currency first; then the card can show all of them.",
                at("11-06 11:15"));
        gh.label(eurOnlyIssue, "bug", LENA, at("11-06 11:15:30"));
        gh.label(eurOnlyIssue, "ui", LENA, at("11-06 11:16"));
        Delivery diegoAssigned = gh.assign(eurOnlyIssue, DIEGO, LENA, at("11-06 11:16:30"));
        ask("Which dashboard issue is about merchants seeing only their euro balance?", eurOnlyIssue.opened);
        ask("Who was assigned the EUR-only balance card bug?", diegoAssigned);
    }

    // ======================================================================== week 6: Nov 9-13

    private void weekSix() {
        Delivery mayaFocus = status(MAYA, "Multi-currency balances, slow to answer", ":coin:", null, at("11-09 08:05"));
        ask("What did Maya set as her Slack status when she started on balances per currency?", mayaFocus);

        // Monday: balances per currency in the API (the shape that will bite on Tuesday next week).
        GitCommit perCurrency = gh.commit(
                api,
                MAYA.commitAs(),
                at("11-09 10:20"),
                "Return one balance entry per currency from GET /v1/balances\n\n"
                        + "Only merchants with multi-currency enabled get the balances array;\n"
                        + "the others keep the old single-currency shape.",
                "internal/balances/handler.go",
                "internal/balances/handler_test.go",
                "api/openapi.yaml");
        GithubPush balancesPush = gh.push(api, "maya/balances-per-currency", MAYA, at("11-09 10:22"), perCurrency);
        balancesApiPr = gh.openPullRequest(
                api,
                number(api),
                MAYA,
                "maya/balances-per-currency",
                "GET /v1/balances: one entry per currency",
                "For merchants with multi-currency enabled, `GET /v1/balances` now returns `balances: [{currency, available, "
                        + "pending}]` next to the existing `available` and `pending` of the default currency. Merchants without "
                        + "multi-currency keep the old shape.\n\nNeeded for ledgerloop/dashboard#" + eurOnlyIssue.number
                        + ".",
                at("11-09 10:30"),
                List.of(perCurrency),
                false);
        gh.requestReview(balancesApiPr, JONAS, MAYA, at("11-09 10:30:30"));
        ciPassed(balancesApiPr, perCurrency, MAYA, at("11-09 10:22"));
        ask(
                "Which merchants get the balances array from GET /v1/balances?",
                balancesApiPr.opened,
                balancesPush.commit(perCurrency));

        GitCommit queueAlert = gh.commitAdding(
                api,
                SAM.commitAs(),
                at("11-09 15:10"),
                "Alert when the payout queue is deeper than 500 for 10 minutes",
                1,
                "deploy/alerts/payouts.yaml",
                "docs/runbooks/payout-queue.md");
        GithubPush queuePush = gh.push(api, "sam/payout-queue-alert", SAM, at("11-09 15:11"), queueAlert);
        queueAlertPr = gh.openPullRequest(
                api,
                number(api),
                SAM,
                "sam/payout-queue-alert",
                "Alert on payout queue depth",
                "Pages the on-call when more than 500 payouts wait for 10 minutes (Nov 4 the queue reached 2,300 while "
                        + "the bank was slow and nobody noticed for 35 minutes). Runbook included.",
                at("11-09 15:15"),
                List.of(queueAlert),
                false);
        gh.requestReview(queueAlertPr, PRIYA, SAM, at("11-09 15:15:30"));
        ciPassed(queueAlertPr, queueAlert, SAM, at("11-09 15:11"));
        ask(
                "What threshold pages the on-call for the payout queue?",
                queuePush.commit(queueAlert),
                queueAlertPr.opened);

        // Tuesday: both merged.
        Delivery priyaApproves = gh.review(
                queueAlertPr,
                PRIYA,
                "approved",
                "Runbook is clear. Maybe link the bank status page in it.",
                at("11-10 10:15"));
        Delivery queueMerged = merge(queueAlertPr, SAM, at("11-10 10:30"));
        ask("Who approved the payout queue alert?", priyaApproves);
        ask("When was the payout queue depth alert merged?", queueMerged);

        Delivery openapiNit = gh.reviewComment(
                balancesApiPr,
                JONAS,
                "api/openapi.yaml",
                412,
                "@@ -405,6 +405,24 @@ components:\n     Balance:\n       type: object\n"
                        + "+      properties:\n+        balances:\n+          type: array",
                "Nit: the example response still shows a single EUR balance.",
                at("11-10 09:40"));
        Delivery jonasApproves =
                gh.review(balancesApiPr, JONAS, "approved", "LGTM apart from the example.", at("11-10 09:41"));
        GitCommit example = gh.commit(
                api,
                MAYA.commitAs(),
                at("11-10 14:40"),
                "Show a multi-currency example in the OpenAPI spec",
                "api/openapi.yaml");
        gh.pushToPullRequest(balancesApiPr, MAYA, at("11-10 14:42"), example);
        ciPassed(balancesApiPr, example, MAYA, at("11-10 14:42"));
        Delivery balancesMerged = merge(balancesApiPr, MAYA, at("11-10 15:00"));
        ask("Who reviewed the balances-per-currency API change?", openapiNit, jonasApproves);
        ask("When did GET /v1/balances start returning one entry per currency?", balancesMerged);

        // Wednesday: the Node client follows.
        GitCommit typed = gh.commit(
                node,
                JONAS.commitAs(),
                at("11-11 11:30"),
                "Type balances.retrieve() for multi-currency merchants",
                "src/resources/balances.ts",
                "test/balances.test.ts");
        GithubPush typedPush = gh.push(node, "jonas/multi-currency-balances", JONAS, at("11-11 11:32"), typed);
        nodeBalancesPr = gh.openPullRequest(
                node,
                number(node),
                JONAS,
                "jonas/multi-currency-balances",
                "Support multi-currency balances in `balances.retrieve()`",
                "Adds the optional `balances` array (payments-api#" + balancesApiPr.number + ") to the `Balance` type. "
                        + "Optional because single-currency merchants don't get it.",
                at("11-11 11:40"),
                List.of(typed),
                false);
        gh.requestReview(nodeBalancesPr, PRIYA, JONAS, at("11-11 11:40:30"));
        ciPassed(nodeBalancesPr, typed, JONAS, at("11-11 11:32"));
        ask("Why is the balances array optional in the Node client?", nodeBalancesPr.opened);
        ask("Which commit typed multi-currency balances in the Node client?", typedPush.commit(typed));

        // Thursday: 2.15.0 ships; ENG-123 is planned.
        v2150 = shipApi(
                "v2.15.0",
                "v2.15.0: balances per currency, payout.submitted, per-key rate limits",
                "## What's changed\n"
                        + "* ENG-112: Rate limit per API key with a Redis token bucket by @jweber in #"
                        + rateLimitPr.number + "\n"
                        + "* Send payout.paid on bank confirmation, add payout.submitted by @priyaraman in #"
                        + paidOnConfirmationPr.number + "\n"
                        + "* GET /v1/balances: one entry per currency by @mayachen in #" + balancesApiPr.number + "\n"
                        + "* Alert on payout queue depth by @sokafor in #" + queueAlertPr.number + "\n\n"
                        + "**Behaviour change**: `payout.paid` now waits for the bank's confirmation; see `payout.submitted`.\n\n"
                        + "**Full Changelog**: " + api.htmlUrl() + "/compare/v2.14.0...v2.15.0",
                MAYA,
                at("11-12 09:30"),
                true,
                null);
        Message v2150Live = slack.post(
                "eng",
                MAYA,
                "payments-api v2.15.0 is in production: balances per currency (multi-currency merchants only), "
                        + "payout.submitted, and rate limits per API key. The dashboard can start on ENG-123.",
                at("11-12 09:45"));
        // Lena records the decision the overview's cards are built on, in the release note's thread.
        cardsDecision = slack.reply(
                v2150Live,
                LENA,
                "Decision: the overview's balance cards read `balances[]` only, one code path for every merchant,"
                        + " default currency first. Diego takes it as ENG-123.",
                at("11-12 10:05"));
        slack.react(cardsDecision, DIEGO, "white_check_mark", at("11-12 10:07"));
        ask("What went out in payments-api v2.15.0?", v2150.release, v2150Live);
        ask(
                "Which deploy shipped commit " + v2150.sha.substring(0, 7) + "?",
                v2150.deployment.created,
                v2150.deployment.outcome());

        eng123 = linear.createIssue(
                123,
                LENA,
                "Multi-currency balance cards on the dashboard overview",
                "payments-api v2.15.0 returns one balance per currency (`balances[]`). Show one card per currency on the "
                        + "overview, default currency first.\n\nFixes the EUR-only card reported in ledgerloop/dashboard#"
                        + eurOnlyIssue.number + ".",
                2,
                "Todo",
                "Multi-currency",
                41,
                DIEGO,
                at("11-12 10:15"),
                "Feature",
                "Dashboard");
        Delivery nodeApproved =
                gh.review(nodeBalancesPr, PRIYA, "approved", "👍 optional is right.", at("11-12 16:00"));
        ask("Who created ENG-123 and who is it assigned to?", eng123.created);
        ask("Who approved the Node client's multi-currency balances?", nodeApproved);

        // Friday (the first day of "last week"): merges in the Node client and payments-api, ENG-123 starts.
        netBumpPr = dependabot(
                api, "go_modules", "golang.org/x/net", "0.30.0", "0.31.0", "go.mod", "go.sum", "go", at("11-13 06:12"));
        Delivery nodeMerged = merge(nodeBalancesPr, JONAS, at("11-13 09:10"));
        Delivery eng123Started = linear.moveIssue(eng123, "In Progress", DIEGO, at("11-13 10:00"));
        Delivery netApproved = gh.review(netBumpPr, MAYA, "approved", "", at("11-13 11:20"));
        Delivery netMerged = merge(netBumpPr, MAYA, at("11-13 11:30"));
        ask("Which golang.org/x/net version does payments-api use now?", netBumpPr.opened, netMerged);
        ask("Who approved the x/net bump?", netApproved);
        ask("When was multi-currency support merged into the Node client?", nodeMerged);

        ask("When did Diego start on the multi-currency balance cards?", eng123Started);
    }

    // ======================================================================== week 7: Nov 16-20

    // The incident chain, kept for the questions that look back on it.
    private GithubPullRequest balanceCardsPr;
    private GithubPush balanceCardsMerge;
    private VercelDeliveries.Deployment tuesdayDeploy;
    private SentryIssue crash;
    private Message crashReport;
    private Message diagnosis;
    private Message decision;
    private Message rolledBack;
    private Delivery rollback;
    private LinearIssue eng131;
    private GithubPullRequest alwaysBalancesPr;
    private GithubPullRequest fallbackPr;
    private VercelDeliveries.Deployment fixForwardDeploy;
    private GithubIssue smokeTestIssue;
    private GithubPullRequest requestIdsPr;
    private GithubPush newLaptopPush;
    private GithubPullRequest retryPr;
    private GithubPush retryPush;
    private GithubPullRequest rotationPr;
    private GithubPush rotationPush;
    private GithubPush smokeTestPush;
    private LinearIssue eng134;
    private GithubPullRequest smokeTestPr;
    private GithubIssue settlementIssue;
    private GithubPullRequest runbookPr;
    private Shipped v2151;
    private Message postmortem;

    private void weekSeven() {
        Delivery diegoFocus = status(DIEGO, "Heads down on ENG-123", ":art:", null, at("11-13 13:00"));
        ask("Who is " + DIEGO.slackId() + " in Slack, and what was he focused on on Nov 13?", diegoFocus);

        // Friday before: ENG-123's first commit.
        GitCommit cards = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("11-13 15:38"),
                "ENG-123: Render one balance card per currency",
                1,
                "components/overview/BalanceCards.tsx",
                "components/overview/BalanceCard.tsx",
                "lib/api/balances.ts");
        String branch = eng123.branchName();
        GithubPush cardsPush = gh.push(dashboard, branch, DIEGO, at("11-13 15:40"), cards);
        ask("Which branch is ENG-123 being built on?", cardsPush, eng123.created);

        Delivery samOnCallAgain = status(SAM, "On call this week", ":pager:", at("11-20 17:00"), at("11-16 07:55"));

        // Monday: the Node client release; ENG-123's pull request, preview and review.
        Delivery node1100 = gh.publishRelease(
                node,
                "v1.10.0",
                "v1.10.0",
                "## Features\n* Multi-currency balances in `balances.retrieve()` (#" + nodeBalancesPr.number + ")\n\n"
                        + "Requires payments-api v2.15.0 for the `balances` array.",
                JONAS,
                at("11-16 08:55"),
                at("11-16 09:00"));
        gh.workflowRun(
                node,
                nodePublish.name(),
                nodePublish.file(),
                nodePublish.id(),
                "v1.10.0",
                commitOnMain(node, node.head("main")),
                "release",
                "success",
                null,
                JONAS,
                at("11-16 09:00:20"),
                at("11-16 09:02:11"));
        ask("What is the latest release of the Node client?", node1100);

        GitCommit order = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("11-16 10:26"),
                "ENG-123: Put the default currency first",
                "components/overview/BalanceCards.tsx");
        gh.push(dashboard, branch, DIEGO, at("11-16 10:28"), order);
        balanceCardsPr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                branch,
                "ENG-123: Multi-currency balance cards on the overview",
                "Fixes #" + eurOnlyIssue.number + "\n\n"
                        + "Reads `balances[]` from `GET /v1/balances` (payments-api v2.15.0) and renders one `BalanceCard` per "
                        + "currency, default currency first.\n\nLinear: [ENG-123](" + eng123.url() + ")",
                at("11-16 10:30"),
                List.of(cards, order),
                false);
        Delivery askedMaya = gh.requestReview(balanceCardsPr, MAYA, DIEGO, at("11-16 10:30:30"));
        Delivery linked = linear.linkPullRequest(eng123, balanceCardsPr, DIEGO, at("11-16 10:30:50"));
        Delivery eng123Review = linear.moveIssue(eng123, "In Review", DIEGO, at("11-16 10:31"));
        var preview = vercelPreview(balanceCardsPr, order, at("11-16 10:30"), true);
        Delivery previewComment = gh.commentOnPullRequest(
                balanceCardsPr,
                Team.VERCEL_BOT,
                "[vc]: #" + StoryIds.base62("vercel comment " + preview.id, 40) + "\n"
                        + "The latest updates on your projects. Learn more about [Vercel for Git ↗︎](https://vercel.link/github-"
                        + "learn-more)\n\n| Name | Status | Preview | Updated (UTC) |\n| :--- | :----- | :------ | :------ |\n"
                        + "| **dashboard** | ✅ Ready ([Inspect](" + preview.inspectorUrl()
                        + ")) | [Visit Preview](https://"
                        + preview.url + ") | Nov 16, 2026 " + hhmm(preview.outcome.at()) + "am |\n",
                preview.outcome.at().plusSeconds(6));
        ciPassed(balanceCardsPr, order, DIEGO, at("11-16 10:30"));
        ask("Which pull request implements ENG-123?", linked, balanceCardsPr.opened);
        ask("Where can I try the multi-currency balance cards before they ship?", preview, previewComment);
        ask("When did ENG-123 move to In Review?", eng123Review);
        ask("Who was asked to review the balance cards pull request?", askedMaya);

        Delivery euroSign = gh.reviewComment(
                balanceCardsPr,
                MAYA,
                "components/overview/BalanceCard.tsx",
                31,
                "@@ -24,9 +24,12 @@ export function BalanceCard({ balance }: Props) {\n"
                        + "-  const amount = formatAmount(balance.available)\n"
                        + "+  const amount = formatAmount(balance.available, balance.currency)",
                "`formatAmount` still hard-codes the € sign. Use `Intl.NumberFormat(locale, { style: 'currency', currency "
                        + "})` so the GBP and USD cards don't show euros.",
                at("11-16 14:09"));
        Delivery mayaChanges = gh.review(
                balanceCardsPr,
                MAYA,
                "changes_requested",
                "Works for EUR, but every card is formatted as euros.",
                at("11-16 14:10"));
        GitCommit money = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("11-16 15:28"),
                "ENG-123: Format each balance in its own currency",
                1,
                "lib/format/money.ts",
                "components/overview/BalanceCard.tsx");
        GithubPush moneyPush = gh.pushToPullRequest(balanceCardsPr, DIEGO, at("11-16 15:30"), money);
        vercelPreview(balanceCardsPr, money, at("11-16 15:30"), true);
        ciPassed(balanceCardsPr, money, DIEGO, at("11-16 15:30"));
        ask("Why did Maya request changes on the balance cards?", euroSign, mayaChanges);
        ask("Which commit stopped showing euro signs on GBP and USD balances?", moneyPush.commit(money));

        // Tuesday: merged, deployed by Vercel, and the overview crashes for single-currency merchants.
        Delivery mayaApproves = gh.review(
                balanceCardsPr,
                MAYA,
                "approved",
                "Checked the preview with the Shopwell test account (EUR, GBP, USD): all three cards are right.",
                at("11-17 09:40"));
        Delivery merged = merge(balanceCardsPr, MAYA, at("11-17 10:02"), eurOnlyIssue);
        balanceCardsMerge = balanceCardsPr.mergePush;
        GitCommit shipped = balanceCardsMerge.commits().getFirst();
        Delivery eng123Done = linear.moveIssue(eng123, "Done", DIEGO, at("11-17 10:03"));
        tuesdayDeploy = vercelProduction(balanceCardsPr, at("11-17 10:02"));
        Instant live = tuesdayDeploy.outcome.at();
        ask("Who reviewed the PR that fixed dashboard#" + eurOnlyIssue.number + "?", balanceCardsPr.reviews);
        ask("Who merged ENG-123's pull request?", merged);
        ask("Which deploy shipped commit " + shipped.shortSha() + "?", tuesdayDeploy);
        ask("Which Vercel deployment shipped the multi-currency balance cards?", tuesdayDeploy, merged);
        ask("When was ENG-123 completed?", eng123Done, merged);

        crash = sentry.createIssue(
                SentryDeliveries.DASHBOARD,
                "6089233417",
                "DASHBOARD-4F",
                "TypeError",
                "Cannot read properties of undefined (reading 'map')",
                "BalanceCards(components/overview/BalanceCards)",
                "components/overview/BalanceCards.tsx",
                "BalanceCards",
                1,
                1,
                live.plusSeconds(41),
                live.plusSeconds(44));
        Delivery alert = sentry.eventAlert(
                crash,
                "New issue on dashboard (production)",
                shipped.sha(),
                "production",
                "https://" + VercelDeliveries.PRODUCTION_DOMAIN + "/overview",
                "/overview",
                List.of(
                        new String[] {
                            "BalanceCards",
                            "components/overview/BalanceCards.tsx",
                            "18",
                            "      {balances.map((balance) => ("
                        },
                        new String[] {"OverviewPage", "app/(dashboard)/overview/page.tsx", "41"}),
                live.plusSeconds(41),
                live.plusSeconds(95));
        crash.count = 212;
        crash.userCount = 37;
        crash.lastSeen = at("11-17 10:28");
        crashReport = slack.post(
                "incidents",
                SAM,
                "The dashboard overview is crashing for single-currency merchants since the " + hhmm(live)
                        + " production deploy. Sentry <" + crash.webUrl()
                        + "|DASHBOARD-4F>: `TypeError: Cannot read properties "
                        + "of undefined (reading 'map')`, 212 events from 37 merchants so far.",
                at("11-17 10:29"));
        Delivery assigned = sentry.assign(crash, DIEGO, SAM, at("11-17 10:31"));
        Delivery edited = slack.edit(
                crashReport,
                crashReport.text() + " First seen in release " + shipped.shortSha() + ".",
                at("11-17 10:32"));
        diagnosis = slack.reply(
                crashReport,
                DIEGO,
                "That's <" + balanceCardsPr.htmlUrl() + "|dashboard#" + balanceCardsPr.number
                        + "> (ENG-123): merchants "
                        + "without multi-currency get no `balances` array from payments-api, and BalanceCards maps over it "
                        + "unconditionally.",
                at("11-17 10:34"));
        Message fixForward = slack.reply(
                crashReport, MAYA, "Can we fix forward? Sounds like a one-line fallback.", at("11-17 10:36"));
        Message properly = slack.reply(
                crashReport,
                DIEGO,
                "The fallback is easy, but single-currency balances also lack `currency`, so the card would render "
                        + "without a currency code. I'd rather do it properly with a payments-api change.",
                at("11-17 10:38"));
        decision = slack.reply(
                crashReport,
                LENA,
                "We decided to roll back the dashboard to the previous production deployment now and fix forward tomorrow "
                        + "with the API change. <@" + SAM.slackId() + "> please promote the last good deployment.",
                at("11-17 10:40"));
        Delivery samAgrees = slack.react(decision, SAM, "white_check_mark", at("11-17 10:41"));
        Delivery mayaAgrees = slack.react(decision, MAYA, "white_check_mark", at("11-17 10:41:20"));
        rollback = vercel.promote(darkModeDeploy, SAM, at("11-17 10:44"));
        rolledBack = slack.reply(
                crashReport,
                SAM,
                "Rolled back: promoted <" + darkModeDeploy.inspectorUrl() + "|the Nov 3 production deployment> (commit "
                        + darkModeDeploy.sha.substring(0, 7)
                        + ", dark mode). The overview loads again for m_7Hq2 and Shopwell; "
                        + "no new DASHBOARD-4F events since 10:45.",
                at("11-17 10:46"));

        ask(
                "What caused the incident after Tuesday's deploy?",
                crash.created,
                alert,
                tuesdayDeploy,
                merged,
                balanceCardsMerge.commit(shipped),
                diagnosis);
        ask("TypeError: Cannot read properties of undefined (reading 'map')", crash.created, alert, crashReport);
        ask("Which release was DASHBOARD-4F first seen in?", alert, edited);
        ask(
                "Which pull request broke the dashboard overview on " + TUESDAY + "?",
                diagnosis,
                merged,
                balanceCardsPr.opened);
        ask("What did the team decide to do about the dashboard crash?", decision, samAgrees, mayaAgrees);
        ask("Who agreed with the decision to roll back the dashboard?", samAgrees, mayaAgrees);
        ask("Why didn't the team just fix the balance cards forward on Tuesday?", properly, fixForward, decision);
        ask("Which deployment did Sam promote to roll back the dashboard?", rollback, rolledBack);
        ask("When was the dashboard rolled back, and to which commit?", rollback, rolledBack);
        ask("How many merchants were hit by the overview crash?", crashReport, assigned);
        ask("Who was assigned DASHBOARD-4F in Sentry?", assigned);
        ask("Who reported the dashboard crash in #incidents?", crashReport);
        ask("Who was on call during the dashboard incident?", samOnCallAgain, crashReport);
        askAcross("Who reviewed the pull request that caused Tuesday's incident?", balanceCardsPr.reviews);
        askAcross(
                "Who wrote the change behind Sentry issue DASHBOARD-4F?",
                balanceCardsPr.opened,
                balanceCardsMerge.commit(shipped));
        ask(
                "Which Linear issue was the change that crashed the dashboard made for?",
                eng123.created,
                linked,
                diagnosis);

        eng131 = linear.createIssue(
                131,
                LENA,
                "Balance cards crash when payments-api returns no balances",
                "Follow-up to the " + TUESDAY + " rollback (Slack #incidents: " + SlackDeliveries.permalink(decision)
                        + ", Sentry DASHBOARD-4F).\n\n"
                        + "- payments-api must return `balances` for single-currency merchants too\n"
                        + "- the dashboard must not assume the field is there\n\nThen ship ENG-123 again.",
                1,
                "Todo",
                "Multi-currency",
                41,
                DIEGO,
                at("11-17 11:00"),
                "Bug",
                "Incident");
        Delivery eng123Comment = linear.comment(
                eng123,
                DIEGO,
                "Rolled back in production after DASHBOARD-4F: single-currency merchants got no `balances`. Fix forward "
                        + "tracked in ENG-131.",
                at("11-17 11:05"));
        Delivery prComment = gh.commentOnPullRequest(
                balanceCardsPr,
                DIEGO,
                "Rolled back in production (Sentry DASHBOARD-4F): single-currency merchants get no `balances` from "
                        + "`GET /v1/balances`. Fix forward in ENG-131.",
                at("11-17 11:10"));
        Delivery resolved = sentry.resolve(crash, DIEGO, null, at("11-17 11:20"));
        ask("Which Linear issue tracks the fix forward after the rollback?", eng131.created, eng123Comment);
        ask("Was ENG-123 rolled back?", eng123Comment, prComment, rolledBack);
        ask("When was DASHBOARD-4F resolved and by whom?", resolved);
        ask("What follow-up work came out of the dashboard incident?", eng131.created);

        // Wednesday: the API always returns balances (2.15.1); the dashboard fix is opened; a smoke test is asked for.
        Delivery eng131Started = linear.moveIssue(eng131, "In Progress", DIEGO, at("11-18 09:30"));
        GitCommit always = gh.commit(
                api,
                PRIYA.commitAs(),
                at("11-18 10:08"),
                "Always return balances[] for single-currency merchants (ENG-131)\n\n"
                        + "One entry with the default currency; available and pending stay at the\ntop level for old clients.",
                "internal/balances/handler.go",
                "internal/balances/handler_test.go",
                "api/openapi.yaml");
        GithubPush alwaysPush = gh.push(api, "priya/eng-131-balances-for-everyone", PRIYA, at("11-18 10:10"), always);
        alwaysBalancesPr = gh.openPullRequest(
                api,
                number(api),
                PRIYA,
                "priya/eng-131-balances-for-everyone",
                "ENG-131: Always return `balances`, also for single-currency merchants",
                "Part of ENG-131, after Tuesday's dashboard rollback (Sentry DASHBOARD-4F). Single-currency merchants now get "
                        + "`balances` with one entry, so clients can rely on the field. The top-level `available` and `pending` "
                        + "stay for old clients.",
                at("11-18 10:15"),
                List.of(always),
                false);
        gh.requestReview(alwaysBalancesPr, MAYA, PRIYA, at("11-18 10:15:30"));
        Delivery apiLinked = linear.linkPullRequest(eng131, alwaysBalancesPr, PRIYA, at("11-18 10:16"));
        ciPassed(alwaysBalancesPr, always, PRIYA, at("11-18 10:10"));
        ask(
                "Which payments-api change is part of ENG-131?",
                apiLinked,
                alwaysBalancesPr.opened,
                alwaysPush.commit(always));

        GitCommit guard = gh.commit(
                dashboard,
                DIEGO.commitAs(),
                at("11-18 11:40"),
                "ENG-131: Fall back to the default balance when balances is missing",
                "components/overview/BalanceCards.tsx",
                "components/overview/BalanceCards.test.tsx",
                "lib/api/balances.ts");
        GithubPush guardPush = gh.push(dashboard, eng131.branchName(), DIEGO, at("11-18 11:42"), guard);
        fallbackPr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                eng131.branchName(),
                "ENG-131: Balance cards with a fallback for single-currency merchants",
                "Production has been pinned to the Nov 3 deployment since Tuesday's rollback (Sentry DASHBOARD-4F). This "
                        + "keeps #" + balanceCardsPr.number
                        + "'s cards and adds a fallback: when `balances` is missing, the "
                        + "overview shows one card built from `available`/`pending` and the merchant's default currency. "
                        + "`BalanceCards.test.tsx` renders the single-currency fixture that crashed.\n\nLinear: ENG-131",
                at("11-18 11:50"),
                List.of(guard),
                false);
        gh.requestReview(fallbackPr, MAYA, DIEGO, at("11-18 11:50:30"));
        gh.requestReview(fallbackPr, LENA, DIEGO, at("11-18 11:50:40"));
        Delivery dashLinked = linear.linkPullRequest(eng131, fallbackPr, DIEGO, at("11-18 11:51"));
        Delivery eng131Review = linear.moveIssue(eng131, "In Review", DIEGO, at("11-18 11:51:30"));
        vercelPreview(fallbackPr, guard, at("11-18 11:50"), true);
        ciPassed(fallbackPr, guard, DIEGO, at("11-18 11:42"));
        ask("Which dashboard pull request fixes the balance cards crash?", dashLinked, fallbackPr.opened);
        ask("Which commit adds the single-currency fallback to the balance cards?", guardPush.commit(guard));
        ask("When did ENG-131 start and when did it go into review?", eng131Started, eng131Review);

        Delivery approved = gh.review(
                alwaysBalancesPr,
                MAYA,
                "approved",
                "Good, and thanks for keeping the top-level fields.",
                at("11-18 13:00"));
        Delivery alwaysMerged = merge(alwaysBalancesPr, PRIYA, at("11-18 13:15"));
        v2151 = shipApi(
                "v2.15.1",
                "v2.15.1",
                "## What's changed\n"
                        + "* ENG-131: Always return `balances`, also for single-currency merchants by @priyaraman in #"
                        + alwaysBalancesPr.number + "\n\n**Full Changelog**: " + api.htmlUrl()
                        + "/compare/v2.15.0...v2.15.1",
                PRIYA,
                at("11-18 14:00"),
                true,
                null);
        ask("Who approved the always-return-balances change?", approved);
        ask("Which release makes payments-api return balances for every merchant?", v2151.release, alwaysMerged);
        ask(
                "Which deploy shipped commit " + v2151.sha.substring(0, 7) + "?",
                v2151.deployment.created,
                v2151.deployment.outcome());

        smokeTestIssue = gh.openIssue(
                dashboard,
                number(dashboard),
                SAM,
                "Smoke-test the overview page after every production deploy",
                "Tuesday's crash (Sentry DASHBOARD-4F) started at " + hhmm(crash.firstSeen) + "; the alert fired at "
                        + hhmm(alert.at()) + " into a muted channel and we noticed at 10:29.\n\n"
                        + "Add a post-deploy check that loads `/overview` as a single-currency and a multi-currency test merchant "
                        + "and rolls the deploy back on any client error.",
                at("11-18 12:30"));
        gh.label(smokeTestIssue, "enhancement", SAM, at("11-18 12:30:30"));
        Delivery smokeAssigned = gh.assign(smokeTestIssue, DIEGO, SAM, at("11-18 12:31"));
        eng134 = linear.createIssue(
                134,
                LENA,
                "Post-deploy smoke test for the overview",
                "From the " + TUESDAY
                        + " rollback: after every production deploy, load `/overview` as a single-currency"
                        + " and a multi-currency test merchant and roll back on any client error.\n\nGitHub: "
                        + smokeTestIssue.htmlUrl(),
                2,
                "Todo",
                "Multi-currency",
                41,
                DIEGO,
                at("11-18 12:40"),
                "Feature",
                "Dashboard");
        ask("How long did it take to notice the overview crash, and why?", smokeTestIssue.opened);
        ask("Who will build the post-deploy smoke test?", smokeAssigned);

        postmortem = slack.post(
                "eng",
                LENA,
                "Notes from Tuesday's dashboard rollback: root cause was <" + balanceCardsPr.htmlUrl() + "|dashboard#"
                        + balanceCardsPr.number
                        + "> assuming every merchant gets `balances` from GET /v1/balances, which "
                        + "payments-api only sent for multi-currency merchants. The Sentry alert fired at "
                        + hhmm(alert.at())
                        + " but went to a muted channel, we noticed at 10:29 and rolled back at 10:44. Follow-ups: ENG-131 "
                        + "(fix forward, Diego and Priya) and <" + smokeTestIssue.htmlUrl() + "|dashboard#"
                        + smokeTestIssue.number + "> (post-deploy smoke test).",
                at("11-18 16:00"));
        ask("Is there a write-up of the dashboard rollback?", postmortem);
        ask(
                "Why did the Sentry alert for the dashboard crash go unnoticed for 20 minutes?",
                postmortem,
                smokeTestIssue.opened);

        // Thursday: the fix forward ships; Jonas's new laptop; Priya's retries.
        Delivery lenaApproves = gh.review(
                fallbackPr,
                LENA,
                "approved",
                "Tested on the preview with m_7Hq2 (EUR only) and Shopwell (EUR, GBP, USD).",
                at("11-19 09:30"));
        Delivery mayaOk = gh.review(fallbackPr, MAYA, "approved", "👍", at("11-19 09:45"));
        Delivery fallbackMerged = merge(fallbackPr, DIEGO, at("11-19 10:00"));
        fixForwardDeploy = vercelProduction(fallbackPr, at("11-19 10:00"));
        Delivery eng131Done = linear.moveIssue(eng131, "Done", DIEGO, at("11-19 10:01"));
        Message back = slack.post(
                "eng",
                DIEGO,
                "Multi-currency balance cards are back in production (<" + fallbackPr.htmlUrl() + "|dashboard#"
                        + fallbackPr.number
                        + ">), this time with a fallback for single-currency merchants. DASHBOARD-4F stays "
                        + "quiet.",
                at("11-19 10:20"));
        ask("Who reviewed the fix forward for the balance cards?", lenaApproves, mayaOk);
        ask("When were the multi-currency balance cards back in production?", fallbackMerged, fixForwardDeploy, back);
        ask("Which deploy shipped commit " + fallbackPr.mergeSha.substring(0, 7) + "?", fixForwardDeploy);
        ask("Is ENG-131 done?", eng131Done);

        Delivery newLaptop =
                status(JONAS, "New laptop, ping me if a commit looks odd", ":computer:", null, at("11-19 08:30"));
        GitCommit requestIds = gh.commit(
                api,
                Team.JONAS_NEW_LAPTOP,
                at("11-19 14:08"),
                "Log request ids in the webhook dispatcher",
                "internal/webhooks/dispatcher.go",
                "internal/log/fields.go");
        newLaptopPush = gh.push(api, "jonas/request-ids-in-dispatcher", JONAS, at("11-19 14:10"), requestIds);
        requestIdsPr = gh.openPullRequest(
                api,
                number(api),
                JONAS,
                "jonas/request-ids-in-dispatcher",
                "Log request ids in the webhook dispatcher",
                "Every dispatch log line and Sentry event now carries the merchant-facing `Ledgerloop-Request-Id`, so "
                        + "support can find a failed delivery from the id the merchant sends us.",
                at("11-19 14:20"),
                List.of(requestIds),
                false);
        gh.requestReview(requestIdsPr, SAM, JONAS, at("11-19 14:20:30"));
        ciPassed(requestIdsPr, requestIds, JONAS, at("11-19 14:10"));
        Delivery samApproves =
                gh.review(requestIdsPr, SAM, "approved", "Exactly what support needed.", at("11-19 15:40"));
        merge(requestIdsPr, JONAS, at("11-19 16:00"));
        ask("Which commit did Jonas make with jonas@ledgerloop.dev?", newLaptopPush.commit(requestIds));
        ask(
                "Why do Jonas's latest commits use his work address instead of the noreply one?",
                newLaptop,
                newLaptopPush.commit(requestIds));
        ask(
                "How can support find a failed webhook delivery from a merchant's request id?",
                requestIdsPr.opened,
                newLaptopPush.commit(requestIds));
        ask("Who approved the request id logging?", samApproves);

        GitCommit retry = gh.commit(
                node,
                PRIYA.commitAs(),
                at("11-19 14:48"),
                "Retry idempotent requests on 429 using Retry-After",
                "src/http/retry.ts",
                "src/http/client.ts",
                "test/retry.test.ts");
        retryPush = gh.push(node, "priya/retry-429", PRIYA, at("11-19 14:50"), retry);
        retryPr = gh.openPullRequest(
                node,
                number(node),
                PRIYA,
                "priya/retry-429",
                "Retry idempotent requests on 429 with Retry-After",
                "payments-api answers 429 with `Retry-After` since v2.15.0 (per-key rate limits). The client now retries GET "
                        + "and DELETE, and requests with an `Idempotency-Key`, up to 3 times, waiting `Retry-After` seconds.",
                at("11-19 15:00"),
                List.of(retry),
                false);
        gh.labelPullRequest(retryPr, "sdk", PRIYA, at("11-19 15:00:20"));
        gh.requestReview(retryPr, JONAS, PRIYA, at("11-19 15:00:40"));
        ciPassed(retryPr, retry, PRIYA, at("11-19 14:50"));

        GitCommit runbook = gh.commitAdding(
                api,
                SAM.commitAs(),
                at("11-19 16:25"),
                "Runbook: rolling back the dashboard on Vercel",
                1,
                "docs/runbooks/dashboard-rollback.md",
                "docs/runbooks/README.md");
        GithubPush runbookPush = gh.push(api, "sam/dashboard-rollback-runbook", SAM, at("11-19 16:27"), runbook);
        runbookPr = gh.openPullRequest(
                api,
                number(api),
                SAM,
                "sam/dashboard-rollback-runbook",
                "Runbook: rolling back the dashboard on Vercel",
                "What we did on Tuesday, written down: find the last good production deployment, `Promote to Production` "
                        + "(or `vercel promote <url>`), check Sentry, then unpin by merging a fix to main.",
                at("11-19 16:30"),
                List.of(runbook),
                false);
        gh.requestReview(runbookPr, MAYA, SAM, at("11-19 16:30:30"));

        // Friday: the runbook is merged; new work starts.
        Delivery runbookApproved =
                gh.review(runbookPr, MAYA, "approved", "Clear. Linked it from the on-call doc.", at("11-20 09:30"));
        Delivery runbookMerged = merge(runbookPr, SAM, at("11-20 09:45"));
        ask(
                "Is there a runbook for rolling back the dashboard?",
                runbookPr.opened,
                runbookMerged,
                runbookPush.commit(runbook));
        ask("Who approved Sam's rollback runbook?", runbookApproved);

        GitCommit secrets = gh.commitAdding(
                api,
                Team.JONAS_NEW_LAPTOP,
                at("11-20 10:38"),
                "Store two signing secrets per endpoint during rotation",
                1,
                "migrations/0047_endpoint_secondary_secret.sql",
                "internal/webhooks/signing.go",
                "internal/webhooks/endpoints.go");
        rotationPush = gh.push(api, "jonas/webhook-secret-rotation", JONAS, at("11-20 10:40"), secrets);
        rotationPr = gh.openPullRequest(
                api,
                number(api),
                JONAS,
                "jonas/webhook-secret-rotation",
                "Rotate per-merchant webhook signing secrets",
                "Draft. Merchants can roll their webhook signing secret without downtime: during a rotation we sign with "
                        + "both secrets (`Ledgerloop-Signature: v1=<old>,v1=<new>`) for 24 h, then drop the old one.",
                at("11-20 11:00"),
                List.of(secrets),
                true);
        ciPassed(rotationPr, secrets, JONAS, at("11-20 10:40"));
        ask("How will merchants rotate webhook signing secrets without downtime?", rotationPr.opened);

        GitCommit smoke = gh.commitAdding(
                dashboard,
                DIEGO.commitAs(),
                at("11-20 13:48"),
                "Add a post-deploy smoke test for /overview\n\nRefs #" + smokeTestIssue.number,
                2,
                "e2e/overview.smoke.spec.ts",
                ".github/workflows/post-deploy.yml");
        smokeTestPush = gh.push(dashboard, "diego/overview-smoke-test", DIEGO, at("11-20 13:50"), smoke);
        linear.moveIssue(eng134, "In Progress", DIEGO, at("11-20 13:52"));
        smokeTestPr = gh.openPullRequest(
                dashboard,
                number(dashboard),
                DIEGO,
                "diego/overview-smoke-test",
                "ENG-134: Post-deploy smoke test for /overview",
                "Fixes #" + smokeTestIssue.number
                        + "\n\nAfter every production deploy, `post-deploy.yml` loads `/overview`"
                        + " as the single-currency and the multi-currency test merchants and rolls the deploy back on any"
                        + " client error.\n\nLinear: ENG-134",
                at("11-20 14:05"),
                List.of(smoke),
                false);
        gh.requestReview(smokeTestPr, SAM, DIEGO, at("11-20 14:05:30"));
        linear.linkPullRequest(eng134, smokeTestPr, DIEGO, at("11-20 14:06"));
        linear.moveIssue(eng134, "In Review", DIEGO, at("11-20 14:06:30"));
        ciPassed(smokeTestPr, smoke, DIEGO, at("11-20 13:50"));
        ask("Has anyone started on the overview smoke test?", smokeTestPush.commit(smoke), smokeTestPr.opened);

        settlementIssue = gh.openIssue(
                api,
                number(api),
                MAYA,
                "Payouts in the merchant's settlement currency",
                "Now that balances are per currency, pay out each currency balance to a bank account in that currency "
                        + "instead of converting everything to EUR. Needs one payout account per currency and per-currency "
                        + "minimum payout amounts.",
                at("11-20 14:30"));
        gh.label(settlementIssue, "enhancement", MAYA, at("11-20 14:30:30"));
        gh.label(settlementIssue, "payouts", MAYA, at("11-20 14:31"));
        gh.assign(settlementIssue, MAYA, MAYA, at("11-20 14:31:30"));
        ask("Is anyone planning payouts in currencies other than EUR?", settlementIssue.opened);

        Delivery postQuestion = gh.review(
                retryPr,
                JONAS,
                "commented",
                "Should a POST without an `Idempotency-Key` ever be retried? I'd say never, even on 429.",
                at("11-20 16:10"));
        ask("What did Jonas ask about retrying POST requests on 429?", postQuestion);

        // Friday evening Lena closes the cycle and moves ENG-134 to Done, though its pull request still
        // waits for review: Linear and GitHub now disagree about where the smoke test stands.
        Delivery eng134Done = linear.moveIssue(eng134, "Done", LENA, at("11-20 16:45"));
        ask("Is ENG-134 done?", eng134Done, smokeTestPr.opened);
    }

    // ======================================================================== looking back

    /** Questions about the whole story: people, repositories, weeks. */
    private void lookingBack() {
        Instant weekAgo = LAST_WEEK;
        for (GithubRepo repo : List.of(api, dashboard, node)) {
            var changes = history.where(d -> repo.fullName().equals(d.repo())
                    && ("github.pull_request.merged".equals(d.canonicalType())
                            || "github.release.published".equals(d.canonicalType()))
                    && History.between(weekAgo, NOW).test(d));
            ask("What changed in " + repo.name() + " last week?", changes);
        }
        ask(
                "Which releases went out in the last seven days?",
                history.where(d -> "github.release.published".equals(d.canonicalType())
                        && History.between(weekAgo, NOW).test(d)));
        ask(
                "Which pull requests were merged on Tuesday " + TUESDAY + "?",
                history.where(d -> "github.pull_request.merged".equals(d.canonicalType())
                        && d.at().toString().startsWith(TUESDAY)));
        ask(
                "Which dashboard deployments went to production in November?",
                history.where(d -> d.provider().equals("vercel")
                        && d.body().path("payload").path("target").asString("").equals("production")
                        && d.kind().equals("deployment.created")
                        && d.at().toString().startsWith("2026-11")));
        ask(
                "Which payments-api deployments failed?",
                history.where(d -> "github.deployment_status.failure".equals(d.canonicalType())));

        ask(
                "What is Priya working on?",
                retryPr.opened,
                retryPush.commit(retryPush.commits().getFirst()));
        ask(
                "What is Jonas working on?",
                rotationPr.opened,
                rotationPush.commit(rotationPush.commits().getFirst()));
        ask(
                "What is Diego working on?",
                smokeTestPush.commit(smokeTestPush.commits().getFirst()),
                smokeTestPr.opened,
                history.where(d -> d.canonicalType() != null
                        && d.canonicalType().equals("github.issue.assigned")
                        && d.body().path("issue").path("number").asInt() == smokeTestIssue.number
                        && d.repo().equals(dashboard.fullName())));
        ask("What is Maya working on?", settlementIssue.opened);
        ask("What is Sam working on?", runbookPr.merged, smokeTestIssue.opened);
        ask(
                "Which reviews did Maya do last week?",
                history.where(d -> "github.pull_request_review.submitted".equals(d.canonicalType())
                        && d.body()
                                .path("review")
                                .path("user")
                                .path("login")
                                .asString("")
                                .equals(MAYA.login())
                        && History.between(weekAgo, NOW).test(d)));
        ask("Which pull requests are still open?", retryPr.opened, rotationPr.opened, smokeTestPr.opened);
        ask(
                "Who commits as " + DIEGO.noreplyEmail() + "?",
                commitsWhere(c -> c.path("author").path("email").asString("").equals(DIEGO.noreplyEmail())
                        && c.path("timestamp").asString("").startsWith("2026-10-06")));
        ask(
                "Which commits did Samuel Okafor author?",
                commitsWhere(c -> c.path("author").path("name").asString("").equals("Samuel Okafor")));
        ask(
                "What did dependabot update this autumn?",
                history.where(d -> "github.pull_request.merged".equals(d.canonicalType())
                        && d.body()
                                .path("pull_request")
                                .path("user")
                                .path("login")
                                .asString("")
                                .equals(Team.DEPENDABOT.login())));
        ask(
                "Which Linear issues were completed in the last two weeks?",
                history.where(d -> d.provider().equals("linear")
                        && d.body()
                                .path("data")
                                .path("state")
                                .path("name")
                                .asString("")
                                .equals("Done")
                        && d.body().has("updatedFrom")
                        && d.at().isAfter(NOW.minus(Duration.ofDays(14)))));
        ask(
                "Which Sentry issues were resolved in a release?",
                history.where(d -> d.provider().equals("sentry")
                        && d.body().path("action").asString("").equals("resolved")
                        && d.body()
                                .path("data")
                                .path("issue")
                                .path("statusDetails")
                                .has("inRelease")));
        ask("What decisions were made in Slack?", backoffDecision, cardsDecision, decision);
    }

    /** Every pushed commit matching a test, as the commit events of the pushes that carried them. */
    private List<EvalQuestion.Expected> commitsWhere(
            java.util.function.Predicate<tools.jackson.databind.JsonNode> test) {
        var found = new ArrayList<EvalQuestion.Expected>();
        for (Delivery d :
                history.where(d -> d.provider().equals("github") && d.kind().equals("push"))) {
            for (var commit : d.body().path("commits")) {
                if (test.test(commit)) {
                    found.add(new EvalQuestion.Expected(
                            "github",
                            d.deliveryId(),
                            "github.commit.pushed",
                            commit.path("id").asString()));
                }
            }
        }
        return found;
    }

    private static String hhmm(Instant at) {
        return at.toString().substring(11, 16);
    }

    // ======================================================================== helpers

    /** The next free issue or pull request number of a repository (they share one sequence). */
    private int number(GithubRepo repo) {
        return lastNumber.merge(repo, 1, Integer::sum);
    }

    private static final Map<Person, String> TITLES = Map.of(
            MAYA,
            "Staff Engineer, Payments",
            JONAS,
            "Backend Engineer",
            PRIYA,
            "Senior Engineer, Payouts",
            DIEGO,
            "Frontend Engineer, Dashboard",
            SAM,
            "Site Reliability Engineer",
            LENA,
            "Engineering Manager");

    /** Someone sets their Slack status (Slack sends the whole profile, email included). */
    private Delivery status(Person person, String text, String emoji, Instant expires, Instant at) {
        return slack.statusChanged(person, TITLES.get(person), ZONES.get(person.login()), text, emoji, expires, at);
    }

    /** A time of the story: "10-05 09:14" or "10-05 09:14:20", in UTC, in 2026. */
    private static Instant at(String monthDayTime) {
        String[] parts = monthDayTime.split(" ");
        String time = parts[1].length() == 5 ? parts[1] + ":00" : parts[1];
        return Instant.parse("2026-" + parts[0] + "T" + time + "Z");
    }

    /** How long a CI run takes on a commit: the same every time, different per commit. */
    private static Duration ciTime(GitCommit head) {
        return Duration.ofSeconds(190 + Math.floorMod(head.sha().hashCode(), 240));
    }

    /** CI passing on a pull request's head, a few minutes after the push. */
    private Delivery ciPassed(GithubPullRequest pr, GitCommit head, Person actor, Instant pushed) {
        Workflow wf = ci.get(pr.repo);
        Instant start = pushed.plusSeconds(12);
        return gh.workflowRun(
                pr.repo,
                wf.name(),
                wf.file(),
                wf.id(),
                pr.branch,
                head,
                "pull_request",
                "success",
                pr,
                actor,
                start,
                start.plus(ciTime(head)));
    }

    /** CI passing on main after a merge. */
    private Delivery ciPassed(GithubRepo repo, GitCommit head, Person actor, Instant pushed) {
        Workflow wf = ci.get(repo);
        Instant start = pushed.plusSeconds(9);
        return gh.workflowRun(
                repo,
                wf.name(),
                wf.file(),
                wf.id(),
                "main",
                head,
                "push",
                "success",
                null,
                actor,
                start,
                start.plus(ciTime(head)));
    }

    /** CI failing on a pull request's head: the failing job's check run, then the workflow run. */
    private Delivery ciFailed(
            GithubPullRequest pr,
            GitCommit head,
            Person actor,
            Instant pushed,
            String job,
            String title,
            String summary) {
        Workflow wf = ci.get(pr.repo);
        Instant start = pushed.plusSeconds(12);
        Instant end = start.plus(ciTime(head));
        Delivery check = gh.checkRun(
                pr.repo,
                job,
                pr.branch,
                head,
                "failure",
                title,
                summary,
                pr,
                actor,
                start.plusSeconds(5),
                end.minusSeconds(4));
        gh.workflowRun(
                pr.repo,
                wf.name(),
                wf.file(),
                wf.id(),
                pr.branch,
                head,
                "pull_request",
                "failure",
                pr,
                actor,
                start,
                end);
        return check;
    }

    /** Squash-merges, closes what it fixes, and deletes the branch, as GitHub does on the merge button. */
    private Delivery merge(GithubPullRequest pr, Person by, Instant at, GithubIssue... fixes) {
        Delivery merged = gh.merge(pr, by, at);
        truth.merges.add(new Truth.Merge(pr, by, List.of(fixes)));
        GitCommit squash = pr.mergePush.commits().getFirst();
        mainCommits.put(squash.sha(), squash);
        for (GithubIssue issue : fixes) {
            gh.closeIssue(issue, by, at.plusSeconds(2));
        }
        gh.deleteBranch(pr.repo, pr.branch, by, at.plusSeconds(4));
        return merged;
    }

    /**
     * Vercel builds main after a dashboard merge and makes it the production deployment; its git
     * metadata names the merge commit and the pull request it came from.
     */
    private VercelDeliveries.Deployment vercelProduction(GithubPullRequest pr, Instant mergedAt) {
        GitCommit squash = pr.mergePush.commits().getFirst();
        var deployment = vercel.create(dashboard, squash, "main", pr.author, pr, mergedAt.plusSeconds(14));
        vercel.succeeded(
                deployment, mergedAt.plusSeconds(14).plus(ciTime(squash).dividedBy(2)));
        return deployment;
    }

    /** Vercel builds a preview of a pull request's head. */
    private VercelDeliveries.Deployment vercelPreview(
            GithubPullRequest pr, GitCommit head, Instant pushed, boolean builds) {
        var deployment = vercel.create(dashboard, head, pr.branch, pr.author, pr, pushed.plusSeconds(8));
        Instant done = pushed.plusSeconds(8).plus(ciTime(head).dividedBy(2));
        if (builds) {
            vercel.succeeded(deployment, done);
        } else {
            vercel.error(deployment, done);
        }
        return deployment;
    }

    /** Dependabot's pull request for one dependency, with its labels and CI. */
    private GithubPullRequest dependabot(
            GithubRepo repo,
            String ecosystem,
            String dependency,
            String from,
            String to,
            String manifest,
            String lockfile,
            String language,
            Instant at) {
        String title = "Bump " + dependency + " from " + from + " to " + to;
        GitCommit bump = gh.commit(
                repo,
                Team.DEPENDABOT.commitAs(),
                at.minusSeconds(40),
                title + "\n\nBumps " + dependency + " from " + from + " to " + to + ".\n\n---\nupdated-dependencies:\n"
                        + "- dependency-name: " + dependency + "\n  dependency-type: direct:production\n"
                        + "  update-type: version-update:semver-patch\n...\n\n"
                        + "Signed-off-by: dependabot[bot] <support@github.com>",
                manifest,
                lockfile);
        String branch = "dependabot/" + ecosystem + "/" + dependency + "-" + to;
        gh.push(repo, branch, Team.DEPENDABOT, at.minusSeconds(30), bump);
        var pr = gh.openPullRequest(
                repo,
                number(repo),
                Team.DEPENDABOT,
                branch,
                title,
                "Bumps " + dependency + " from " + from + " to " + to + ".\n\n"
                        + "[![Dependabot compatibility score](https://dependabot-badges.githubapp.com/badges/compatibility_score?"
                        + "dependency-name=" + dependency + "&package-manager=" + ecosystem + "&previous-version="
                        + from
                        + "&new-version=" + to
                        + ")](https://docs.github.com/en/github/managing-security-vulnerabilities/"
                        + "about-dependabot-security-updates#about-compatibility-scores)\n\n"
                        + "Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself.",
                at,
                List.of(bump),
                false);
        gh.labelPullRequest(pr, "dependencies", Team.DEPENDABOT, at.plusSeconds(1));
        gh.labelPullRequest(pr, language, Team.DEPENDABOT, at.plusSeconds(2));
        ciPassed(pr, bump, Team.DEPENDABOT, at);
        return pr;
    }

    /**
     * Publishes a payments-api release; the Deploy workflow then deploys its commit to production
     * (a GitHub deployment with its statuses), successfully or not.
     */
    private Shipped shipApi(
            String tag, String name, String notes, Person by, Instant at, boolean succeeds, String failure) {
        String sha = api.head("main");
        Delivery release = gh.publishRelease(api, tag, name, notes, by, at.minusSeconds(300), at);
        Instant start = at.plusSeconds(20);
        GithubDeployment deployment = gh.createDeployment(
                api, "production", tag, sha, "Deploy " + tag + " to production", by, start.plusSeconds(25));
        String log = api.htmlUrl() + "/actions/workflows/" + apiDeploy.file() + "?query=" + tag;
        gh.deploymentStatus(
                deployment,
                "in_progress",
                "Rolling out " + tag + " to the production cluster",
                log,
                start.plusSeconds(31));
        Instant end = start.plusSeconds(succeeds ? 262 : 148);
        if (succeeds) {
            gh.deploymentStatus(
                    deployment,
                    "success",
                    "Deployed " + tag + ": 6/6 api pods and 2/2 workers ready",
                    log,
                    end.minusSeconds(3));
        } else {
            gh.deploymentStatus(deployment, "failure", failure, log, end.minusSeconds(3));
        }
        Delivery run = gh.workflowRun(
                api,
                apiDeploy.name(),
                apiDeploy.file(),
                apiDeploy.id(),
                tag,
                commitOnMain(api, sha),
                "release",
                succeeds ? "success" : "failure",
                null,
                by,
                start,
                end);
        return new Shipped(release, deployment, sha, run);
    }

    private final Map<String, GitCommit> mainCommits = new HashMap<>();

    /** The commit a SHA on main names: the squash merges the story made. */
    private GitCommit commitOnMain(GithubRepo repo, String sha) {
        GitCommit c = mainCommits.get(sha);
        if (c == null) {
            throw new IllegalStateException(repo.fullName() + ": no merge commit " + sha);
        }
        return c;
    }

    // ======================================================================== questions

    /**
     * Asks a question answered by the given deliveries (or pushes, commits inside pushes, Slack
     * messages, lists of them). A question answered from GitHub alone is a {@code github} question,
     * any other a {@code cross_tool} one.
     */
    private void ask(String question, Object... answers) {
        var expected = new ArrayList<EvalQuestion.Expected>();
        for (Object answer : answers) {
            collect(answer, expected);
        }
        boolean github = expected.stream().allMatch(e -> e.provider().equals("github"));
        if (github) {
            questions.github(question, expected);
        } else {
            questions.crossTool(question, expected);
        }
    }

    /** A question answered by GitHub events that needs another tool to find them (e.g. "the incident"). */
    private void askAcross(String question, Object... answers) {
        var expected = new ArrayList<EvalQuestion.Expected>();
        for (Object answer : answers) {
            collect(answer, expected);
        }
        questions.crossTool(question, expected);
    }

    private static void collect(Object answer, List<EvalQuestion.Expected> into) {
        switch (answer) {
            case Delivery d -> into.add(d.expected());
            case EvalQuestion.Expected e -> into.add(e);
            case GithubPush p -> into.add(p.expected());
            case Message m -> into.add(m.delivery().expected());
            case VercelDeliveries.Deployment d -> {
                into.add(d.created.expected());
                if (d.outcome != null) {
                    into.add(d.outcome.expected());
                }
            }
            case Collection<?> c -> c.forEach(a -> collect(a, into));
            default -> throw new IllegalArgumentException("not an answer: " + answer);
        }
    }
}
