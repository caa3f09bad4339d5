package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The REST routes: {@code /repos/{owner}/{repo}/issues...} and {@code /pulls/{n}...}, validated as GitHub does. */
final class GithubRoutes {
    private static final Pattern REPO = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");
    private static final Pattern ISSUE = Pattern.compile("^/issues/([0-9]+)(/[a-z_]+)?$");
    private static final Pattern PULL = Pattern.compile("^/pulls/([0-9]+)(/[a-z_]+)?$");

    private final GithubState state;
    private final GithubWebhooks webhooks;

    GithubRoutes(GithubState state, GithubWebhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    EmulatorResponse route(EmulatorRequest req) {
        Matcher m = REPO.matcher(req.path());
        if (!m.matches()) {
            return notFound();
        }
        Optional<GithubState.Repo> found = state.findRepo(m.group(1) + "/" + m.group(2));
        if (found.isEmpty()) {
            return notFound();
        }
        GithubState.Repo repo = found.get();
        String rest = m.group(3) == null ? "" : m.group(3);
        String method = req.method();
        if (rest.isEmpty() && method.equals("GET")) {
            return EmulatorResponse.json(200, state.repoJson(repo));
        }
        if (rest.equals("/issues")) {
            return switch (method) {
                case "GET" -> listIssues(req, repo);
                case "POST" -> createIssue(req, repo);
                default -> notFound();
            };
        }
        Matcher im = ISSUE.matcher(rest);
        if (im.matches()) {
            Optional<GithubState.Issue> issue = state.issue(repo.fullName, Long.parseLong(im.group(1)));
            if (issue.isEmpty()) {
                return notFound();
            }
            String sub = im.group(2) == null ? "" : im.group(2);
            return switch (method + " " + sub) {
                case "GET " -> EmulatorResponse.json(200, state.issueJson(repo, issue.get()));
                case "GET /comments" ->
                    page(
                            req,
                            issue.get().comments().stream()
                                    .map(c -> (JsonNode) state.commentJson(repo, issue.get(), c))
                                    .toList());
                case "POST /comments" -> comment(req, repo, issue.get());
                case "POST /assignees" -> assign(req, repo, issue.get());
                case "POST /labels" -> label(req, repo, issue.get());
                case "GET /labels" ->
                    EmulatorResponse.json(
                            200, state.issueJson(repo, issue.get()).path("labels"));
                default -> notFound();
            };
        }
        Matcher pm = PULL.matcher(rest);
        if (pm.matches()) {
            Optional<GithubState.Issue> pr =
                    state.issue(repo.fullName, Long.parseLong(pm.group(1))).filter(GithubState.Issue::isPullRequest);
            if (pr.isEmpty()) {
                return notFound();
            }
            String sub = pm.group(2) == null ? "" : pm.group(2);
            return switch (method + " " + sub) {
                case "GET " -> EmulatorResponse.json(200, state.pullJson(repo, pr.get()));
                case "GET /requested_reviewers" -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.set("users", state.pullJson(repo, pr.get()).path("requested_reviewers"));
                    out.putArray("teams");
                    yield EmulatorResponse.json(200, out);
                }
                case "POST /requested_reviewers" -> requestReview(req, repo, pr.get());
                default -> notFound();
            };
        }
        return notFound();
    }

    private EmulatorResponse listIssues(EmulatorRequest req, GithubState.Repo repo) {
        String wanted = req.query().getOrDefault("state", "open");
        Comparator<GithubState.Issue> order = Comparator.comparingLong(i -> i.number);
        if (!"asc".equals(req.query().get("direction"))) {
            order = order.reversed();
        }
        List<JsonNode> items = state.issues(repo.fullName).stream()
                .filter(i -> wanted.equals("all") || i.state.equals(wanted))
                .sorted(order)
                .map(i -> (JsonNode) state.issueJson(repo, i))
                .toList();
        return page(req, items);
    }

    private EmulatorResponse createIssue(EmulatorRequest req, GithubState.Repo repo) {
        JsonNode body = req.json();
        if (!body.isObject()) {
            return GithubEmulator.error(400, "Problems parsing JSON");
        }
        String title = body.path("title").asString("");
        if (title.isBlank()) {
            return invalid("Issue", "missing_field", "title");
        }
        List<String> assignees = strings(body.path("assignees"));
        for (String a : assignees) {
            if (!state.isCollaborator(a)) {
                return invalid("Issue", "invalid", "assignees");
            }
        }
        GithubState.Issue issue =
                state.create(repo.fullName, false, title, body.path("body").asString(""), state.actor());
        List<OutgoingWebhook> sent = new ArrayList<>();
        state.label(repo, issue, strings(body.path("labels")));
        state.assign(issue, assignees);
        sent.add(webhooks.issueOpened(repo, issue));
        return EmulatorResponse.json(201, state.issueJson(repo, issue))
                .withHeader("Location", "https://api.github.com/repos/" + repo.fullName + "/issues/" + issue.number)
                .withWebhooks(sent);
    }

