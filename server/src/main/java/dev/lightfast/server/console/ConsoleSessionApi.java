package dev.lightfast.server.console;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.auth.ApiKeyAuthenticator;
import dev.lightfast.server.auth.ConsoleSessions;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.http.SessionCookie;
import dev.lightfast.server.openapi.Schemas;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Signing in to the console: {@code POST /console/session} exchanges an API key for a session
 * cookie and the session's CSRF token, {@code GET} tells a reloaded page its session (and token)
 * again, {@code DELETE} signs out. The key is sent once, in a body, and kept nowhere in the browser.
 */
public final class ConsoleSessionApi {
    public static final String PATH = "/console/session";

    private final ApiKeyAuthenticator apiKeys;
    private final ConsoleSessions sessions;
    private final String publicUrl;

    public ConsoleSessionApi(ApiKeyAuthenticator apiKeys, ConsoleSessions sessions, String publicUrl) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.publicUrl = publicUrl;
    }

    /** The sign-in form's body. */
    public record SignIn(String apiKey) {}

    /** What the console's script learns of its session. */
    /**
     * What the console's script learns of its session; {@code keyId} and {@code scopes} are the
     * signing-in key's, so a page can say what this key may do (approve another key's intent) before
     * the API refuses it.
     */
    public record Session(
            boolean signedIn, String tenant, String csrfToken, String expiresAt, String keyId, List<String> scopes) {
        static final Session NONE = new Session(false, null, null, null, null, null);

        static Session of(ConsoleSessions.View view) {
            return new Session(
                    true,
                    view.tenant().value(),
                    view.csrfToken(),
                    view.expiresAt().toString(),
                    view.caller().keyId(),
                    view.caller().scopes().stream().sorted().map(Scope::wire).toList());
        }
    }

    public void register(Routes routes) {
        routes.open(
                RouteSpec.of("POST", PATH)
                        .tag("console")
                        .summary("Sign in to the console: an API key for an HttpOnly, SameSite=Strict session cookie"
                                + " and the session's CSRF token")
                        .request(
                                Schemas.object(Map.of("apiKey", Schemas.string()), "apiKey"),
                                Map.of("apiKey", "lf_<id>_<secret>"))
                        .response(201, "signed in; the cookie is set", ref("ConsoleSession"))
                        .response(401, "not a valid API key", ref("Error"))
                        .response(403, "sent from a page of another origin", ref("Error"))
                        .build(),
                this::signIn);
        routes.open(
                RouteSpec.of("GET", PATH)
                        .tag("console")
                        .summary("The console's session, if its cookie names an open one: its tenant, CSRF token and"
                                + " end (a page loaded anew learns its token here; another site's page cannot read it)")
                        .response(200, "the session, or signedIn false", ref("ConsoleSession"))
                        .build(),
                this::show);
        routes.session(
                RouteSpec.of("DELETE", PATH)
                        .tag("console")
                        .auth(Auth.SESSION)
                        .summary("Sign out of the console (needs the session's X-CSRF-Token)")
                        .header(ConsoleSessions.CSRF_HEADER, "the session's CSRF token", true, null)
                        .response(204, "signed out; the cookie is cleared", null)
                        .response(403, "without the session's CSRF token", ref("Error"))
                        .build(),
                this::signOut);
    }

    private void signIn(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        sameOrigin(ctx);
        var body = RequestBodies.required(ctx, SignIn.class);
        if (body.apiKey() == null || body.apiKey().isBlank()) {
            throw new InvalidInput("apiKey: the API key to sign in with is missing");
        }
        var started = sessions.start(apiKeys.callerOfKey(body.apiKey().strip()));
        SessionCookie.set(ctx, started.cookie(), ConsoleSessions.LIFETIME, SessionCookie.secure(ctx, publicUrl));
        ctx.status(201).json(Session.of(started.view()));
    }

    /** Answered 200 either way, so that a page opened before signing in logs no failed request. */
    private void show(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(sessions.find(SessionCookie.read(ctx)).map(Session::of).orElse(Session.NONE));
    }

    private void signOut(Context ctx, TenantId tenant) {
        sessions.end(SessionCookie.read(ctx));
        SessionCookie.clear(ctx, SessionCookie.secure(ctx, publicUrl));
        ctx.status(204);
    }

    /**
     * A sign-in posted by another site's page would sign the person in to that site's tenant (login
     * CSRF): a browser's {@code Origin} must be this server's.
     */
    private void sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // not a browser's cross-origin request (curl, a test, a same-origin GET-less form)
        }
        String host;
        try {
            host = URI.create(origin).getAuthority();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        boolean ours = host != null
                && (host.equalsIgnoreCase(ctx.host())
                        || (publicUrl != null
                                && host.equalsIgnoreCase(URI.create(publicUrl).getAuthority())));
        if (!ours) {
            throw ApiError.forbidden("signing in to the console is only possible from its own page");
        }
    }
}
