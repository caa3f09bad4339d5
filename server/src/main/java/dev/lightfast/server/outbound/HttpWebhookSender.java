package dev.lightfast.server.outbound;

import dev.lightfast.core.outbound.SendResult;
import dev.lightfast.core.outbound.WebhookSender;
import dev.lightfast.core.subscription.Attempt;
import dev.lightfast.core.subscription.AttemptOutcome;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends webhooks with the JDK's HttpClient, and connects only where the {@link AddressPolicy}
 * allows: it resolves the host itself, checks every address, and connects to the address it
 * checked (the URL's host is kept in the {@code Host} header and, for TLS, in SNI and in the
 * certificate check), so a name that resolves elsewhere a moment later (DNS rebinding) changes
 * nothing. No redirects are followed, an answer is read only so far ({@link BoundedBody}), every
 * request has a timeout, and at most {@link #PER_HOST} requests go to one host and port at once.
 *
 * <p>The JDK refuses a {@code Host} header unless the JVM was started with {@code
 * -Djdk.httpclient.allowRestrictedHeaders=host} (or the property was set before its HTTP client
 * was first used); {@code Lightfast} sets it, the launcher and the tests pass it.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    public static final String ALLOW_HOST_HEADER = "jdk.httpclient.allowRestrictedHeaders";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Svix's: an endpoint that has not answered in 15 seconds has timed out. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Requests in flight to one host and port at most, whatever the number of subscriptions. */
    public static final int PER_HOST = 8;

    private static final long READ_AT_MOST = 64 * 1024;
    private static final int MAX_CLIENTS = 1_024;

    private final AddressPolicy policy;
    private final Resolver resolver;
    private final TrustManager[] trust;
    private final HttpClient plain;
    private final Map<String, HttpClient> byTlsHost = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();

    public HttpWebhookSender(AddressPolicy policy) {
        this(policy, Resolver.SYSTEM, null);
    }

    /**
     * @param trust the certificates {@code https} endpoints are trusted by; null for the JVM's
     */
    public HttpWebhookSender(AddressPolicy policy, Resolver resolver, TrustManager[] trust) {
        requireHostHeader();
        this.policy = policy;
        this.resolver = resolver;
        try {
            if (trust == null) {
                var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                trust = factory.getTrustManagers();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no default trust store", e);
        }
        this.trust = trust;
        this.plain = client(null);
    }

    /** Fails at start rather than at the first webhook when the JVM would refuse the Host header. */
    private static void requireHostHeader() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.org");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("outbound webhooks need the JVM option -D" + ALLOW_HOST_HEADER
                    + "=host (the JDK's HTTP client was used before it could be set)");
        }
    }

    /**
     * A client per TLS host, each with a TLS context of its own: connections go to an IP address, so
     * a shared context would offer a session made with one name's server to another name at the same
     * address, and a resumed session is not checked against the new name.
     */
    private HttpClient client(String sniHost) {
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
        var parameters = tls.getDefaultSSLParameters();
        if (sniHost != null) {
            // The connection goes to an IP address; the name is what the server and its certificate answer to.
            parameters.setServerNames(List.of(new SNIHostName(sniHost)));
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .sslContext(tls)
                .sslParameters(parameters)
                .build();
    }

    @Override
    public SendResult send(String url, Map<String, String> headers, byte[] body) {
        long start = System.nanoTime();
        URI uri;
        List<InetAddress> addresses;
        try {
            uri = WebhookEndpoints.parse(url);
            addresses = WebhookEndpoints.addresses(uri.getHost(), resolver);
        } catch (UnknownHostException e) {
            return SendResult.failed(
                    AttemptOutcome.UNREACHABLE, since(start), "the host does not resolve: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return SendResult.failed(AttemptOutcome.REFUSED, since(start), e.getMessage());
        }
        for (InetAddress a : addresses) {
            var refusal = policy.refusal(a);
            if (refusal.isPresent()) {
                return SendResult.failed(
                        AttemptOutcome.REFUSED,
                        since(start),
                        uri.getHost() + " resolves to " + a.getHostAddress() + ", a " + refusal.get()
                                + " address; webhooks go to public addresses only");
            }
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        InetAddress target = addresses.getFirst();
        String literal = target instanceof Inet6Address ? "[" + target.getHostAddress() + "]" : target.getHostAddress();
        URI pinned = URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + literal + ":" + port
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        // The timeout is the wait for the whole answer below (a request timeout would cost a timer on the
        // client's selector thread for every message).
        var request = HttpRequest.newBuilder(pinned)
                .header("Host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + port)
                .header("User-Agent", "Lightfast-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpClient client = https && !WebhookEndpoints.isLiteral(uri.getHost()) ? tlsClient(uri.getHost()) : plain;
        Semaphore slots = perHost.computeIfAbsent(uri.getHost() + ":" + port, k -> new Semaphore(PER_HOST, true));
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(AttemptOutcome.UNREACHABLE, since(start), "interrupted: the server is stopping");
        }
        var future = client.sendAsync(request.build(), BoundedBody.handler(Attempt.MAX_RESPONSE, READ_AT_MOST));
        try {
            HttpResponse<String> response = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return SendResult.answered(
                    response.statusCode(),
                    since(start),
                    response.body(),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (TimeoutException e) {
            future.cancel(true);
            return SendResult.failed(
                    AttemptOutcome.TIMEOUT, since(start), "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return failure(e.getCause(), since(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.failed(AttemptOutcome.UNREACHABLE, since(start), "interrupted: the server is stopping");
        } finally {
            slots.release();
        }
    }

    private HttpClient tlsClient(String host) {
        if (byTlsHost.size() >= MAX_CLIENTS && !byTlsHost.containsKey(host)) {
            byTlsHost.clear(); // hosts come and go with subscriptions; connections are made again as needed
        }
        return byTlsHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::client);
    }

    private static SendResult failure(Throwable cause, Duration latency) {
        if (cause instanceof HttpConnectTimeoutException) {
            return SendResult.failed(
                    AttemptOutcome.TIMEOUT, latency, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        if (cause instanceof HttpTimeoutException) {
            return SendResult.failed(AttemptOutcome.TIMEOUT, latency, "no answer within " + TIMEOUT.toSeconds() + " s");
        }
        String what = cause instanceof IOException
                ? cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                : String.valueOf(cause);
        return SendResult.failed(AttemptOutcome.UNREACHABLE, latency, what);
    }

    /** A 429's {@code Retry-After}: seconds, or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            var at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            var d = Duration.between(java.time.Instant.now(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        // Requests in flight are dropped: their messages stay pending and are sent again.
        plain.shutdownNow();
        byTlsHost.values().forEach(HttpClient::shutdownNow);
    }
}