    private EmulatorResponse comment(EmulatorRequest req, GithubState.Repo repo, GithubState.Issue issue) {
        JsonNode body = req.json();
        if (!body.isObject()) {
            return GithubEmulator.error(400, "Problems parsing JSON");
        }
        String text = body.path("body").asString("");
        if (text.isBlank()) {
            return invalid("IssueComment", "missing_field", "body");
        }
        if (text.length() > 65_536) {
            return invalid("IssueComment", "custom", "body");
        }
        GithubState.Comment c = state.comment(issue, text);
        return EmulatorResponse.json(201, state.commentJson(repo, issue, c))
                .withWebhooks(List.of(webhooks.commentCreated(repo, issue, c)));
    }

    private EmulatorResponse assign(EmulatorRequest req, GithubState.Repo repo, GithubState.Issue issue) {
        JsonNode body = req.json();
        if (!body.path("assignees").isArray()) {
            return invalid("Issue", "missing_field", "assignees");
        }
        // GitHub quietly leaves out logins that cannot be assigned.
        List<String> added = state.assign(issue, strings(body.path("assignees")));
        return EmulatorResponse.json(201, state.issueJson(repo, issue))
                .withWebhooks(added.stream()
                        .map(a -> webhooks.issueAssigned(repo, issue, a))
                        .toList());
    }

    private EmulatorResponse label(EmulatorRequest req, GithubState.Repo repo, GithubState.Issue issue) {
        JsonNode body = req.json();
        JsonNode labels = body.isArray() ? body : body.path("labels");
        if (!labels.isArray() || labels.isEmpty()) {
            return invalid("Label", "missing_field", "labels");
        }
        List<String> added = state.label(repo, issue, strings(labels));
        return EmulatorResponse.json(200, state.issueJson(repo, issue).path("labels"))
                .withWebhooks(added.stream()
                        .map(l -> webhooks.issueLabeled(repo, issue, l))
                        .toList());
    }

    private EmulatorResponse requestReview(EmulatorRequest req, GithubState.Repo repo, GithubState.Issue pr) {
        JsonNode body = req.json();
        List<String> reviewers = strings(body.path("reviewers"));
        if (reviewers.isEmpty() && strings(body.path("team_reviewers")).isEmpty()) {
            return invalid("PullRequest", "missing_field", "reviewers");
        }
        for (String r : reviewers) {
            if (r.equalsIgnoreCase(pr.author)) {
                return GithubEmulator.error(422, "Review cannot be requested from pull request author.");
            }
            if (!state.isCollaborator(r)) {
                return GithubEmulator.error(
                        422,
                        "Reviews may only be requested from collaborators. One or more of the users or teams you"
                                + " specified is not a collaborator of the " + repo.fullName + " repository.");
            }
        }
        List<String> added = state.requestReview(pr, reviewers);
        return EmulatorResponse.json(201, state.pullJson(repo, pr))
                .withWebhooks(added.stream()
                        .map(r -> webhooks.reviewRequested(repo, pr, r))
                        .toList());
    }

    private static EmulatorResponse page(EmulatorRequest req, List<JsonNode> items) {
        int perPage = Math.min(100, Math.max(1, intParam(req, "per_page", 30)));
        int page = Math.max(1, intParam(req, "page", 1));
        ArrayNode out = Json.MAPPER.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(out::add);
        return EmulatorResponse.json(200, out);
    }

    private static int intParam(EmulatorRequest req, String name, int fallback) {
        try {
            return Integer.parseInt(req.query().getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString(""));
        }
        return out;
    }

    private static EmulatorResponse notFound() {
        return GithubEmulator.error(404, "Not Found");
    }

    private static EmulatorResponse invalid(String resource, String code, String field) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", "Validation Failed");
        body.putArray("errors")
                .addObject()
                .put("resource", resource)
                .put("code", code)
                .put("field", field);
        body.put("documentation_url", "https://docs.github.com/rest").put("status", "422");
        return EmulatorResponse.json(422, body);
    }
}
