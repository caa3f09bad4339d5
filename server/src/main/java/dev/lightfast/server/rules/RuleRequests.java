package dev.lightfast.server.rules;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.InvalidRule;
import dev.lightfast.core.rule.RuleSpec;
import dev.lightfast.reason.rule.RuleConflict;
import dev.lightfast.reason.rule.RuleLimitReached;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.RequestBodies;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;

/** Reads rule bodies and answers the rules' own errors: a rule that does not compile, a limit reached. */
final class RuleRequests {
    private RuleRequests() {}

    /** The body as JSON, an object; a 400 naming the problem otherwise. */
    static JsonNode body(Context ctx) {
        byte[] raw = RequestBodies.bytes(ctx, RequestBodies.MAX_API_BODY);
        if (raw.length == 0) {
            throw ApiError.badRequest("this call needs a rule as its JSON body, such as "
                    + "{\"name\":\"no Friday deploys\",\"on\":{\"type\":\"github.deployment.created\"}}");
        }
        JsonNode tree = Json.MAPPER.readTree(raw);
        if (tree == null || !tree.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return tree;
    }

    static RuleSpec spec(JsonNode json) {
        return RuleSpec.fromJson(json);
    }

    /** Runs a rule call, answering what the rules refuse with their own codes. */
    static void answering(Context ctx, Call call) throws Exception {
        try {
            call.run();
        } catch (InvalidRule e) {
            ctx.status(400).json(InvalidRuleBody.of(e));
        } catch (RuleLimitReached e) {
            throw new ApiError(422, "rule_limit", e.getMessage());
        } catch (RuleConflict e) {
            throw ApiError.conflict(e.getMessage());
        }
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }
}
