package dev.lightfast.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code lightfast serve} in a process of its own, started from this JVM's own classpath and
 * options, optionally pinned to a core: the server whose CPU time the bench reads.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param cpu the core to pin it to, or null
     * @param serveArgs what follows {@code serve} besides the host and port
     * @param javaOptions JVM options besides this JVM's own (e.g. a flight recording)
     */
    public static ServerProcess start(
            String cpu, List<String> serveArgs, List<String> javaOptions, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        var command = new ArrayList<String>(Affinity.pinned(cpu));
        command.addAll(java(javaOptions, true));
        command.add("dev.lightfast.cli.Main");
        command.add("serve");
        command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port)));
        command.addAll(serveArgs);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        var server = new ServerProcess(builder.start(), port, log);
        server.awaitHealthy();
        return server;
    }

    /** {@code java} with this JVM's options and classpath, ready for a main class. */
    static List<String> java(List<String> extraOptions, boolean keepIncubatorModules) {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (keepIncubatorModules || !option.contains("jdk.incubator")) {
                command.add(option);
            }
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                var r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "the server did not answer /healthz within 3 minutes:\n" + Files.readString(log));
    }

    /** Stops it as an operator would (SIGTERM: requests in flight finish, the log is closed). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
