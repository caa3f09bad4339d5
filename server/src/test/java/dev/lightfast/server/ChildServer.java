package dev.lightfast.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CrashChild} server in a JVM of its own, on the test's class path, for tests that kill a
 * server with SIGKILL. Its output is drained as it comes; the last lines are kept to explain a
 * start that fails.
 */
final class ChildServer implements AutoCloseable {
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final int port;
    private final ArrayDeque<String> lastLines;
    private final java.util.concurrent.atomic.AtomicBoolean outOfMemory;

    private ChildServer(
            Process process,
            int port,
            ArrayDeque<String> lastLines,
            java.util.concurrent.atomic.AtomicBoolean outOfMemory) {
        this.process = process;
        this.port = port;
        this.lastLines = lastLines;
        this.outOfMemory = outOfMemory;
    }

    /** Whether the child ever wrote of an OutOfMemoryError. */
    boolean ranOutOfMemory() {
        return outOfMemory.get();
    }

    /**
     * Starts a server on {@code dataDir} (and PostgreSQL when {@code postgresUrl} is not null) and
     * waits until it serves, at most {@code timeout}.
     */
    static ChildServer start(Path dataDir, String postgresUrl, Duration timeout) {
        return start(dataDir, postgresUrl, timeout, List.of());
    }

    /** As {@link #start(Path, String, Duration)}, with more JVM options (a smaller heap). */
    static ChildServer start(Path dataDir, String postgresUrl, Duration timeout, List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 only: a child starts in about two thirds of the time on a small, busy machine, and
        // these tests measure nothing. The embedding model is native code either way.
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dataDir.toString()));
        if (postgresUrl != null) {
            command.add(postgresUrl);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting a child server", e);
        }
        var port = new CompletableFuture<Integer>();
        var lastLines = new ArrayDeque<String>();
        var outOfMemory = new java.util.concurrent.atomic.AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try (var out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!port.isDone() && line.startsWith("PORT ")) {
                        port.complete(Integer.parseInt(line.substring(5).strip()));
                    }
                    if (line.contains("OutOfMemoryError")) {
                        outOfMemory.set(true);
                    }
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException | RuntimeException closed) {
                // the process is gone
            }
            port.completeExceptionally(new IllegalStateException("the child server's output ended"));
        });
        try {
            return new ChildServer(
                    process, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS), lastLines, outOfMemory);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String output;
            synchronized (lastLines) {
                output = String.join("\n", lastLines);
            }
            throw new IllegalStateException(
                    "child server on " + dataDir + " did not start within " + timeout + "; its last output:\n" + output,
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines the child wrote (its log goes to its output). */
    String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
