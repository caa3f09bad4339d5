package dev.lightfast.server.mcp;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP over stdio for one tenant: newline-delimited JSON-RPC on the given streams until the client
 * closes its end. Two things are done here rather than left to the SDK's stdio transport: a line
 * that is not JSON-RPC gets a JSON-RPC error (the SDK's reader would stop reading at it, leaving the
 * client hanging), and when the client closes its end after sending requests, their answers are
 * written before the session ends (the SDK drops whatever is unanswered at end of input).
 */
public final class McpStdio {
    /** How long answers to requests already sent may take once the client has closed its end. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private McpStdio() {}

    /** Serves until {@code in} ends; {@code out} must carry nothing but protocol. */
    public static void serve(Engine engine, TenantId tenant, InputStream in, OutputStream out) {
        var unanswered = new Unanswered();
        var protocolOut = new AnswerCounting(out, unanswered);
        try (var toSdk = new PipedOutputStream();
                var sdkIn = new PipedInputStream(toSdk, 1 << 16)) {
            var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), sdkIn, protocolOut);
            var server = LightfastMcpServer.stdio(transport, engine, tenant);
            try {
                forwardProtocolLines(in, toSdk, protocolOut, unanswered);
                unanswered.awaitNone(DRAIN);
            } finally {
                toSdk.close(); // the SDK's reader sees the end too
                server.closeGracefully();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("MCP stdio failed", e);
        }
    }

    private static void forwardProtocolLines(
            InputStream in, OutputStream toSdk, OutputStream out, Unanswered unanswered) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = parse(line);
            if (message == null) {
                reply(out, -32700, "Parse error: the line is not JSON");
            } else if (!isJsonRpc(message)) {
                reply(out, -32600, "Invalid Request: expected a JSON-RPC 2.0 request, notification or response");
            } else {
                if (message.has("method") && message.has("id")) {
                    unanswered.sent();
                }
                toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toSdk.flush();
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isJsonRpc(JsonNode node) {
        return node.isObject()
                && "2.0".equals(node.path("jsonrpc").asString(""))
                && (node.has("method") || node.has("result") || node.has("error"));
    }

    private static void reply(OutputStream out, int code, String message) throws IOException {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.putNull("id"); // JSON-RPC: the id could not be read
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        byte[] bytes = (Json.MAPPER.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8);
        // The SDK writes each message holding the stream's monitor; so do we, so lines never interleave.
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Requests sent to the server and not yet answered. */
    private static final class Unanswered {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long count;

        void sent() {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }

        void answered() {
            lock.lock();
            try {
                count = Math.max(0, count - 1);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void awaitNone(Duration timeout) {
            long left = timeout.toNanos();
            lock.lock();
            try {
                while (count > 0 && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Passes the protocol through, noting each response (a message with an id and a result or error). */
    private static final class AnswerCounting extends OutputStream {
        private final OutputStream out;
        private final Unanswered unanswered;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        AnswerCounting(OutputStream out, Unanswered unanswered) {
            this.out = out;
            this.unanswered = unanswered;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    noteLine();
                } else {
                    line.write(b[i]);
                }
            }
        }

        private void noteLine() {
            JsonNode message = parse(line.toString(StandardCharsets.UTF_8));
            line.reset();
            if (message != null
                    && message.has("id")
                    && !message.get("id").isNull()
                    && (message.has("result") || message.has("error"))) {
                unanswered.answered();
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
