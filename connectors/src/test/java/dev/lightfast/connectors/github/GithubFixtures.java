package dev.lightfast.connectors.github;

import dev.lightfast.core.connector.HmacSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's own example deliveries (from {@code @octokit/webhooks-examples}, MIT; see {@code
 * github/LICENSE-octokit-webhooks-examples.txt}), read from the classpath so that the server's
 * end-to-end tests can post the same bodies through the test-jar. A classpath folder cannot be
 * listed inside a jar, hence the committed {@code github/index.txt}; {@code GithubFixturesTest}
 * fails when it no longer matches the files.
 */
public final class GithubFixtures {
    /** The classpath folder holding the examples and {@code index.txt}. */
    public static final String ROOT = "github/";

    public static final String USER_AGENT = "GitHub-Hookshot/044aadd";

    /**
     * One example delivery.
     *
     * @param event the {@code X-GitHub-Event} to post it with (its folder name)
     * @param action the payload's action as the file name says it ({@code 03-closed.json}), or null
     *     for events without actions ({@code push/00.json})
     * @param path the path below {@link #ROOT}, e.g. {@code pull_request/03-closed.json}
     * @param body the exact bytes to post and sign
     */
    public record Fixture(String event, String action, String path, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private GithubFixtures() {}

    /** Every example, in index order. */
    public static List<Fixture> all() {
        List<Fixture> out = new ArrayList<>();
        for (String path : index()) {
            out.add(load(path));
        }
        return out;
    }

    /** The examples of one event, e.g. {@code push}. */
    public static List<Fixture> of(String event) {
        return all().stream().filter(f -> f.event().equals(event)).toList();
    }

    /** One example by its path below {@link #ROOT}, e.g. {@code push/04.json}. */
    public static Fixture get(String path) {
        return load(path);
    }

    /** The relative paths listed in {@code github/index.txt}. */
    public static List<String> index() {
        String text = new String(read(ROOT + "index.txt"), StandardCharsets.UTF_8);
        return text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /**
     * The headers GitHub would send with the example: event, delivery id, a valid {@code
     * X-Hub-Signature-256} for {@code secret}, JSON content type and GitHub's user agent.
     */
    public static Map<String, String> signedHeaders(Fixture f, String secret, String deliveryId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", f.event());
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-Hub-Signature-256", signature(secret, f.body()));
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        return headers;
    }

    /** {@code sha256=<hex>} as GitHub computes it. */
    public static String signature(String secret, byte[] body) {
        return "sha256=" + HmacSignatures.hmacSha256Hex(secret, body);
    }

    private static Fixture load(String path) {
        int slash = path.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("fixture paths look like <event>/NN-<action>.json: " + path);
        }
        String event = path.substring(0, slash);
        String file = path.substring(slash + 1).replaceFirst("\\.json$", "");
        int dash = file.indexOf('-');
        String action = dash < 0 ? null : file.substring(dash + 1);
        return new Fixture(event, action, path, read(ROOT + path));
    }

    private static byte[] read(String resource) {
        try (InputStream in = GithubFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
