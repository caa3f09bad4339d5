package dev.lightfast.server.mcp;

import dev.lightfast.server.Engine;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.http.RequestBodies;
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

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final McpHttpGate gate;

  public McpHttpEndpoint(Engine engine, ApiKeyAuthenticator apiKeys, OriginPolicy origins) {
    this.transport = HttpServletStreamableServerTransportProvider.builder()
        .mcpEndpoint(PATH)
        .maxRequestSize(RequestBodies.MAX_API_BODY)
        .contextExtractor(request -> request.getAttribute(McpHttpGate.TENANT_ATTRIBUTE) instanceof Object tenant
            ? McpTransportContext.create(Map.of(TenantScope.CONTEXT_KEY, tenant))
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

  /** Ends the sessions' open streams, so that stopping the server does not wait on them. */
  @Override
  public void close() {
    server.closeGracefully();
  }
}
