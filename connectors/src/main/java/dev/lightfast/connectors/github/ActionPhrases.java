package dev.lightfast.connectors.github;

import java.util.Map;

/**
 * Turns a GitHub action into the words of a title ("marked pull request #2 ready for review"), so
 * that titles read as sentences in search results and answers. Actions not listed read as their own
 * words ("labeled pull request #2").
 */
final class ActionPhrases {
    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("synchronize", "pushed to %s"),
            Map.entry("review_requested", "requested a review on %s"),
            Map.entry("review_request_removed", "removed a review request on %s"),
            Map.entry("ready_for_review", "marked %s ready for review"),
            Map.entry("converted_to_draft", "converted %s to a draft"),
            Map.entry("auto_merge_enabled", "enabled auto-merge on %s"),
            Map.entry("auto_merge_disabled", "disabled auto-merge on %s"),
            Map.entry("enqueued", "added %s to the merge queue"),
            Map.entry("dequeued", "removed %s from the merge queue"),
            Map.entry("milestoned", "added %s to a milestone"),
            Map.entry("demilestoned", "removed %s from a milestone"),
            Map.entry("prereleased", "pre-released %s"),
            Map.entry("rerequested", "re-requested %s"),
            Map.entry("requested_action", "requested an action on %s"),
            Map.entry("privatized", "made %s private"),
            Map.entry("publicized", "made %s public"));

    private ActionPhrases() {}

    static String describe(String action, String thing) {
        if (action == null) {
            return "updated " + thing;
        }
        String template = TEMPLATES.get(action);
        return template != null ? template.formatted(thing) : action.replace('_', ' ') + " " + thing;
    }
}
