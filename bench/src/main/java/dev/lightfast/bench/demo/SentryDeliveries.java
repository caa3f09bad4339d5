package dev.lightfast.bench.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sentry's side of the story: integration-platform webhooks of an internal integration
 * ("Lightfast"), in the shapes of Sentry's documentation and example app: {@code issue} (created,
 * assigned, resolved, ignored), {@code event_alert} (an issue alert rule fired, with the event and
 * its {@code release}) and {@code metric_alert}. The resource is named in {@code
 * Sentry-Hook-Resource}; each request has its own {@code Request-ID}.
 */
final class SentryDeliveries {
    private static final String INSTALLATION = StoryIds.uuid("sentry installation lightfast");
    private static final String APP = StoryIds.uuid("sentry app lightfast");

    /** A Sentry project: one per deployed service. */
    record Project(String id, String slug, String platform, String sdk, String sdkVersion) {}

    static final Project DASHBOARD =
            new Project("4508112233446400", "dashboard", "javascript-nextjs", "sentry.javascript.nextjs", "8.38.0");
    static final Project PAYMENTS_API = new Project("4508110011223344", "payments-api", "go", "sentry.go", "0.29.1");

    private final History history;
    private final JsonMapper mapper;
    private int deliveryCount;

    SentryDeliveries(History history, JsonMapper mapper) {
        this.history = history;
        this.mapper = mapper;
    }

    SentryIssue createIssue(
            Project project,
            String id,
            String shortId,
            String errorType,
            String errorValue,
            String culprit,
            String filename,
            String function,
            int count,
            int userCount,
            Instant firstSeen,
            Instant at) {
        var issue = new SentryIssue(
                project,
                id,
                shortId,
                errorType + ": " + errorValue,
                culprit,
                errorType,
                errorValue,
                filename,
                function,
                firstSeen);
        issue.count = count;
        issue.userCount = userCount;
        issue.lastSeen = at;
        issue.created = issueEvent("created", issue, null, at);
        return issue;
    }

    /**
     * The issue alert rule fired for the issue: the event that triggered it, with the release it was
     * seen in and the environment, as tags too.
     */
    Delivery eventAlert(
            SentryIssue issue,
            String rule,
            String release,
            String environment,
            String url,
            String transaction,
            List<String[]> frames,
            Instant eventAt,
            Instant at) {
        String eventId =
                StoryIds.sha("sentry event " + issue.id + " " + eventAt).substring(0, 32);
        var event = mapper.createObjectNode();
        event.put("event_id", eventId);
        event.put("project", Long.parseLong(issue.project.id()));
        event.put("release", release);
        event.putNull("dist");
        event.put("platform", issue.project.platform().startsWith("javascript") ? "javascript" : "go");
        event.put("message", "");
        event.put("datetime", eventAt.toString());
        ArrayNode tags = event.putArray("tags");
        boolean browser = issue.project.platform().startsWith("javascript");
        if (browser) {
            tags.add(pair("browser", "Chrome 130.0.0"));
            tags.add(pair("browser.name", "Chrome"));
        }
        tags.add(pair("environment", environment));
        tags.add(pair("handled", "no"));
        tags.add(pair("level", "error"));
        tags.add(pair("mechanism", browser ? "onunhandledrejection" : "panic"));
        tags.add(pair("release", release));
        tags.add(pair("transaction", transaction));
        if (url != null) {
            tags.add(pair("url", url));
        }
        var contexts = event.putObject("contexts");
        if (browser) {
            var b = contexts.putObject("browser");
            b.put("name", "Chrome");
            b.put("version", "130.0.0");
            b.put("type", "browser");
        } else {
            var runtime = contexts.putObject("runtime");
            runtime.put("name", "go");
            runtime.put("version", "go1.23.3");
            runtime.put("type", "runtime");
        }
        event.put("culprit", issue.culprit);
        event.put("environment", environment);
        var exception = event.putObject("exception");
        var value = exception.putArray("values").addObject();
        value.put("type", issue.errorType);
        value.put("value", issue.errorValue);
        var stack = value.putObject("stacktrace").putArray("frames");
        for (String[] f : frames) {
            var frame = stack.addObject();
            frame.put("function", f[0]);
            frame.put("filename", f[1]);
            frame.put("lineno", Integer.parseInt(f[2]));
            frame.put("in_app", true);
            if (f.length > 3) {
                frame.put("context_line", f[3]);
            }
        }
        var mechanism = value.putObject("mechanism");
        mechanism.put("type", browser ? "onunhandledrejection" : "panic");
        mechanism.put("handled", false);
        event.putArray("fingerprint").add("{{ default }}");
        event.put("level", "error");
        event.put("location", issue.filename);
        event.put("logger", "");
        event.set("metadata", metadata(issue));
        event.put("received", new BigDecimal(eventAt.plusSeconds(1).getEpochSecond() + ".412"));
        if (url != null) {
            var request = event.putObject("request");
            request.put("url", url);
            request.put("method", "GET");
        }
        var sdk = event.putObject("sdk");
        sdk.put("name", issue.project.sdk());
        sdk.put("version", issue.project.sdkVersion());
        event.put("timestamp", new BigDecimal(eventAt.getEpochSecond() + ".127"));
        event.put("title", issue.title);
        event.put("type", "error");
        event.put("version", "7");
        String api = "https://sentry.io/api/0/projects/" + Team.ORG + "/" + issue.project.slug() + "/events/" + eventId
                + "/";
        event.put("url", api);
        event.put("web_url", issue.webUrl() + "events/" + eventId + "/");
        event.put("issue_url", "https://sentry.io/api/0/issues/" + issue.id + "/");
        event.put("issue_id", issue.id);

        var data = mapper.createObjectNode();
        data.set("event", event);
        data.put("triggered_rule", rule);
        var body = envelope("triggered", data, null);
        issue.alert = add("event_alert", body, at);
        return issue.alert;
    }

