package dev.lightfast.server.mcp;

import dev.lightfast.server.Engine;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.openapi.Schemas;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * MCP over streamable HTTP at {@code /mcp}, on the same Jetty server and port as the REST API: the
 * SDK's transport servlet behind {@link McpHttpGate}.
 */
public final class McpHttpEndpoint implements AutoCloseable {
    public static final String PATH = "/mcp";
    /** The methods the streamable HTTP transport answers on {@link #PATH}. */
    public static final java.util.List<String> METHODS = java.util.List.of("POST", "GET", "DELETE");

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final McpHttpGate gate;

    public McpHttpEndpoint(Engine engine, ApiKeyAuthenticator apiKeys, OriginPolicy origins) {
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(PATH)
                .maxRequestSize(RequestBodies.MAX_API_BODY)
                .contextExtractor(request -> request.getAttribute(McpHttpGate.CALLER_ATTRIBUTE) instanceof Object caller
                        ? McpTransportContext.create(Map.of(
                                TenantScope.CONTEXT_KEY,
                                request.getAttribute(McpHttpGate.TENANT_ATTRIBUTE),
                                TenantScope.CALLER_KEY,
                                caller))
                        : McpTransportContext.EMPTY)
                .build();
        this.server = LightfastMcpServer.streamable(transport, engine);
        this.gate = new McpHttpGate(apiKeys, origins, new SessionOwners());
    }

    /** Puts the endpoint on Javalin's servlet context; the exact path wins over Javalin's catch-all. */
    public void mount(ServletContextHandler context) {
        var servlet = new ServletHolder("mcp", transport);
        servlet.setAsyncSupported(true); // responses stream as server-sent events
        context.addServlet(servlet, PATH);
        var filter = new FilterHolder(gate);
        filter.setAsyncSupported(true);
        context.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    /** Describes {@code /mcp} in the API description beside the routes Javalin serves. */
    public void describe(Routes routes) {
        String session = "the session id the initialize response gave (Mcp-Session-Id)";
        routes.describe(RouteSpec.of("POST", PATH)
                .tag("mcp")
                .auth(Auth.TENANT)
                .summary("MCP over streamable HTTP: send a JSON-RPC request, notification or response. Start with "
                        + "initialize; the answer's Mcp-Session-Id header names the session for the calls that follow.")
                .header("Mcp-Session-Id", session + "; absent on initialize", false, null)
                .header(
                        "Accept",
                        "must accept both application/json and text/event-stream",
                        true,
                        "application/json, text/event-stream")
                .request(
                        Schemas.ref("JsonRpcMessage"),
                        Map.of(
                                "jsonrpc",
                                "2.0",
                                "id",
                                1,
                                "method",
                                "initialize",
                                "params",
                                Map.of(
                                        "protocolVersion",
                                        "2025-06-18",
                                        "capabilities",
                                        Map.of(),
                                        "clientInfo",
                                        Map.of("name", "example", "version", "1.0"))))
                .response(
                        200,
                        "the JSON-RPC answer: JSON for initialize, else a server-sent event stream",
                        Schemas.ref("JsonRpcMessage"))
                .response(202, "a notification or response was accepted", null)
                .response(400, "not a JSON-RPC message, or the Accept header or session id is missing", null)
                .response(
                        403, "a browser Origin that may not call /mcp (DNS rebinding protection)", Schemas.ref("Error"))
                .response(404, "no such session for this API key's tenant: initialize again", null)
                .build());
        routes.describe(RouteSpec.of("GET", PATH)
                .tag("mcp")
                .auth(Auth.TENANT)
                .summary("MCP: open the session's stream of server-initiated messages (server-sent events)")
                .header("Mcp-Session-Id", session, true, null)
                .header("Accept", "text/event-stream", true, "text/event-stream")
                .response(200, "the event stream", Schemas.ref("JsonRpcMessage"))
                .response(400, "the Accept header or session id is missing", null)
                .response(403, "a browser Origin that may not call /mcp", Schemas.ref("Error"))
                .response(404, "no such session for this API key's tenant", null)
                .build());
        routes.describe(RouteSpec.of("DELETE", PATH)
                .tag("mcp")
                .auth(Auth.TENANT)
                .summary("MCP: end a session")
                .header("Mcp-Session-Id", session, true, null)
                .response(200, "the session is over", null)
                .response(403, "a browser Origin that may not call /mcp", Schemas.ref("Error"))
                .response(404, "no such session for this API key's tenant", null)
                .build());
    }

    /** Ends the sessions' open streams, so that stopping the server does not wait on them. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
