package dev.lightfast.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lightfast.core.subscription.AttemptOutcome;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the sender connects to the IP it checked, yet the server is asked for
 * the URL's name (SNI) and its certificate must be for that name. A certificate for another name is
 * refused even though the address is the same.
 */
class HttpsPinningTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void tls_goes_to_the_checked_address_and_still_checks_the_certificate_against_the_name() throws Exception {
        Path store = dir.resolve("server.p12");
        var keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        new String(PASSWORD),
                        "-alias",
                        "hooks",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=hooks.test",
                        "-ext",
                        "SAN=dns:hooks.test",
                        "-validity",
                        "2")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(store.toFile())) {
            keys.load(in, PASSWORD);
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        var serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);

        var server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        var host = new AtomicReference<String>();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Resolver table = name -> {
                if (name.equals("hooks.test") || name.equals("other.test")) {
                    return List.of(InetAddress.getByName("127.0.0.1"));
                }
                throw new UnknownHostException(name);
            };
            var sender = new HttpWebhookSender(AddressPolicy.ANY, table, tmf.getTrustManagers());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

            var ok = sender.send("https://hooks.test:" + port + "/in", Map.of(), body);
            assertThat(ok.outcome()).as(String.valueOf(ok.error())).isEqualTo(AttemptOutcome.DELIVERED);
            assertThat(host.get()).isEqualTo("hooks.test:" + port);

            // The same address under another name: no session is resumed across names, the certificate is checked.
            var wrongName = sender.send("https://other.test:" + port + "/in", Map.of(), body);
            assertThat(wrongName.outcome()).isEqualTo(AttemptOutcome.UNREACHABLE);
            assertThat(wrongName.error()).containsIgnoringCase("ssl");
            sender.close();
        } finally {
            server.stop(0);
        }
    }
}
