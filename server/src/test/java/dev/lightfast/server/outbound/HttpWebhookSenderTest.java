package dev.lightfast.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.subscription.AttemptOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real endpoint on this machine: it connects to the address it checked (a
 * name the system cannot resolve still arrives, with its Host header), refuses addresses the policy
 * forbids before connecting, follows no redirect and reads an answer only so far.
 */
class HttpWebhookSenderTest {
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static Resolver table(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private static final byte[] BODY = "{\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void it_connects_to_the_address_it_checked_and_names_the_host() {
        // "receiver.test" resolves nowhere but in this table: the request can only arrive through it.
        var sender = new HttpWebhookSender(AddressPolicy.ANY, table(Map.of("receiver.test", "127.0.0.1")), null);
        var result = sender.send(
                "http://receiver.test:" + receiver.port() + "/pinned?x=1", Map.of("webhook-id", "msg_1"), BODY);
        assertThat(result.outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(result.status()).isEqualTo(200);
        var got = receiver.await("/pinned", 1, Duration.ofSeconds(10)).getFirst();
        assertThat(got.header("host")).isEqualTo("receiver.test:" + receiver.port());
        assertThat(got.header("webhook-id")).isEqualTo("msg_1");
        assertThat(got.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        sender.close();
    }

    @Test
    void a_name_that_resolves_to_a_private_address_at_send_time_is_refused_without_connecting() {
        // The name was public when the subscription was made; now it points at this machine (DNS rebinding).
        var sender = new HttpWebhookSender(AddressPolicy.PUBLIC_ONLY, table(Map.of("rebound.test", "127.0.0.1")), null);
        var result = sender.send("http://rebound.test:" + receiver.port() + "/rebound", Map.of(), BODY);
        assertThat(result.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(result.error()).contains("127.0.0.1").contains("loopback");
        for (String url : List.of(
                "http://127.0.0.1:" + receiver.port() + "/rebound",
                "http://[::1]:" + receiver.port() + "/rebound",
                "http://[::ffff:127.0.0.1]:" + receiver.port() + "/rebound",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/latest/meta-data/",
                "http://100.100.100.200/latest/meta-data/",
                "http://10.1.2.3/x",
                "http://192.168.1.1/x",
                "http://0.0.0.0:" + receiver.port() + "/rebound")) {
            assertThat(sender.send(url, Map.of(), BODY).outcome()).as(url).isEqualTo(AttemptOutcome.REFUSED);
        }
        assertThat(receiver.received("/rebound")).isEmpty();
        assertThat(sender.send("http://nowhere.test/x", Map.of(), BODY).outcome())
                .isEqualTo(AttemptOutcome.UNREACHABLE);
        sender.close();
    }

    @Test
    void a_redirect_is_not_followed_and_a_long_answer_is_cut() {
        var sender = new HttpWebhookSender(AddressPolicy.ANY, Resolver.SYSTEM, null);
        receiver.answer("/moved", r -> 302);
        var moved = sender.send(receiver.url("/moved"), Map.of(), BODY);
        assertThat(moved.outcome()).isEqualTo(AttemptOutcome.REJECTED);
        assertThat(moved.status()).isEqualTo(302);
        assertThat(receiver.received("/moved")).hasSize(1);

        receiver.answer("/limited", r -> 429);
        var limited = sender.send(receiver.url("/limited"), Map.of(), BODY);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.response()).isEqualTo("answer 429");
        sender.close();
    }

    @Test
    void retry_after_is_read_as_seconds_or_a_date() {
        assertThat(HttpWebhookSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpWebhookSender.retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpWebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .isEqualTo(Duration.ZERO);
        assertThat(HttpWebhookSender.retryAfter("soon")).isNull();
        assertThat(HttpWebhookSender.retryAfter(null)).isNull();
    }

    @Test
    void a_url_is_checked_when_a_subscription_is_made() {
        var strict = new WebhookEndpoints(
                AddressPolicy.PUBLIC_ONLY,
                table(Map.of("hooks.example", "93.184.215.14", "inside.example", "10.0.0.7")));
        strict.check("https://hooks.example/lightfast");
        assertThatThrownBy(() -> strict.check("https://inside.example/x"))
                .hasMessageContaining("10.0.0.7")
                .hasMessageContaining("private")
                .hasMessageContaining("LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE");
        assertThatThrownBy(() -> strict.check("http://169.254.169.254/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.check("https://typo.example/x")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> strict.check("file:///etc/passwd")).hasMessageContaining("http://");
        var open = new WebhookEndpoints(AddressPolicy.ANY, table(Map.of()));
        open.check("http://localhost:9000/x");
    }

    @Test
    void a_connections_api_base_is_checked_like_a_subscriptions_url() {
        var strict = new WebhookEndpoints(
                AddressPolicy.PUBLIC_ONLY,
                table(Map.of("api.github.example", "140.82.112.6", "ghe.inside.example", "192.168.1.20")));
        strict.checkApiBase("https://api.github.example");
        assertThatThrownBy(() -> strict.checkApiBase("https://ghe.inside.example/api/v3"))
                .isInstanceOf(dev.lightfast.core.InvalidInput.class)
                .hasMessageStartingWith("apiBase: ")
                .hasMessageContaining("192.168.1.20")
                .hasMessageContaining("tool calls go to public addresses only")
                .hasMessageContaining("LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE");
        assertThatThrownBy(() -> strict.checkApiBase("http://127.0.0.1:9")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.checkApiBase("http://169.254.169.254/latest"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.checkApiBase("ftp://api.github.example"))
                .hasMessageStartingWith("apiBase must be");
        // Emulators and enterprise hosts on this machine or network, when the operator allows them.
        new WebhookEndpoints(AddressPolicy.ANY, table(Map.of())).checkApiBase("http://127.0.0.1:9");
    }

    @Test
    void the_policy_refuses_every_special_range_and_allows_public_addresses() throws Exception {
        var policy = AddressPolicy.PUBLIC_ONLY;
        for (String refused : List.of(
                "127.0.0.1",
                "127.9.9.9",
                "0.0.0.0",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.100.100.200",
                "192.0.0.192",
                "198.18.0.1",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd00:ec2::254",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a00:1",
                "2002:a00:1::1",
                "ff02::1",
                "2001:db8::1")) {
            assertThat(policy.refusal(InetAddress.getByName(refused)))
                    .as(refused)
                    .isPresent();
        }
        for (String allowed : List.of(
                "93.184.215.14", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:93.184.215.14")) {
            assertThat(policy.refusal(InetAddress.getByName(allowed)))
                    .as(allowed)
                    .isEmpty();
        }
        assertThat(AddressPolicy.ANY.refusal(InetAddress.getByName("127.0.0.1")))
                .isEmpty();
    }
}
