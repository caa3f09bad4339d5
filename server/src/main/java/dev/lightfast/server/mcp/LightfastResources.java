package dev.lightfast.server.mcp;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * Events and entities as MCP resources, addressed {@code lightfast://events/{id}} and {@code
 * lightfast://entities/{id}}: what the tools cite, a client can read. An id this tenant does not
 * have is "resource not found", the same answer whether or not another tenant has it.
 */
final class LightfastResources {
    private static final String JSON = "application/json";

    private final EventLog log;
    private final GraphStore graph;
    private final TenantScope scope;

    LightfastResources(EventLog log, GraphStore graph, TenantScope scope) {
        this.log = log;
        this.graph = graph;
        this.scope = scope;
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(
                        McpSchema.ResourceTemplate.builder()
                                .uriTemplate(ResourceUris.EVENT_TEMPLATE)
                                .name("event")
                                .title("An event from the log")
                                .description(
                                        "One immutable event: source, type, when it happened and was observed, actor, subjects, "
                                                + "title, body, attributes and the source tool's URL. Tools cite events with these addresses.")
                                .mimeType(JSON)
                                .build(),
                        (exchange, request) -> readEvent(scope.of(exchange), request.uri())),
                new SyncResourceTemplateSpecification(
                        McpSchema.ResourceTemplate.builder()
                                .uriTemplate(ResourceUris.ENTITY_TEMPLATE)
                                .name("entity")
                                .title("An entity from the graph")
                                .description(
                                        "A person, repository, pull request, issue, commit, deployment, ... as known now: kind, key, "
                                                + "name, latest attributes, aliases and the events it was learned from.")
                                .mimeType(JSON)
                                .build(),
                        (exchange, request) -> readEntity(scope.of(exchange), request.uri())));
    }

    private McpSchema.ReadResourceResult readEvent(TenantId tenant, String uri) {
        String id = ResourceUris.idIn(uri, ResourceUris.EVENTS).orElseThrow(() -> notFound(uri));
        var event = log.find(tenant, id).orElseThrow(() -> notFound(uri));
        var json = ToolResults.event(event);
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, JSON, Json.MAPPER.writeValueAsString(json))));
    }

    private McpSchema.ReadResourceResult readEntity(TenantId tenant, String uri) {
        String id = ResourceUris.idIn(uri, ResourceUris.ENTITIES).orElseThrow(() -> notFound(uri));
        var entity = graph.entity(tenant, id, AsOf.NOW).orElseThrow(() -> notFound(uri));
        var json = ToolResults.json(entity);
        json.put("uri", ResourceUris.entity(entity.id()));
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, JSON, Json.MAPPER.writeValueAsString(json))));
    }

    private static McpError notFound(String uri) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("no resource " + uri
                        + " in this tenant; tools cite events as lightfast://events/{id} and entities "
                        + "as lightfast://entities/{id}")
                .data(uri)
                .build();
    }
}
