package dev.lightfast.bench.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linear's side of the story: data-change webhooks for issues, comments and attachments in the
 * shape of Linear's public webhook schema ({@code IssueWebhookPayload}, {@code
 * CommentWebhookPayload}, {@code AttachmentWebhookPayload} inside {@code EntityWebhookPayload}).
 * An update carries {@code updatedFrom}, the previous values of what changed; a state change names
 * the previous state only by id, so every state id appears in full in the issue's own deliveries.
 */
final class LinearDeliveries {
    static final String TEAM_KEY = "ENG";
    private static final String TEAM_ID = StoryIds.uuid("linear team ENG");
    private static final String ORGANIZATION_ID = StoryIds.uuid("linear organization ledgerloop");
    private static final String WEBHOOK_ID = StoryIds.uuid("linear webhook lightfast");

    /** Workflow states of the ENG team: name → (type, color). */
    private static final Map<String, String[]> STATES = new LinkedHashMap<>();

    static {
        STATES.put("Backlog", new String[] {"backlog", "#bec2c8"});
        STATES.put("Todo", new String[] {"unstarted", "#e2e2e2"});
        STATES.put("In Progress", new String[] {"started", "#f2c94c"});
        STATES.put("In Review", new String[] {"started", "#5e6ad2"});
        STATES.put("Done", new String[] {"completed", "#5e6ad2"});
        STATES.put("Canceled", new String[] {"canceled", "#95a2b3"});
    }

    private static final Map<String, String> LABEL_COLORS = Map.of(
            "Bug",
            "#eb5757",
            "Feature",
            "#bb87fc",
            "Improvement",
            "#4ea7fc",
            "Incident",
            "#f2994a",
            "Dashboard",
            "#26b5ce",
            "API",
            "#4cb782");

    private static final String[] PRIORITY_LABELS = {"No priority", "Urgent", "High", "Medium", "Low"};

    private final History history;
    private final JsonMapper mapper;
    private int deliveryCount;

    LinearDeliveries(History history, JsonMapper mapper) {
        this.history = history;
        this.mapper = mapper;
    }

    LinearIssue createIssue(
            int number,
            Person creator,
            String title,
            String description,
            int priority,
            String state,
            String project,
            int cycle,
            Person assignee,
            Instant at,
            String... labels) {
        var issue = new LinearIssue(
                StoryIds.uuid("linear issue " + number),
                number,
                title,
                description,
                priority,
                creator,
                at,
                project,
                cycle,
                state);
        issue.assignee = assignee;
        issue.labels.addAll(java.util.List.of(labels));
        if (STATES.get(state)[0].equals("started")) {
            issue.startedAt = at;
        }
        issue.created = add("Issue", "create", creator, at, issueData(issue), null, issue.url());
        return issue;
    }

    /** Moves the issue to another workflow state; {@code updatedFrom} names the one it left. */
    Delivery moveIssue(LinearIssue issue, String to, Person actor, Instant at) {
        if (!STATES.containsKey(to)) {
            throw new IllegalArgumentException("no state " + to);
        }
        var from = mapper.createObjectNode();
        from.put("updatedAt", millis(issue.updatedAt));
        from.put("stateId", stateId(issue.state));
        String type = STATES.get(to)[0];
        if (type.equals("started") && issue.startedAt == null) {
            from.putNull("startedAt");
            issue.startedAt = at;
        }
        if (type.equals("completed")) {
            from.putNull("completedAt");
            issue.completedAt = at;
        }
        issue.state = to;
        issue.updatedAt = at;
        Delivery d = add("Issue", "update", actor, at, issueData(issue), from, issue.url());
        issue.stateChanges.add(d);
        return d;
    }

    Delivery assign(LinearIssue issue, Person assignee, Person actor, Instant at) {
        var from = mapper.createObjectNode();
        from.put("updatedAt", millis(issue.updatedAt));
        if (issue.assignee == null) {
            from.putNull("assigneeId");
        } else {
            from.put("assigneeId", issue.assignee.linearId());
        }
        issue.assignee = assignee;
        issue.updatedAt = at;
        return add("Issue", "update", actor, at, issueData(issue), from, issue.url());
    }