    Delivery assign(SentryIssue issue, Person assignee, Person by, Instant at) {
        issue.assignee = assignee;
        return issueEvent("assigned", issue, by, at);
    }

    /** Resolved by hand ({@code inRelease} null) or in a release, which Sentry puts in statusDetails. */
    Delivery resolve(SentryIssue issue, Person by, String inRelease, Instant at) {
        issue.status = "resolved";
        var d = issueEvent("resolved", issue, by, at, inRelease);
        issue.resolved = d;
        return d;
    }

    Delivery ignore(SentryIssue issue, Person by, Instant at) {
        issue.status = "ignored";
        return issueEvent("ignored", issue, by, at);
    }

    /** A metric alert (critical, warning or resolved) of a rule on a project. */
    Delivery metricAlert(
            String action,
            Project project,
            String ruleName,
            String aggregate,
            String query,
            double threshold,
            String descriptionText,
            Instant started,
            Instant at) {
        long incident = 10_000 + Math.floorMod(ruleName.hashCode(), 90_000);
        var alert = mapper.createObjectNode();
        alert.put("id", Long.toString(incident * 10 + 3));
        alert.put("identifier", Long.toString(incident / 100));
        alert.put("organization_id", "1029384");
        alert.putArray("projects").add(project.slug());
        var rule = alert.putObject("alert_rule");
        rule.put("id", Long.toString(incident / 10));
        rule.put("name", ruleName);
        rule.put("organization_id", "1029384");
        rule.put("status", 0);
        rule.put("query", query);
        rule.put("aggregate", aggregate);
        rule.put("time_window", 10.0);
        rule.put("resolution", 1.0);
        rule.put("threshold_type", 0);
        rule.put("resolve_threshold", threshold * 0.75);
        rule.put("dataset", "transactions");
        rule.put("environment", "production");
        var trigger = rule.putArray("triggers").addObject();
        trigger.put("id", Long.toString(incident / 10 + 1));
        trigger.put("label", "critical");
        trigger.put("threshold_type", 0);
        trigger.put("alert_threshold", threshold);
        trigger.put("resolve_threshold", threshold * 0.75);
        rule.putArray("projects").add(project.slug());
        rule.put("include_all_projects", false);
        rule.put("date_created", "2025-06-12T08:41:07.118Z");
        alert.put("status", action.equals("resolved") ? 0 : action.equals("critical") ? 20 : 10);
        alert.put("status_method", action.equals("resolved") ? 3 : 1);
        alert.put("type", 2);
        alert.put("title", ruleName);
        alert.put("date_started", started.toString());
        alert.put("date_detected", started.toString());
        alert.put("date_created", started.plusSeconds(4).toString());
        alert.put("date_closed", action.equals("resolved") ? at.toString() : null);

        var data = mapper.createObjectNode();
        data.set("metric_alert", alert);
        data.put("description_text", descriptionText);
        data.put(
                "description_title",
                (action.equals("resolved") ? "Resolved: " : action.equals("critical") ? "Critical: " : "Warning: ")
                        + ruleName);
        data.put(
                "web_url",
                "https://" + Team.ORG + ".sentry.io/alerts/rules/details/" + (incident / 10) + "/?alert="
                        + (incident / 100));
        return add("metric_alert", envelope(action, data, null), at);
    }

