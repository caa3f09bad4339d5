package dev.lightfast.server.mcp;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Everything {@code /mcp} checks before the MCP transport sees a request, in order: the browser
 * Origin (403), the API key (401), and that a session is used only by the tenant that started it
 * (404, as for an unknown session, so nothing is learnt about other tenants' sessions). The
 * authenticated tenant is left on the request for the transport context.
 */
final class McpHttpGate implements Filter {
    static final String TENANT_ATTRIBUTE = TenantScope.CONTEXT_KEY;
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final ApiKeyAuthenticator apiKeys;
    private final OriginPolicy origins;
    private final SessionOwners sessions;

    McpHttpGate(ApiKeyAuthenticator apiKeys, OriginPolicy origins, SessionOwners sessions) {
        this.apiKeys = apiKeys;
        this.origins = origins;
        this.sessions = sessions;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        var response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (!origins.allows(origin)) {
            write(
                    response,
                    403,
                    "forbidden_origin",
                    "browser pages from " + origin + " may not call /mcp (DNS rebinding "
                            + "protection); pages on localhost may, and an operator can allow more with "
                            + OriginPolicy.ENVIRONMENT);
            return;
        }
        TenantId tenant;
        try {
            tenant = apiKeys.authenticate(request.getHeader("Authorization"));
        } catch (ApiError e) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lightfast\"");
            write(response, e.status(), e.code(), e.getMessage());
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        if (session != null && !sessions.belongsTo(session, tenant)) {
            write(
                    response,
                    404,
                    "unknown_session",
                    "no MCP session '" + session + "' for this API key's tenant; start "
                            + "one with an initialize request");
            return;
        }
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        chain.doFilter(request, new SessionRecorder(response, tenant));
        if ("GET".equals(request.getMethod()) && request.isAsyncStarted() && !response.isCommitted()) {
            // The transport leaves a new event stream's headers unsent until its first event, which may be
            // minutes away; send them now so the client knows its stream is open.
            response.flushBuffer();
        }
        if (session != null && "DELETE".equals(request.getMethod()) && response.getStatus() / 100 == 2) {
            sessions.ended(session);
        }
    }

    /** Notes the session id the transport hands out on initialize, with the tenant that asked for it. */
    private final class SessionRecorder extends HttpServletResponseWrapper {
        private final TenantId tenant;

        SessionRecorder(HttpServletResponse response, TenantId tenant) {
            super(response);
            this.tenant = tenant;
        }

        @Override
        public void setHeader(String name, String value) {
            record(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            record(name, value);
            super.addHeader(name, value);
        }

        private void record(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                sessions.started(value, tenant);
            }
        }
    }

    private static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(ErrorBody.of(code, message)));
    }
}
