package dev.lightfast.server.answer;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;

/** {@code POST /v1/answer}: a question in, the cited events and entities that answer it out. */
public final class AnswerApi {
    private static final int DEFAULT_LIMIT = 10;

    private final Answerer answerer;

    public AnswerApi(Answerer answerer) {
        this.answerer = answerer;
    }

    /** The body: the question, optionally how many events to return and a past point to answer at. */
    record Ask(String question, Integer limit, String asOf) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("POST", "/v1/answer")
                        .tag("answers")
                        .auth(Auth.TENANT)
                        .summary(
                                "Answer a question with the events and entities that establish it, every sentence cited")
                        .request(ref("Ask"), java.util.Map.of("question", "Who reviewed the PR that fixed #1?"))
                        .response(200, "the answer", ref("Answer"))
                        .response(400, "no question, or a bad limit or asOf", ref("Error"))
                        .build(),
                this::answer);
    }

    private void answer(Context ctx, TenantId tenant) {
        byte[] raw = RequestBodies.bytes(ctx, RequestBodies.MAX_API_BODY);
        if (raw.length == 0) {
            throw ApiError.badRequest("this call needs a JSON body such as {\"question\": \"who reviewed #12?\"}");
        }
        Ask ask = RequestBodies.parse(raw, Ask.class);
        if (ask.question() == null || ask.question().isBlank()) {
            throw ApiError.badRequest(
                    "question is required: ask in plain words, e.g. \"what changed in api last week?\"");
        }
        if (ask.question().length() > SearchQuery.MAX_TEXT) {
            throw ApiError.badRequest("question must be at most " + SearchQuery.MAX_TEXT + " characters");
        }
        int limit = ask.limit() == null ? DEFAULT_LIMIT : ask.limit();
        if (limit < 1 || limit > Answerer.MAX_EVIDENCE) {
            throw ApiError.badRequest("limit must be between 1 and " + Answerer.MAX_EVIDENCE + "; got " + limit);
        }
        ctx.json(answerer.answer(tenant, ask.question(), AsOf.parse(ask.asOf()), limit));
    }
}
