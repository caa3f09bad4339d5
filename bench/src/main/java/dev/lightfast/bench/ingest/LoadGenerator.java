package dev.lightfast.bench.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load of {@code bench ingest}, in a process of its own so that the server's CPU time is the
 * server's alone (and pinned to another core than the server's). Each client thread keeps one
 * HTTP/1.1 connection and sends signed GitHub deliveries on it, each body one of a kind, as plain
 * bytes on a socket: a lean client leaves the generator's core room to keep the server busy.
 *
 * <p>It talks to the bench over its standard streams: after the warm-up it prints {@code warm} and
 * waits for a line on standard input (the bench reads the server's CPU time then), sends the
 * measured deliveries, and prints {@code done} with the figures as {@code key=value} pairs.
 */
@Command(name = "ingest-load", description = "Sends signed GitHub deliveries (used by bench ingest).")
public final class LoadGenerator implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "a webhook URL; repeat for several (round-robin)")
    List<String> urls;

    @Option(names = "--secret", required = true)
    String secret;

    @Option(names = "--clients", defaultValue = "16")
    int clients;

    @Option(names = "--warmup", defaultValue = "10000")
    int warmup;

    @Option(names = "--deliveries", defaultValue = "50000")
    int deliveries;

    @Option(names = "--run", required = true, description = "a run id, part of every delivery id")
    String run;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var payloads = BenchPayload.github();
        var targets = urls.stream().map(URI::create).toList();
        var warm = new Phase("w", warmup);
        var measured = new Phase("m", deliveries);
        var warmed = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var failures = new ArrayList<Throwable>();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                try (var client = new Client(targets, secret, payloads)) {
                    client.send(warm);
                    warmed.countDown();
                    go.await();
                    client.send(measured);
                } catch (Exception | AssertionError e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    warmed.countDown();
                }
            }));
        }
        warmed.await();
        System.out.println("warm");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        long start = System.nanoTime();
        go.countDown();
        for (var t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            System.out.println("failed " + failures.getFirst());
            return 1;
        }
        var h = measured.latencies.getIntervalHistogram();
        System.out.printf(
                Locale.ROOT,
                "done deliveries=%d seconds=%.3f events=%d rejected=%d p50=%d p90=%d p99=%d p999=%d max=%d last=%s%n",
                deliveries,
                seconds,
                measured.events.get(),
                measured.rejected.get(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue(),
                measured.lastDelivery.get());
        System.out.flush();
        return measured.rejected.get() > 0 ? 1 : 0;
    }

    /** Deliveries shared out to the clients as they ask, numbered from 0. */
    static final class Phase {
        final String prefix;
        final int total;
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong events = new AtomicLong();
        final AtomicInteger rejected = new AtomicInteger();
        final Recorder latencies = new Recorder(3);
        final java.util.concurrent.atomic.AtomicReference<String> lastDelivery =
                new java.util.concurrent.atomic.AtomicReference<>("");

        Phase(String prefix, int total) {
            this.prefix = prefix;
            this.total = total;
        }
    }

    /** One keep-alive connection per target, one request at a time. */
    static final class Client implements AutoCloseable {
        private final List<URI> targets;
        private final List<BenchPayload> payloads;
        private final Mac mac;
        private final Socket[] sockets;
        private final OutputStream[] outs;
        private final InputStream[] ins;
        private final byte[] response = new byte[64 * 1024];

        Client(List<URI> targets, String secret, List<BenchPayload> payloads) throws IOException {
            this.targets = targets;
            this.payloads = payloads;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            sockets = new Socket[targets.size()];
            outs = new OutputStream[targets.size()];
            ins = new InputStream[targets.size()];
        }

        void send(Phase phase) throws IOException {
            int i;
            while ((i = phase.next.getAndIncrement()) < phase.total) {
                int t = i % targets.size();
                String id = phase.prefix + "-" + i;
                var p = payloads.get(i % payloads.size());
                byte[] body = p.numbered(id);
                String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                URI target = targets.get(t);
                byte[] head = ("POST " + target.getRawPath() + " HTTP/1.1\r\n"
                                + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                                + "User-Agent: GitHub-Hookshot/lightfast-bench\r\n"
                                + "Content-Type: application/json\r\n"
                                + "X-GitHub-Event: " + p.event() + "\r\n"
                                + "X-GitHub-Delivery: " + id + "\r\n"
                                + "X-Hub-Signature-256: " + signature + "\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                long t0 = System.nanoTime();
                var answer = exchange(t, head, body);
                phase.latencies.recordValue(System.nanoTime() - t0);
                if (answer.status() != 202) {
                    phase.rejected.incrementAndGet();
                    if (phase.rejected.get() <= 3) {
                        System.err.println(
                                "ingest-load: " + id + " answered " + answer.status() + ": " + answer.body());
                    }
                } else {
                    phase.events.addAndGet(answer.eventCount());
                    phase.lastDelivery.set(answer.deliveryId());
                }
            }
        }

        private Answer exchange(int t, byte[] head, byte[] body) throws IOException {
            for (int attempt = 0; ; attempt++) {
                if (sockets[t] == null) {
                    var uri = targets.get(t);
                    var s = new Socket(uri.getHost(), uri.getPort());
                    s.setTcpNoDelay(true);
                    sockets[t] = s;
                    outs[t] = s.getOutputStream();
                    ins[t] = new java.io.BufferedInputStream(s.getInputStream(), 16 * 1024);
                }
                try {
                    // One write, as a sender with the whole delivery in hand makes it: the server reads it
                    // in as few calls as its buffers allow.
                    byte[] request = new byte[head.length + body.length];
                    System.arraycopy(head, 0, request, 0, head.length);
                    System.arraycopy(body, 0, request, head.length, body.length);
                    outs[t].write(request);
                    outs[t].flush();
                    return read(t);
                } catch (IOException e) {
                    // A connection the server closed between requests: open a new one, once.
                    closeSocket(t);
                    if (attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        /** Reads one response: the status line, the headers, a body of Content-Length or in chunks. */
        private Answer read(int t) throws IOException {
            var in = ins[t];
            String status = line(in);
            if (status == null) {
                throw new IOException("the server closed the connection");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            int n = 0;
            if (chunked) {
                int size;
                while ((size = Integer.parseInt(line(in).strip(), 16)) > 0) {
                    n += in.readNBytes(response, n, size);
                    line(in);
                }
                line(in);
            } else if (length >= 0) {
                n = in.readNBytes(response, 0, length);
            }
            if (close) {
                closeSocket(t);
            }
            return new Answer(code, new String(response, 0, n, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            var sb = new StringBuilder(64);
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) b);
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        private void closeSocket(int t) {
            try {
                if (sockets[t] != null) {
                    sockets[t].close();
                }
            } catch (IOException ignored) {
                // closing a broken connection
            }
            sockets[t] = null;
        }

        @Override
        public void close() {
            for (int t = 0; t < sockets.length; t++) {
                closeSocket(t);
            }
        }
    }

    /** A response as far as the bench cares: status, its delivery and how many events it names. */
    record Answer(int status, String body) {
        int eventCount() {
            int at = body.indexOf("\"eventIds\":[");
            if (at < 0) {
                return 0;
            }
            int end = body.indexOf(']', at);
            int count = 0;
            for (int i = at; i < end; i++) {
                if (body.charAt(i) == '"') {
                    count++;
                }
            }
            return Math.max(0, (count - 2) / 2);
        }

        String deliveryId() {
            int at = body.indexOf("\"deliveryId\":\"");
            if (at < 0) {
                return "";
            }
            int from = at + "\"deliveryId\":\"".length();
            return body.substring(from, body.indexOf('"', from));
        }
    }
}
