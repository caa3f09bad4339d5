package dev.lightfast.server.http;

import dev.lightfast.core.tenant.Caller;
import dev.lightfast.server.auth.AdminToken;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.auth.ConsoleSessions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes on the server with their authentication, and remembers each route's {@link
 * RouteSpec} for the API description.
 */
public final class Routes {
    private final JavalinConfig config;
    private final AdminToken adminToken;
    private final ApiKeyAuthenticator apiKeys;
    private final ConsoleSessions sessions;
    private final List<RouteSpec> specs = new ArrayList<>();

    public Routes(JavalinConfig config, AdminToken adminToken, ApiKeyAuthenticator apiKeys, ConsoleSessions sessions) {
        this.config = config;
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
    }

    /** A route anyone may call, or one that checks a signature itself. */
    public void open(RouteSpec spec, Handler handler) {
        if (spec.auth() != Auth.NONE && spec.auth() != Auth.SIGNATURE) {
            throw new IllegalArgumentException(spec.path() + " declares " + spec.auth() + " but is registered as open");
        }
        add(spec, handler);
    }

    public void admin(RouteSpec spec, Handler handler) {
        require(spec, Auth.ADMIN);
        add(spec, ctx -> {
            ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
            adminToken.check(ctx.header("Authorization"));
            handler.handle(ctx);
        });
    }

    public void tenant(RouteSpec spec, TenantHandler handler) {
        require(spec, Auth.TENANT);
        add(spec, ctx -> {
            // A tenant's answers (and the API keys and secrets some of them carry) are for the caller
            // alone: no cache on the way keeps them.
            ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
            handler.handle(ctx, tenantOf(ctx));
        });
    }

    /** A route of the console's own session (its cookie, and its CSRF token on a change). */
    public void session(RouteSpec spec, TenantHandler handler) {
        require(spec, Auth.SESSION);
        add(spec, ctx -> {
            ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
            handler.handle(ctx, fromSession(ctx));
        });
    }

    /**
     * The tenant a call acts for: an API key when one is presented (agents, curl: unchanged), else the
     * console's session cookie. The key wins, so a client with a key never depends on a cookie.
     */
    private dev.lightfast.core.tenant.TenantId tenantOf(io.javalin.http.Context ctx) {
        return callerOf(ctx).tenant();
    }

    private Caller callerOf(io.javalin.http.Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null && SessionCookie.present(ctx)) {
            return sessions.authorizeCaller(
                    SessionCookie.read(ctx), ctx.method().name(), ctx.header(ConsoleSessions.CSRF_HEADER));
        }
        return apiKeys.caller(authorization);
    }

    private dev.lightfast.core.tenant.TenantId fromSession(io.javalin.http.Context ctx) {
        return sessions.authorize(
                SessionCookie.read(ctx), ctx.method().name(), ctx.header(ConsoleSessions.CSRF_HEADER));
    }

    /** A tenant's route that needs to know which key calls and what it may do (scopes, the audit trail). */
    public void caller(RouteSpec spec, CallerHandler handler) {
        require(spec, Auth.TENANT);
        add(spec, ctx -> {
            ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
            handler.handle(ctx, callerOf(ctx));
        });
    }

    /**
     * Describes a route that is served beside Javalin rather than by it (the MCP servlet), so that the
     * API description still lists every path the server answers.
     */
    public void describe(RouteSpec spec) {
        specs.add(spec);
    }

    public List<RouteSpec> specs() {
        return List.copyOf(specs);
    }

    private void add(RouteSpec spec, Handler handler) {
        specs.add(spec);
        config.routes.addHttpHandler(HandlerType.findOrCreate(spec.method()), spec.path(), handler);
    }

    private static void require(RouteSpec spec, Auth auth) {
        if (spec.auth() != auth) {
            throw new IllegalArgumentException(
                    spec.path() + " declares " + spec.auth() + " but is registered as " + auth);
        }
    }
}
