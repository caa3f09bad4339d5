package dev.lightfast.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * The rules the demo team writes before its history arrives, in the form {@code POST /v1/rules}
 * takes: each is judged as the deliveries come in, and each finds something in the history. One
 * expects an event before its trigger, one reads the trigger's history, one walks the graph.
 */
public final class DemoRules {
    private DemoRules() {}

    public static final Map<String, Object> PASSED_CI_BEFORE_MERGE = Map.of(
            "name", "merged pull requests passed CI",
            "description", "A pull request merged into main had a successful workflow run on its head commit first.",
            "severity", "high",
            "on", Map.of("type", "github.pull_request.merged", "if", "event.attributes.base_branch == 'main'"),
            "expect",
                    Map.of(
                            "type", "github.workflow_run.completed",
                            "match",
                                    "candidate.attributes.conclusion == 'success' && "
                                            + "candidate.attributes.head_sha == trigger.attributes.head_sha",
                            "within", "-P14D"));

    public static final Map<String, Object> LARGE_CHANGES_TWO_APPROVALS = Map.of(
            "name", "large pull requests get two approvals",
            "description", "A pull request adding more than 300 lines is approved twice before it is merged.",
            "severity", "medium",
            "on",
                    Map.of(
                            "type", "github.pull_request.merged",
                            "if", "has(event.attributes.additions) && event.attributes.additions > 300"),
            "require",
                    "events(subject(event, 'pull_request'), 'github.pull_request_review.submitted')"
                            + ".filter(r, r.attributes.state == 'approved').size() >= 2");

    public static final Map<String, Object> PRODUCTION_ERRORS_TRACKED = Map.of(
            "name", "production errors are tracked in an issue",
            "description", "A Sentry alert in production is linked to an issue (Linear or GitHub) in the graph.",
            "severity", "medium",
            "on",
                    Map.of(
                            "type", "sentry.event_alert.triggered",
                            "if", "event.attributes.environment == 'production'"),
            "require", "related(subject(event, 'incident'), '*').exists(e, e.kind == 'issue')");

    public static final List<Map<String, Object>> ALL =
            List.of(PASSED_CI_BEFORE_MERGE, LARGE_CHANGES_TWO_APPROVALS, PRODUCTION_ERRORS_TRACKED);
}