    Delivery comment(LinearIssue issue, Person by, String body, Instant at) {
        String id = StoryIds.uuid("linear comment " + issue.key() + " " + at);
        var data = mapper.createObjectNode();
        data.put("id", id);
        data.put("createdAt", millis(at));
        data.put("updatedAt", millis(at));
        data.put("body", body);
        data.put("issueId", issue.id);
        data.putNull("parentId");
        data.put("userId", by.linearId());
        data.putArray("reactionData");
        data.set("user", user(by));
        var issueRef = data.putObject("issue");
        issueRef.put("id", issue.id);
        issueRef.put("title", issue.title);
        issueRef.put("teamId", TEAM_ID);
        issueRef.set("team", team());
        issueRef.put("identifier", issue.key());
        issueRef.put("url", issue.url());
        issue.updatedAt = at;
        Delivery d = add("Comment", "create", by, at, data, null, issue.url() + "#comment-" + id.substring(0, 8));
        issue.comments.add(d);
        return d;
    }

    /**
     * The link Linear's GitHub integration adds to an issue when a pull request names its key: an
     * attachment whose url is the pull request.
     */
    Delivery linkPullRequest(LinearIssue issue, GithubPullRequest pr, Person actor, Instant at) {
        var data = mapper.createObjectNode();
        data.put("id", StoryIds.uuid("linear attachment " + issue.key() + " " + pr.htmlUrl()));
        data.put("createdAt", millis(at));
        data.put("updatedAt", millis(at));
        data.putNull("archivedAt");
        data.put("title", pr.title);
        data.put("subtitle", "#" + pr.number + " opened by " + pr.author.login());
        data.put("url", pr.htmlUrl());
        data.put("creatorId", actor.linearId());
        data.put("issueId", issue.id);
        var metadata = data.putObject("metadata");
        metadata.put("id", pr.id);
        metadata.put("number", pr.number);
        metadata.put("title", pr.title);
        metadata.put("url", pr.htmlUrl());
        metadata.put("repo", pr.repo.name());
        metadata.put("owner", Team.ORG);
        metadata.put("branch", pr.branch);
        metadata.put("status", "open");
        metadata.put("userLogin", pr.author.login());
        var source = data.putObject("source");
        source.put("type", "github");
        source.put("imageUrl", "https://app.linear.app/static/github.png");
        data.put("sourceType", "github");
        data.put("groupBySource", true);
        return add("Attachment", "create", actor, at, data, null, issue.url());
    }

    private ObjectNode issueData(LinearIssue issue) {
        var d = mapper.createObjectNode();
        d.put("id", issue.id);
        d.put("createdAt", millis(issue.createdAt));
        d.put("updatedAt", millis(issue.updatedAt));
        d.putNull("archivedAt");
        d.put("number", issue.number);
        d.put("title", issue.title);
        d.put("priority", issue.priority);
        d.putNull("estimate");
        d.put("sortOrder", -1_000.0 * issue.number + 0.5);
        d.put("prioritySortOrder", -500.0 * issue.number);
        d.put("startedAt", issue.startedAt == null ? null : millis(issue.startedAt));
        d.put("completedAt", issue.completedAt == null ? null : millis(issue.completedAt));
        d.putNull("startedTriageAt");
        d.putNull("triagedAt");
        d.putNull("canceledAt");
        d.putNull("autoClosedAt");
        d.putNull("autoArchivedAt");
        d.putNull("dueDate");
        d.putNull("slaStartedAt");
        d.putNull("slaBreachesAt");
        d.putNull("snoozedUntilAt");
        ArrayNode labelIds = d.putArray("labelIds");
        issue.labels.forEach(l -> labelIds.add(labelId(l)));
        d.put("teamId", TEAM_ID);
        d.put("cycleId", cycleId(issue.cycle));
        d.put("projectId", issue.project == null ? null : projectId(issue.project));
        d.putNull("projectMilestoneId");
        d.putNull("lastAppliedTemplateId");
        d.putNull("recurringIssueTemplateId");
        d.putArray("previousIdentifiers");
        d.put("creatorId", issue.creator.linearId());
        d.putNull("externalUserCreatorId");
        d.put("assigneeId", issue.assignee == null ? null : issue.assignee.linearId());
        d.putNull("delegateId");
        d.putNull("parentId");
        d.putNull("subIssueSortOrder");
        d.putArray("reactionData");
        d.put("priorityLabel", PRIORITY_LABELS[issue.priority]);
        d.putNull("sourceCommentId");
        d.putNull("integrationSourceType");
        d.putNull("botActor");
        d.put("identifier", issue.key());
        d.put("url", issue.url());
        d.put("description", issue.description);
        d.put("stateId", stateId(issue.state));
        d.put("addedToTeamAt", millis(issue.createdAt));
        d.put("addedToCycleAt", millis(issue.createdAt));
        if (issue.project == null) {
            d.putNull("addedToProjectAt");
        } else {
            d.put("addedToProjectAt", millis(issue.createdAt));
        }
        ArrayNode subscribers = d.putArray("subscriberIds");
        subscribers.add(issue.creator.linearId());
        if (issue.assignee != null && issue.assignee != issue.creator) {
            subscribers.add(issue.assignee.linearId());
        }
        if (issue.assignee == null) {
            d.putNull("assignee");
        } else {
            d.set("assignee", user(issue.assignee));
        }
        d.set("creator", user(issue.creator));
        d.set("cycle", cycle(issue.cycle));
        if (issue.project == null) {
            d.putNull("project");
        } else {
            var project = d.putObject("project");
            project.put("id", projectId(issue.project));
            project.put("name", issue.project);
            project.put(
                    "url",
                    "https://linear.app/" + Team.ORG + "/project/" + LinearIssue.slug(issue.project) + "-"
                            + projectId(issue.project).substring(24));
        }
        var state = d.putObject("state");
        state.put("id", stateId(issue.state));
        state.put("color", STATES.get(issue.state)[1]);
        state.put("name", issue.state);
        state.put("type", STATES.get(issue.state)[0]);
        var team = team();
        team.put("displayName", "Engineering");
        team.putNull("parentId");
        d.set("team", team);
        ArrayNode labels = d.putArray("labels");
        for (String l : issue.labels) {
            var label = labels.addObject();
            label.put("id", labelId(l));
            label.put("color", LABEL_COLORS.get(l));
            label.put("name", l);
            label.putNull("parentId");
        }
        return d;
    }

