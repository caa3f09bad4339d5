package dev.lightfast.server.outbound;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.subscription.Subscriptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a subscription's URL when it is made or changed: an absolute {@code http} or {@code https}
 * URL with a host and no credentials, which resolves only to addresses webhooks may go to. The
 * same check runs again at every connection ({@link HttpWebhookSender}), since a name can be made
 * to resolve elsewhere later.
 */
public final class WebhookEndpoints implements Subscriptions.EndpointCheck {
    private final AddressPolicy policy;
    private final Resolver resolver;

    public WebhookEndpoints(AddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    @Override
    public void check(String url) {
        check(url, "url", "webhooks go");
    }

    /**
     * Checks a connection's {@code apiBase} (where Lightfast sends a tool's API calls, with the
     * connection's token) as a subscription's URL is checked: else a tenant could point a token-bearing
     * call at the server's own network.
     */
    public void checkApiBase(String url) {
        check(url, "apiBase", "tool calls go");
    }

    private void check(String url, String field, String what) {
        URI uri;
        try {
            uri = parse(url);
        } catch (InvalidInput e) {
            throw new InvalidInput(e.getMessage().replaceFirst("^url", field));
        }
        if (policy.allowsPrivate()) {
            return;
        }
        String host = uri.getHost();
        List<InetAddress> addresses;
        try {
            addresses = addresses(host, resolver);
        } catch (UnknownHostException e) {
            throw new InvalidInput(field + ": the host " + host + " does not resolve; check the name");
        }
        for (InetAddress a : addresses) {
            var refusal = policy.refusal(a);
            if (refusal.isPresent()) {
                throw new InvalidInput(field + ": " + host + " resolves to " + a.getHostAddress() + ", a "
                        + refusal.get() + " address; " + what + " to public addresses only"
                        + " (an operator can allow others with LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE=true)");
            }
        }
    }

    /** The URL, if it is one a webhook can be sent to. */
    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInput("url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInput("url must be an absolute http:// or https:// URL; got " + url);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInput("url must name a host; got " + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInput("url must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInput("url must not have a #fragment: it is never sent");
        }
        return uri;
    }

    /** An IP literal as itself, a name through the resolver. */
    static List<InetAddress> addresses(String host, Resolver resolver) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isLiteral(bare)) {
            return List.of(InetAddress.getByName(bare)); // a literal is parsed, never looked up
        }
        var found = resolver.resolve(bare);
        if (found.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        return found;
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
