package dev.lightfast.cli;

import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A data directory holding the bundled demo history, made once per test JVM by running {@code
 * lightfast demo --exit} itself (whatever history the demo bundles), with the API key it printed.
 */
final class DemoHistory {
    static final TenantId TENANT = TenantId.of("demo");
    private static final Pattern API_KEY = Pattern.compile("\\blf_[A-Za-z0-9_-]+");
    private static DemoHistory prepared;

    final Path dataDir;
    final String apiKey;
    /** How many events the demo's log holds. */
    final int events;

    private DemoHistory(Path dataDir, String apiKey, int events) {
        this.dataDir = dataDir;
        this.apiKey = apiKey;
        this.events = events;
    }

    static synchronized DemoHistory prepared() {
        if (prepared == null) {
            prepared = replay();
        }
        return prepared;
    }

    private static DemoHistory replay() {
        try {
            Path root = Files.createTempDirectory("lightfast-mcp-demo-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Path data = root.resolve("data");
            var printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            int exit;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run("demo", "--port", "0", "--data", data.toString(), "--exit");
            } finally {
                System.setOut(stdout);
            }
            String output = printed.toString(StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException("lightfast demo exited " + exit + ":\n" + output);
            }
            var key = API_KEY.matcher(output);
            if (!key.find()) {
                throw new IllegalStateException("lightfast demo printed no API key:\n" + output);
            }
            int events;
            try (var storage = SqliteStorage.open(data)) {
                // Each event takes the next seq of the tenant's log, so the last seq is the count.
                events = Math.toIntExact(storage.eventLog().lastSeq(TENANT));
            }
            return new DemoHistory(data, key.group(), events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server on a free port over a copy of the demo data, for a test that adds to the log (acting
     * on tools) without changing what the other tests read.
     */
    Lightfast serveCopy() {
        try {
            Path root = Files.createTempDirectory("lightfast-demo-copy-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Path copy = root.resolve("data");
            synchronized (DemoHistory.class) {
                try (var paths = Files.walk(dataDir)) {
                    for (Path from : paths.toList()) {
                        Path to = copy.resolve(dataDir.relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else if (!from.getFileName().toString().equals("lightfast.lock")) {
                            Files.copy(from, to);
                        }
                    }
                }
            }
            // Tools' emulators listen on this machine: the operator allows loopback API bases here.
            var lightfast =
                    Lightfast.start(new ServerConfig("127.0.0.1", 0, copy, null, null).withWebhooksAllowPrivate(true));
            if (!lightfast.projections().awaitCaughtUp(TENANT, Duration.ofSeconds(120))) {
                lightfast.close();
                throw new IllegalStateException("projections did not catch up with the demo history");
            }
            return lightfast;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a free port over the demo data, with the graph and index caught up with the log. */
    Lightfast serve() {
        var lightfast = start();
        if (!lightfast.projections().awaitCaughtUp(TENANT, Duration.ofSeconds(120))) {
            lightfast.close();
            throw new IllegalStateException("projections did not catch up with the demo history");
        }
        return lightfast;
    }

    /**
     * Starts once a previous test's {@code lightfast mcp} child has let go of the directory: a client
     * closing a stdio server does not wait for the process to end.
     */
    private Lightfast start() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return Lightfast.start(new ServerConfig("127.0.0.1", 0, dataDir, null, null));
            } catch (IllegalStateException inUse) {
                if (!String.valueOf(inUse.getMessage()).contains("in use") || System.nanoTime() > deadline) {
                    throw inUse;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    /** The command line that starts {@code lightfast mcp} over stdio on the demo data, as a child process. */
    List<String> stdioCommand() {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(
                javaBin,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "mcp",
                "--data",
                dataDir.toString());
    }

    private static void delete(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }
}