    private ObjectNode team() {
        var team = mapper.createObjectNode();
        team.put("id", TEAM_ID);
        team.put("key", TEAM_KEY);
        team.put("name", "Engineering");
        return team;
    }

    /** Two-week cycles; cycle 38 starts on Monday 2026-09-28. */
    private ObjectNode cycle(int number) {
        LocalDate start = LocalDate.of(2026, 9, 28).plusWeeks(2L * (number - 38));
        var cycle = mapper.createObjectNode();
        cycle.put("id", cycleId(number));
        cycle.put("number", number);
        cycle.put("name", "Cycle " + number);
        cycle.put("startsAt", millis(start.atStartOfDay().toInstant(ZoneOffset.UTC)));
        cycle.put("endsAt", millis(start.plusWeeks(2).atStartOfDay().toInstant(ZoneOffset.UTC)));
        return cycle;
    }

    private ObjectNode user(Person p) {
        var u = mapper.createObjectNode();
        u.put("id", p.linearId());
        u.put("name", p.name());
        u.put("email", p.email());
        u.put("avatarUrl", "https://public.linear.app/" + ORGANIZATION_ID + "/avatars/" + p.linearId() + ".png");
        u.put("url", "https://linear.app/" + Team.ORG + "/profiles/" + p.handle());
        return u;
    }

    private ObjectNode actor(Person p) {
        var a = user(p);
        a.put("type", "user");
        return a;
    }

    private static String stateId(String name) {
        return StoryIds.uuid("linear state ENG " + name);
    }

    private static String labelId(String name) {
        return StoryIds.uuid("linear label " + name);
    }

    private static String cycleId(int number) {
        return StoryIds.uuid("linear cycle ENG " + number);
    }

    private static String projectId(String name) {
        return StoryIds.uuid("linear project " + name);
    }

    /** Linear writes times with milliseconds; the story's seconds get a fixed fraction. */
    private static String millis(Instant at) {
        return at.plusMillis(Math.floorMod(at.getEpochSecond() * 7919, 1000)).toString();
    }

    private Delivery add(
            String type, String action, Person actor, Instant at, ObjectNode data, ObjectNode updatedFrom, String url) {
        var body = mapper.createObjectNode();
        body.put("action", action);
        body.set("actor", actor(actor));
        body.put("createdAt", millis(at));
        body.set("data", data);
        if (updatedFrom != null) {
            body.set("updatedFrom", updatedFrom);
        }
        body.put("url", url);
        body.put("type", type);
        body.put("organizationId", ORGANIZATION_ID);
        body.put("webhookTimestamp", at.toEpochMilli() + 180);
        body.put("webhookId", WEBHOOK_ID);
        String deliveryId = StoryIds.uuid("linear delivery " + (++deliveryCount));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Linear-Webhook");
        headers.put("Linear-Delivery", deliveryId);
        headers.put("Linear-Event", type);
        return history.add(new Delivery("linear", type.toLowerCase(), deliveryId, at, headers, body, null, null));
    }
}
