package dev.lightfast.server.mcp;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.ErrorBody;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.SecurityHeaders;
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
    static final String CALLER_ATTRIBUTE = TenantScope.CALLER_KEY;
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
        dev.lightfast.core.tenant.Caller caller;
        try {
            caller = apiKeys.caller(request.getHeader("Authorization"));
        } catch (ApiError e) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lightfast\"");
            write(response, e.status(), e.code(), e.getMessage());
            return;
        }
        TenantId tenant = caller.tenant();
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
        // The key's scopes go with the call, so the tools that act check them as the REST routes do.
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        HttpServletRequest forward = request;
        if ("POST".equals(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(RequestBodies.MAX_API_BODY + 1);
            if (body.length > RequestBodies.MAX_API_BODY) {
                writeRpc(
                        response,
                        413,
                        JsonRpcEnvelope.error(
                                null,
                                JsonRpcEnvelope.INVALID_REQUEST,
                                "Invalid Request: a message may be at most " + RequestBodies.MAX_API_BODY + " bytes"));
                return;
            }
            var problem = JsonRpcEnvelope.check(body);
            if (problem.isPresent()) {
                // Answered under its id when it has one (the client is waiting on that id), else as a 400.
                writeRpc(
                        response,
                        problem.get().id() == null ? 400 : 200,
                        problem.get().response());
                return;
            }
            forward = new ReadAgain(request, body);
        }
        var answer = new SessionRecorder(response, tenant);
        chain.doFilter(forward, answer);
        answer.finish(forward);
        if ("GET".equals(request.getMethod()) && request.isAsyncStarted() && !response.isCommitted()) {
            // The transport leaves a new event stream's headers unsent until its first event, which may be
            // minutes away; send them now so the client knows its stream is open.
            response.flushBuffer();
        }
        if (session != null && "DELETE".equals(request.getMethod()) && response.getStatus() / 100 == 2) {
            sessions.ended(session);
        }
    }

    /**
     * Notes the session id the transport hands out on initialize, with the tenant that asked for it;
     * keeps every answer out of caches; and holds back the SDK's own error bodies, which carry Java
     * stack traces and class names, answering a JSON-RPC error in their place.
     */
    private final class SessionRecorder extends HttpServletResponseWrapper {
        private final TenantId tenant;
        private java.io.ByteArrayOutputStream heldError;

        SessionRecorder(HttpServletResponse response, TenantId tenant) {
            super(response);
            this.tenant = tenant;
            super.setHeader("Cache-Control", SecurityHeaders.NO_STORE);
        }

        @Override
        public void setHeader(String name, String value) {
            record(name, value);
            if (!"Cache-Control".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            record(name, value);
            if (!"Cache-Control".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 400 && heldError == null && !isCommitted()) {
                heldError = new java.io.ByteArrayOutputStream();
            }
            super.setStatus(sc);
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            if (heldError == null) {
                return super.getOutputStream();
            }
            var held = heldError;
            return new jakarta.servlet.ServletOutputStream() {
                @Override
                public void write(int b) {
                    held.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    held.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    throw new UnsupportedOperationException("an error body is written at once");
                }
            };
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            if (heldError == null) {
                return super.getWriter();
            }
            return new java.io.PrintWriter(
                    new java.io.OutputStreamWriter(heldError, java.nio.charset.StandardCharsets.UTF_8), true);
        }

        /** Writes the JSON-RPC error for an error the SDK wrote, if it wrote one. */
        void finish(HttpServletRequest request) throws IOException {
            if (heldError == null) {
                return;
            }
            int status = getStatus();
            String said = null;
            try {
                var sdk = Json.MAPPER.readTree(heldError.toByteArray());
                said = sdk.path("message").isString() ? sdk.path("message").stringValue() : null;
            } catch (RuntimeException notJson) {
                // nothing of it is shown
            }
            int code = status >= 500 ? JsonRpcEnvelope.INTERNAL_ERROR : JsonRpcEnvelope.INVALID_REQUEST;
            String message = status == 404
                    ? "no such session for this API key's tenant: start one with an initialize request"
                    : status >= 500 ? "internal error" : "Invalid Request: " + readable(said, status);
            var id = request instanceof ReadAgain again ? again.id() : null;
            byte[] out = JsonRpcEnvelope.error(id, code, message);
            var real = (HttpServletResponse) getResponse();
            real.resetBuffer();
            real.setContentType("application/json");
            real.setCharacterEncoding("UTF-8");
            real.setContentLength(out.length);
            real.getOutputStream().write(out);
        }

        private void record(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                sessions.started(value, tenant);
            }
        }
    }

    /** The SDK's own words when they are about the request, never when they name its insides. */
    private static String readable(String said, int status) {
        if (said == null
                || said.length() > 300
                || said.contains("Exception")
                || said.contains("java.")
                || said.contains("io.modelcontextprotocol")
                || said.contains("tools.jackson")
                || said.contains("com.fasterxml")
                || said.contains("$")
                || said.contains("`")) {
            return "the server cannot read this message (HTTP " + status + ")";
        }
        return said;
    }

    /** A request whose body was read here, given to the transport to read once more. */
    private static final class ReadAgain extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        tools.jackson.databind.JsonNode id() {
            return JsonRpcEnvelope.idOf(body);
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            var in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(body), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static void writeRpc(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", SecurityHeaders.NO_STORE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body);
    }

    private static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", SecurityHeaders.NO_STORE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(ErrorBody.of(code, message)));
    }
}