    private Delivery issueEvent(String action, SentryIssue issue, Person by, Instant at) {
        return issueEvent(action, issue, by, at, null);
    }

    private Delivery issueEvent(String action, SentryIssue issue, Person by, Instant at, String inRelease) {
        var i = mapper.createObjectNode();
        i.put("url", "https://sentry.io/api/0/organizations/" + Team.ORG + "/issues/" + issue.id + "/");
        i.put("web_url", issue.webUrl());
        i.put("project_url", "https://" + Team.ORG + ".sentry.io/issues/?project=" + issue.project.id());
        i.put("id", issue.id);
        i.putNull("shareId");
        i.put("shortId", issue.shortId);
        i.put("title", issue.title);
        i.put("culprit", issue.culprit);
        i.putNull("permalink");
        i.putNull("logger");
        i.put("level", "error");
        i.put("status", issue.status);
        var details = i.putObject("statusDetails");
        if (inRelease != null) {
            details.put("inRelease", inRelease);
        }
        i.put(
                "substatus",
                switch (issue.status) {
                    case "resolved" -> null;
                    case "ignored" -> "archived_forever";
                    default -> action.equals("created") ? "new" : "ongoing";
                });
        i.put("isPublic", false);
        i.put("platform", issue.project.platform().startsWith("javascript") ? "javascript" : "go");
        var project = i.putObject("project");
        project.put("id", issue.project.id());
        project.put("name", issue.project.slug());
        project.put("slug", issue.project.slug());
        project.put("platform", issue.project.platform());
        i.put("type", "error");
        i.set("metadata", metadata(issue));
        i.put("numComments", 0);
        if (issue.assignee == null) {
            i.putNull("assignedTo");
        } else {
            var assigned = i.putObject("assignedTo");
            assigned.put("email", issue.assignee.email());
            assigned.put("type", "user");
            assigned.put("id", issue.assignee.sentryId());
            assigned.put("name", issue.assignee.name());
        }
        i.put("isBookmarked", false);
        i.put("isSubscribed", false);
        i.putNull("subscriptionDetails");
        i.put("hasSeen", !action.equals("created"));
        i.putArray("annotations");
        i.put("issueType", "error");
        i.put("issueCategory", "error");
        i.put("priority", "high");
        i.putNull("priorityLockedAt");
        i.put("isUnhandled", true);
        i.put("count", Integer.toString(issue.count));
        i.put("userCount", issue.userCount);
        i.put("firstSeen", issue.firstSeen.toString());
        i.put("lastSeen", issue.lastSeen.toString());
        var data = mapper.createObjectNode();
        data.set("issue", i);
        return add("issue", envelope(action, data, by), at);
    }

    private ObjectNode metadata(SentryIssue issue) {
        var m = mapper.createObjectNode();
        m.put("value", issue.errorValue);
        m.put("type", issue.errorType);
        m.put("filename", issue.filename);
        m.put("function", issue.function);
        m.put("display_title_with_tree_label", false);
        m.put("in_app_frame_mix", "in-app-only");
        return m;
    }

    private ObjectNode envelope(String action, ObjectNode data, Person by) {
        var body = mapper.createObjectNode();
        body.put("action", action);
        var installation = body.putObject("installation");
        var app = installation.putObject("app");
        app.put("uuid", APP);
        app.put("slug", "lightfast");
        installation.putObject("organization").put("slug", Team.ORG);
        installation.put("uuid", INSTALLATION);
        body.set("data", data);
        var actor = body.putObject("actor");
        if (by == null) {
            actor.put("type", "application");
            actor.put("id", "sentry");
            actor.put("name", "Sentry");
        } else {
            actor.put("type", "user");
            actor.put("id", Long.parseLong(by.sentryId()));
            actor.put("name", by.name());
        }
        return body;
    }

    private ArrayNode pair(String key, String value) {
        return mapper.createArrayNode().add(key).add(value);
    }

    private Delivery add(String resource, ObjectNode body, Instant at) {
        String requestId = StoryIds.uuid("sentry request " + (++deliveryCount));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("Request-ID", requestId);
        headers.put("Sentry-Hook-Resource", resource);
        return history.add(new Delivery("sentry", resource, requestId, at, headers, body, null, null));
    }
}
