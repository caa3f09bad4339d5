package dev.lightfast.server.reason;

import static dev.lightfast.server.openapi.Schemas.object;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.claim.ClaimRole;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schemas of truth, conflicts, why-chains, patterns and risk, for {@code /openapi.json}. */
public final class ReasonSchemas {
    private ReasonSchemas() {}

    private static Map<String, Object> props(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> described(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> arrayOf(Object items) {
        return Map.of("type", "array", "items", items);
    }

    private static Map<String, Object> citations() {
        return arrayOf(ref("Citation"));
    }

    /** Every schema the Reason II routes refer to, by name. */
    public static Map<String, Object> all() {
        var s = new LinkedHashMap<String, Object>();
        List<String> roles =
                Arrays.stream(ClaimRole.values()).map(ClaimRole::wire).toList();
        s.put(
                "NewClaim",
                object(props(
                        "entity", described("string", "the entity's id (ent_...); or give kind and key"),
                        "kind", described("string", "the entity's kind, with key"),
                        "key", described("string", "the entity's natural key, such as linear:ENG-123 or service:shop"),
                        "attribute", Map.of("type", "string", "enum", ClaimsApi.attributes()),
                        "value",
                                described(
                                        "string",
                                        "state: open, in_progress, in_review, done, canceled; merged: true, false;"
                                                + " shipped: shipped, rolled_back; production: a SHA or version;"
                                                + " assignee: a person's key or none"),
                        "note", described("string", "why, in words: kept with the statement"),
                        "by", described("string", "who states it, for the rationale"),
                        "validFrom",
                                Map.of(
                                        "type",
                                        "string",
                                        "format",
                                        "date-time",
                                        "description",
                                        "since when it holds (default now)"),
                        "idempotencyKey", string())));
        s.put(
                "ClaimStated",
                object(
                        props(
                                "entityId", string(),
                                "attribute", string(),
                                "value", string(),
                                "eventId", described("string", "the event recording the statement"),
                                "seq", Map.of("type", "integer"),
                                "duplicate", Map.of("type", "boolean")),
                        "entityId",
                        "attribute",
                        "value",
                        "eventId"));
        s.put(
                "Claim",
                object(
                        props(
                                "id", described("string", "the stating event's id and the claim's place in it"),
                                "entityId", string(),
                                "entity", ref("EntityRef"),
                                "attribute", string(),
                                "value", described("string", "in the attribute's vocabulary"),
                                "stated", described("string", "the source's own words"),
                                "validFrom", string("date-time"),
                                "seq", Map.of("type", "integer"),
                                "source",
                                        described("string", "the tool (github, linear, ...) or claims for an operator"),
                                "role", Map.of("type", "string", "enum", roles),
                                "voice", described("string", "who speaks: a newer claim of the same voice supersedes"),
                                "speaker", string(),
                                "via", ref("EntityRef"),
                                "viaId", described("string", "the thing spoken through: the fixing pull request"),
                                "citation", ref("Citation")),
                        "id",
                        "entityId",
                        "attribute",
                        "value",
                        "source",
                        "role",
                        "citation"));
        s.put(
                "Truth",
                object(
                        props(
                                "attribute", string(),
                                "value", string(),
                                "stated", described("string", "the winning source's own words"),
                                "winner", ref("Claim"),
                                "losers",
                                        arrayOf(object(
                                                props("claim", ref("Claim"), "why", described("string", "why it lost")),
                                                "claim",
                                                "why")),
                                "mode", Map.of("type", "string", "enum", List.of("authority", "recency")),
                                "policy", described("string", "the policy that decided, in words"),
                                "conflict", described("boolean", "whether the standing claims disagree"),
                                "rationale", described("string", "one sentence: each source's word and the verdict"),
                                "citations", citations()),
                        "attribute",
                        "value",
                        "winner",
                        "losers",
                        "rationale",
                        "citations"));
        s.put(
                "TruthList",
                object(
                        props(
                                "entity", ref("AnswerRef"),
                                "asOf", described("string", "the reading point, when one was given"),
                                "truths", arrayOf(ref("Truth"))),
                        "entity",
                        "truths"));
        s.put(
                "ConflictList",
                object(
                        props(
                                "conflicts",
                                        arrayOf(object(
                                                props(
                                                        "entity", ref("AnswerRef"),
                                                        "attribute", string(),
                                                        "openedSeq", Map.of("type", "integer"),
                                                        "since", string("date-time"),
                                                        "closedSeq", Map.of("type", "integer"),
                                                        "closedAt", string("date-time"),
                                                        "claims",
                                                                Map.of(
                                                                        "type",
                                                                        "array",
                                                                        "items",
                                                                        ref("Claim"),
                                                                        "description",
                                                                        "the disagreeing claims, one per role"),
                                                        "verdict", ref("Truth")),
                                                "entity",
                                                "attribute",
                                                "since",
                                                "claims")),
                                "nextCursor",
                                        described("string", "pass as cursor for the next page; absent on the last")),
                        "conflicts"));
        s.put(
                "ChainEvidence",
                object(
                        props(
                                "basis", Map.of("type", "string", "enum", List.of("asserted", "inferred")),
                                "says", string(),
                                "citations", citations()),
                        "basis",
                        "says",
                        "citations"));
        s.put(
                "ChainStep",
                object(
                        props(
                                "n",
                                        described(
                                                "integer",
                                                "its place in the chain, 1 for the link to the thing explained"),
                                "effect", ref("AnswerRef"),
                                "cause", ref("AnswerRef"),
                                "relation",
                                        described("string", "the graph's word for the link, read from 'from' to 'to'"),
                                "from", string(),
                                "to", string(),
                                "basis",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("asserted", "inferred"),
                                                "description",
                                                "asserted: the tools state every part of the link; inferred: Lightfast"
                                                        + " concluded it (same service and environment, minutes apart)"),
                                "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1),
                                "rationale", string(),
                                "evidence", arrayOf(ref("ChainEvidence")),
                                "citations", citations()),
                        "n",
                        "effect",
                        "cause",
                        "relation",
                        "basis",
                        "confidence",
                        "rationale",
                        "citations"));
        s.put(
                "Chain",
                object(
                        props(
                                "start", ref("AnswerRef"),
                                "steps", arrayOf(ref("ChainStep")),
                                "others",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                ref("ChainStep"),
                                                "description",
                                                "causes found but not on the chain"),
                                "summary",
                                        arrayOf(object(
                                                props("text", string(), "citations", arrayOf(string())),
                                                "text",
                                                "citations"))),
                        "start",
                        "steps"));
        s.put(
                "Pattern",
                object(
                        props(
                                "kind",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of(
                                                        "deploy_then_incident",
                                                        "repeated_incidents",
                                                        "review_turnaround",
                                                        "reopened_work")),
                                "area", string(),
                                "environment", string(),
                                "count", Map.of("type", "integer"),
                                "of", Map.of("type", "integer"),
                                "rate", Map.of("type", "number"),
                                "minutes",
                                        object(props(
                                                "median", Map.of("type", "integer"), "p90", Map.of("type", "integer"))),
                                "summary", string(),
                                "supporting", citations()),
                        "kind",
                        "count",
                        "summary",
                        "supporting"));
        s.put(
                "PatternList",
                object(
                        props(
                                "checkpoint", described("integer", "the seq the patterns have read up to"),
                                "withinMinutes", Map.of("type", "integer"),
                                "patterns", arrayOf(ref("Pattern"))),
                        "patterns"));
        s.put(
                "Risk",
                object(
                        props(
                                "entity", ref("AnswerRef"),
                                "score", Map.of("type", "number", "minimum", 0, "maximum", 1),
                                "baseRate", Map.of("type", "number"),
                                "level", Map.of("type", "string", "enum", List.of("low", "medium", "high", "unknown")),
                                "learnedFrom",
                                        described("integer", "past production deployments the model was fitted on"),
                                "incidents",
                                        described("integer", "of them, those an incident followed within the hour"),
                                "features",
                                        arrayOf(object(
                                                props(
                                                        "name", string(),
                                                        "value", string(),
                                                        "bucket", string(),
                                                        "weight",
                                                                described(
                                                                        "number",
                                                                        "its log-likelihood ratio: above 0 raises the risk"),
                                                        "effect",
                                                                Map.of(
                                                                        "type",
                                                                        "string",
                                                                        "enum",
                                                                        List.of("raises", "lowers", "neutral")),
                                                        "citations", citations()),
                                                "name",
                                                "value",
                                                "weight")),
                                "summary", string(),
                                "citations", citations()),
                        "entity",
                        "score",
                        "baseRate",
                        "features"));
        return s;
    }
}
