package dev.lightfast.server.identities;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.identity.IdentityLinks;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/identities}: state that a person is also known by some aliases (an email, a
 * Slack member id, a Linear user id). The statement becomes an event; the graph joins the people
 * holding those aliases and cites it as the evidence.
 */
public final class IdentitiesApi {
    private static final int MAX_ALIASES = 20;

    private final IdentityLinks links;
    private final GraphStore graph;

    public IdentitiesApi(IdentityLinks links, GraphStore graph) {
        this.links = links;
        this.graph = graph;
    }

    record AliasBody(String kind, String value) {}

    /** The person as an entity id, or as a person key such as {@code github:alice}. */
    record LinkBody(String person, List<AliasBody> aliases, String note, String idempotencyKey) {}

    record Linked(String person, String eventId, boolean duplicate) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("POST", "/v1/identities")
                        .tag("entities")
                        .auth(Auth.TENANT)
                        .summary("Link aliases (email, tool user ids) to a person; recorded as a cited event")
                        .request(
                                ref("NewIdentity"),
                                java.util.Map.of(
                                        "person",
                                        "github:octocat",
                                        "aliases",
                                        List.of(java.util.Map.of("kind", "email", "value", "octocat@example.com")),
                                        "note",
                                        "octocat confirmed the address"))
                        .response(201, "recorded; the graph joins the aliases' holders shortly", ref("Linked"))
                        .response(200, "already recorded under that idempotencyKey", ref("Linked"))
                        .response(400, "no person, no aliases, or a name used as an alias", ref("Error"))
                        .build(),
                this::link);
    }

    private void link(Context ctx, TenantId tenant) {
        byte[] raw = RequestBodies.bytes(ctx, RequestBodies.MAX_API_BODY);
        if (raw.length == 0) {
            throw ApiError.badRequest("this call needs a JSON body such as "
                    + "{\"person\":\"github:alice\",\"aliases\":[{\"kind\":\"slack_user\",\"value\":\"U024BE7LH\"}]}");
        }
        LinkBody body = RequestBodies.parse(raw, LinkBody.class);
        if (body.person() == null || body.person().isBlank()) {
            throw ApiError.badRequest(
                    "person is required: an entity id (ent_...) or a person key such as github:alice");
        }
        if (body.aliases() == null || body.aliases().isEmpty() || body.aliases().size() > MAX_ALIASES) {
            throw ApiError.badRequest("aliases must list 1-" + MAX_ALIASES + " aliases, each {\"kind\", \"value\"}");
        }
        List<Alias> aliases = new ArrayList<>();
        for (AliasBody a : body.aliases()) {
            if (a == null || a.kind() == null || a.value() == null || a.value().isBlank()) {
                throw ApiError.badRequest("each alias needs a kind (email, github_login, slack_user, linear_user, "
                        + "sentry_user, ...) and a value");
            }
            aliases.add(new Alias(a.kind().strip(), a.value()));
        }
        EntityRef person = person(tenant, body.person().strip());
        var appended = links.link(tenant, person, aliases, body.note(), body.idempotencyKey(), raw);
        ctx.status(appended.duplicate() ? 200 : 201)
                .json(new Linked(
                        EntityIds.of(person), appended.events().getFirst().id(), appended.duplicate()));
    }

    /** An entity id must name a person the graph knows; a key names one even if not yet seen. */
    private EntityRef person(TenantId tenant, String given) {
        if (given.startsWith("ent_")) {
            var entity = graph.entity(tenant, given, AsOf.NOW)
                    .orElseThrow(() -> ApiError.notFound("no entity '" + given + "' in this tenant"));
            if (!entity.kind().equals("person")) {
                throw ApiError.badRequest(given + " is a " + entity.kind() + ", not a person");
            }
            return EntityRef.of("person", entity.key(), entity.name());
        }
        if (!given.contains(":")) {
            throw ApiError.badRequest(
                    "person must be an entity id (ent_...) or a key with its tool, such as github:alice");
        }
        return EntityRef.of("person", given, given.substring(given.indexOf(':') + 1));
    }
}
