package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The read API over a {@link GithubHistory}, paged as GitHub pages: {@code per_page} (30 by
 * default, at most 100), {@code page}, and a {@code Link} header with {@code next}, {@code last},
 * {@code first} and {@code prev}; filters and orders as GitHub documents them for the lists a
 * backfill reads (pull requests, their reviews, issues with pull requests among them, commits of a
 * branch, releases, deployments and their statuses).
 */
final class GithubHistoryRoutes {
    private static final Pattern REPO = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");
    private static final Pattern ONE = Pattern.compile("^/(pulls|issues|deployments)/([0-9]+)(/[a-z_]+)?$");

    private final GithubHistory history;

    GithubHistoryRoutes(GithubHistory history) {
        this.history = history;
    }

    /** The answer, or empty when the path is not a repository of the history. */
    Optional<EmulatorResponse> route(EmulatorRequest req) {
        Matcher m = REPO.matcher(req.path());
        if (!m.matches()) {
            return Optional.empty();
        }
        String repo = history.repos().stream()
                .filter(r -> r.equalsIgnoreCase(m.group(1) + "/" + m.group(2)))
                .findFirst()
                .orElse(null);
        if (repo == null) {
            return Optional.empty();
        }
        if (!req.method().equals("GET")) {
            return Optional.of(GithubEmulator.error(405, "the history is read-only"));
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        Instant end = Instant.MAX;
        return Optional.of(
                switch (rest) {
                    case "" -> EmulatorResponse.json(200, history.repoJson(repo));
                    case "/pulls" -> pulls(req, repo);
                    case "/issues" -> issues(req, repo);
                    case "/commits" -> commits(req, repo);
                    case "/releases" ->
                        page(
                                req,
                                history.releases().stream()
                                        .filter(r -> r.repo().equals(repo))
                                        .sorted(Comparator.comparing(GithubHistory.Release::at)
                                                .reversed())
                                        .map(r -> (JsonNode) history.releaseJson(r))
                                        .toList());
                    case "/deployments" ->
                        page(
                                req,
                                history.deployments().stream()
                                        .filter(d -> d.repo().equals(repo))
                                        .filter(d -> matches(req, "environment", d.environment()))
                                        .filter(d -> matches(req, "sha", d.sha()))
                                        .sorted(Comparator.comparing(GithubHistory.Deployment::at)
                                                .reversed())
                                        .map(d -> (JsonNode) history.deploymentJson(d))
                                        .toList());
                    default -> one(req, repo, rest, end);
                });
    }

    private EmulatorResponse one(EmulatorRequest req, String repo, String rest, Instant end) {
        Matcher m = ONE.matcher(rest);
        if (!m.matches()) {
            return GithubEmulator.error(404, "Not Found");
        }
        long n = Long.parseLong(m.group(2));
        String sub = m.group(3) == null ? "" : m.group(3);
        switch (m.group(1)) {
            case "pulls" -> {
                var pull = history.pulls().stream()
                        .filter(p -> p.repo().equals(repo) && p.number() == n)
                        .findFirst();
                if (pull.isEmpty()) {
                    return GithubEmulator.error(404, "Not Found");
                }
                var p = pull.get();
                return switch (sub) {
                    case "" -> EmulatorResponse.json(200, history.pullJson(p, end, true));
                    case "/reviews" ->
                        page(
                                req,
                                p.reviews().stream()
                                        .sorted(Comparator.comparingLong(GithubHistory.Review::id))
                                        .map(r -> (JsonNode) history.reviewJson(p, r))
                                        .toList());
                    default -> GithubEmulator.error(404, "Not Found");
                };
            }
            case "issues" -> {
                if (!sub.isEmpty()) {
                    return GithubEmulator.error(404, "Not Found");
                }
                var issue = history.issues().stream()
                        .filter(i -> i.repo().equals(repo) && i.number() == n)
                        .findFirst();
                if (issue.isPresent()) {
                    return EmulatorResponse.json(200, history.issueJson(issue.get(), end, true));
                }
                return history.pulls().stream()
                        .filter(p -> p.repo().equals(repo) && p.number() == n)
                        .findFirst()
                        .map(p -> EmulatorResponse.json(200, history.pullAsIssueJson(p)))
                        .orElse(GithubEmulator.error(404, "Not Found"));
            }
            default -> {
                var d = history.deployments().stream()
                        .filter(x -> x.repo().equals(repo) && x.id() == n)
                        .findFirst();
                if (d.isEmpty()) {
                    return GithubEmulator.error(404, "Not Found");
                }
                return switch (sub) {
                    case "" -> EmulatorResponse.json(200, history.deploymentJson(d.get()));
                    case "/statuses" ->
                        page(
                                req,
                                d.get().statuses().stream()
                                        .sorted(Comparator.comparing(GithubHistory.Status::at)
                                                .reversed())
                                        .map(s -> (JsonNode) history.statusJson(d.get(), s))
                                        .toList());
                    default -> GithubEmulator.error(404, "Not Found");
                };
            }
        }
    }

    private EmulatorResponse pulls(EmulatorRequest req, String repo) {
        String state = req.query().getOrDefault("state", "open");
        String sort = req.query().getOrDefault("sort", "created");
        Comparator<GithubHistory.Pull> order = switch (sort) {
            case "updated" -> Comparator.comparing(GithubHistory.Pull::updated);
            default -> Comparator.comparing(GithubHistory.Pull::created);
        };
        // GitHub: descending when sorting by creation (the default), ascending otherwise, unless told.
        String direction = req.query().getOrDefault("direction", sort.equals("created") ? "desc" : "asc");
        if (direction.equals("desc")) {
            order = order.reversed();
        }
        return page(
                req,
                history.pulls().stream()
                        .filter(p -> p.repo().equals(repo))
                        .filter(p -> state.equals("all") || (p.closed() == null) == state.equals("open"))
                        .sorted(order.thenComparing(GithubHistory.Pull::number))
                        .map(p -> (JsonNode) history.pullJson(p, Instant.MAX, false))
                        .toList());
    }

    /** Issues and pull requests (as issues), as GitHub's issues list mixes them. */
    private EmulatorResponse issues(EmulatorRequest req, String repo) {
        String state = req.query().getOrDefault("state", "open");
        String sort = req.query().getOrDefault("sort", "created");
        Instant since =
                req.query().containsKey("since") ? Instant.parse(req.query().get("since")) : Instant.MIN;
        record Item(long number, Instant created, Instant updated, boolean open, JsonNode json) {}
        var items = new ArrayList<Item>();
        for (var i : history.issues()) {
            if (i.repo().equals(repo)) {
                items.add(new Item(
                        i.number(), i.created(), i.updated(), i.closed() == null, history.issueJson(i, Instant.MAX)));
            }
        }
        for (var p : history.pulls()) {
            if (p.repo().equals(repo)) {
                items.add(
                        new Item(p.number(), p.created(), p.updated(), p.closed() == null, history.pullAsIssueJson(p)));
            }
        }
        Comparator<Item> order =
                sort.equals("updated") ? Comparator.comparing(Item::updated) : Comparator.comparing(Item::created);
        if (req.query().getOrDefault("direction", "desc").equals("desc")) {
            order = order.reversed();
        }
        return page(
                req,
                items.stream()
                        .filter(i -> state.equals("all") || i.open() == state.equals("open"))
                        .filter(i -> !i.updated().isBefore(since))
                        .sorted(order.thenComparing(Item::number))
                        .map(Item::json)
                        .toList());
    }

    private EmulatorResponse commits(EmulatorRequest req, String repo) {
        String branch = req.query().getOrDefault("sha", GithubHistory.DEFAULT_BRANCH);
        Instant since =
                req.query().containsKey("since") ? Instant.parse(req.query().get("since")) : Instant.MIN;
        Instant until =
                req.query().containsKey("until") ? Instant.parse(req.query().get("until")) : Instant.MAX;
        return page(
                req,
                history.commits().stream()
                        .filter(c -> c.repo().equals(repo) && c.branch().equals(branch))
                        .filter(c -> !c.at().isBefore(since) && !c.at().isAfter(until))
                        .sorted(Comparator.comparing(GithubHistory.Commit::at).reversed())
                        .map(c -> (JsonNode) history.commitJson(c))
                        .toList());
    }

    private static boolean matches(EmulatorRequest req, String param, String value) {
        String wanted = req.query().get(param);
        return wanted == null || wanted.equals(value);
    }

    /** One page and its {@code Link} header, whose URLs keep every other query parameter. */
    static EmulatorResponse page(EmulatorRequest req, List<JsonNode> items) {
        int perPage = Math.min(100, Math.max(1, intParam(req, "per_page", 30)));
        int page = Math.max(1, intParam(req, "page", 1));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        var out = Json.MAPPER.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(out::add);
        var response = EmulatorResponse.json(200, out);
        var links = new ArrayList<String>();
        if (page < last) {
            links.add("<" + url(req, page + 1) + ">; rel=\"next\"");
            links.add("<" + url(req, last) + ">; rel=\"last\"");
        }
        if (page > 1) {
            links.add("<" + url(req, 1) + ">; rel=\"first\"");
            links.add("<" + url(req, page - 1) + ">; rel=\"prev\"");
        }
        return links.isEmpty() ? response : response.withHeader("Link", String.join(", ", links));
    }

    private static String url(EmulatorRequest req, int page) {
        Map<String, String> q = new TreeMap<>(req.query());
        q.put("page", Integer.toString(page));
        var b = new StringBuilder("http://").append(req.header("host")).append(req.path());
        char sep = '?';
        for (var e : q.entrySet()) {
            b.append(sep)
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    private static int intParam(EmulatorRequest req, String name, int fallback) {
        try {
            return Integer.parseInt(req.query().getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
