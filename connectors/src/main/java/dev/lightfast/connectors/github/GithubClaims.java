package dev.lightfast.connectors.github;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.SaidClaims;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimExtractor;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Areas;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GitHub's events state, as claims:
 *
 * <ul>
 *   <li>a pull request's state and merge when it is opened, reopened, marked ready or draft, closed or
 *       merged;
 *   <li>the state of each issue the pull request fixes, through it: an issue GitHub closes with a
 *       "Fixes #12" in the description, and an issue of another tool its title or branch names (the
 *       way Linear links pull requests: {@code ENG-123: …}, {@code eng-123-…}) or its description
 *       names after a closing word, unless the description says it is only part of it ("Part of
 *       ENG-131", "Refs", "Related to");
 *   <li>an issue's own state when opened, closed (done, or canceled when not planned) or reopened;
 *       who an issue or pull request is assigned to;
 *   <li>what runs in production for the repository's service when a deployment to production
 *       succeeds;
 *   <li>what people say in comments ("rolled back", "shipped").
 * </ul>
 */
final class GithubClaims implements ClaimExtractor {
    static final String GITHUB = "GitHub";

    private static final Pattern CLOSING =
            Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\\s*:?\\s+((?:[\\w.-]+/[\\w.-]+)?#\\d+)");
    private static final Pattern CLOSING_WORD =
            Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|complete[sd]?)\\s*:?\\s*$");
    private static final Pattern PART_OF = Pattern.compile(
            "(?i)\\b(?:part of|refs?|references|related to|relates to|contributes to|towards?|see)\\s*:?\\s*$");
    private static final Pattern VERSION = Pattern.compile("v?\\d+(\\.\\d+){1,3}([-+][\\w.]+)?");

    @Override
    public List<ClaimDraft> extract(Event e, MentionScanner mentions) {
        String[] parts = e.type().split("\\.");
        String family = parts.length > 1 ? parts[1] : "";
        String action = parts.length > 2 ? parts[2] : "";
        var a = new EventAttributes(e.attributes());
        return switch (family) {
            case "pull_request" -> pullRequest(e, a, action, mentions);
            case "issue" -> issue(e, a, action);
            case "issue_comment" -> SaidClaims.inComment(e.body(), target(e), e.occurredAt(), speaker(e));
            case "deployment_status" -> deployment(e, a, action);
            default -> List.of();
        };
    }

    private static List<ClaimDraft> pullRequest(Event e, EventAttributes a, String action, MentionScanner mentions) {
        EntityRef pr = first(e, EntityKind.PULL_REQUEST.wire());
        if (pr == null) {
            return List.of();
        }
        List<ClaimDraft> out = new ArrayList<>();
        if (action.equals("assigned") || action.equals("unassigned")) {
            assignee(out, e, a, pr, action);
            return out;
        }
        boolean draft = a.isTrue("draft");
        String state;
        String stated;
        String fixing;
        switch (action) {
            case "opened", "reopened", "ready_for_review", "converted_to_draft" -> {
                state = draft || action.equals("converted_to_draft") ? "in_progress" : "in_review";
                stated = draft ? "draft" : "open";
                fixing = "the pull request that fixes it is " + (draft ? "a draft" : "still open");
            }
            case "merged" -> {
                state = "done";
                stated = "merged";
                fixing = "the pull request that fixes it is merged";
            }
            case "closed" -> {
                state = "canceled";
                stated = "closed without merging";
                fixing = "the pull request that would fix it was closed without merging";
            }
            default -> {
                return out;
            }
        }
        out.add(ClaimDraft.recorded(pr, ClaimAttribute.STATE, state, stated, e.occurredAt(), GITHUB));
        boolean merged = action.equals("merged");
        out.add(ClaimDraft.recorded(
                pr,
                ClaimAttribute.MERGED,
                Boolean.toString(merged),
                merged ? "merged" : "not merged",
                e.occurredAt(),
                GITHUB));
        for (EntityRef issue : fixes(e, a, pr, mentions)) {
            out.add(new ClaimDraft(issue, ClaimAttribute.STATE, state, fixing, e.occurredAt(), pr, GITHUB, false));
        }
        return out;
    }

    /** The issues a pull request says it fixes, its own repository's and other tools'. */
    private static List<EntityRef> fixes(Event e, EventAttributes a, EntityRef pr, MentionScanner mentions) {
        Map<String, EntityRef> found = new LinkedHashMap<>();
        String body = e.body() == null ? "" : e.body();
        String repo = repository(e);
        Matcher m = CLOSING.matcher(body + "\n" + nullToEmpty(a.text("title")));
        while (m.find()) {
            String ref = m.group(1);
            int hash = ref.indexOf('#');
            String inRepo = hash > 0 ? ref.substring(0, hash) : repo;
            if (inRepo != null) {
                EntityRef issue = GithubEntities.issue(inRepo, Long.valueOf(ref.substring(hash + 1)));
                if (!issue.key().equals(pr.key().replace("/pull/", "/issues/"))) {
                    found.putIfAbsent(issue.key(), issue);
                }
            }
        }
        // Another tool's issue the title or branch names is linked the way Linear links pull requests.
        String named = nullToEmpty(a.text("title")) + "\n" + nullToEmpty(a.text("head_branch"));
        for (EntityRef ref : mentions.scan(named)) {
            if (EntityKind.ISSUE.is(ref.kind()) && !ref.key().startsWith("github:") && !onlyPartOf(body, ref)) {
                found.putIfAbsent(ref.key(), ref);
            }
        }
        for (EntityRef ref : mentions.scan(body)) {
            if (EntityKind.ISSUE.is(ref.kind()) && !ref.key().startsWith("github:") && afterClosingWord(body, ref)) {
                found.putIfAbsent(ref.key(), ref);
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean onlyPartOf(String body, EntityRef ref) {
        return preceded(body, ref, PART_OF);
    }

    private static boolean afterClosingWord(String body, EntityRef ref) {
        return preceded(body, ref, CLOSING_WORD);
    }

    /** Whether a mention of the thing (by its label) is directly preceded by words matching {@code words}. */
    private static boolean preceded(String text, EntityRef ref, Pattern words) {
        String label = ref.label() == null ? null : ref.label();
        if (label == null || label.isBlank()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String needle = label.toLowerCase(Locale.ROOT);
        for (int i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
            String before = text.substring(Math.max(0, i - 40), i).replaceAll("[\\[(]+\\s*$", "");
            if (words.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<ClaimDraft> issue(Event e, EventAttributes a, String action) {
        EntityRef issue = first(e, EntityKind.ISSUE.wire());
        if (issue == null) {
            return List.of();
        }
        List<ClaimDraft> out = new ArrayList<>();
        switch (action) {
            case "opened", "reopened" ->
                out.add(ClaimDraft.recorded(issue, ClaimAttribute.STATE, "open", action, e.occurredAt(), GITHUB));
            case "closed" -> {
                boolean notPlanned = "not_planned".equals(a.text("state_reason"));
                out.add(ClaimDraft.recorded(
                        issue,
                        ClaimAttribute.STATE,
                        notPlanned ? "canceled" : "done",
                        notPlanned ? "closed as not planned" : "closed",
                        e.occurredAt(),
                        GITHUB));
            }
            case "assigned", "unassigned" -> assignee(out, e, a, issue, action);
            default -> {
                // labels, edits: nothing about state
            }
        }
        return out;
    }

    private static void assignee(List<ClaimDraft> out, Event e, EventAttributes a, EntityRef thing, String action) {
        List<String> now = a.texts("assignees");
        String value = now.isEmpty()
                ? (action.equals("assigned") && a.text("assignee") != null
                        ? GithubEntities.person(a.text("assignee")).key()
                        : ClaimAttribute.NONE)
                : GithubEntities.person(now.getFirst()).key();
        out.add(ClaimDraft.recorded(
                thing,
                ClaimAttribute.ASSIGNEE,
                value,
                value.equals(ClaimAttribute.NONE) ? "unassigned" : "assigned to " + value.substring("github:".length()),
                e.occurredAt(),
                GITHUB));
    }

    private static List<ClaimDraft> deployment(Event e, EventAttributes a, String action) {
        boolean production =
                a.isTrue("production_environment") || "production".equals(Areas.environment(a.text("environment")));
        String repo = repository(e);
        String sha = a.text("sha");
        if (!action.equals("success") || !production || repo == null || sha == null) {
            return List.of();
        }
        String ref = a.text("ref");
        boolean version = ref != null && VERSION.matcher(ref).matches();
        String value = version ? ClaimAttribute.release(ref) : sha.toLowerCase(Locale.ROOT);
        String stated =
                "deployed " + (version ? ref + " (" + GithubPayload.shortSha(sha) + ")" : GithubPayload.shortSha(sha))
                        + " to " + a.text("environment");
        return List.of(ClaimDraft.recorded(
                Areas.service(repo.substring(repo.indexOf('/') + 1)),
                ClaimAttribute.PRODUCTION,
                value,
                stated,
                e.occurredAt(),
                GITHUB));
    }

    private static EntityRef target(Event e) {
        EntityRef issue = first(e, EntityKind.ISSUE.wire());
        return issue != null ? issue : first(e, EntityKind.PULL_REQUEST.wire());
    }

    private static String speaker(Event e) {
        return e.actor() != null && e.actor().label() != null ? e.actor().label() : GITHUB;
    }

    private static String repository(Event e) {
        EntityRef repo = first(e, EntityKind.REPOSITORY.wire());
        return repo == null ? null : repo.label();
    }

    private static EntityRef first(Event e, String kind) {
        return e.subjects().stream()
                .filter(s -> s.kind().equals(kind))
                .findFirst()
                .orElse(null);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
