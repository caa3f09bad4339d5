package dev.lightfast.server.webhooks;

import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.server.http.ApiError;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads webhook bodies, which anyone may send before anything is known about them, within one
 * budget of bytes held in memory across all requests at once. A body is read only after its URL
 * named a real connection and its headers carried the tool's signature; its bytes are reserved
 * before they are read, and a request that would go over the budget waits a moment, then gets 503
 * with {@code Retry-After} (every tool retries that). Each body is fed to its signature and to a
 * SHA-256 digest (which the log keeps to catch replays) as it arrives, while its bytes are in the
 * CPU's cache, so neither needs a second pass.
 */
public final class WebhookBodies {
    /** Two of the largest deliveries at once, and any number of ordinary ones. */
    public static final int DEFAULT_BUDGET = 64 * 1024 * 1024;

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final String RETRY_AFTER_SECONDS = "2";
    private static final int CHUNK = 64 * 1024;
    /** How much of a refused body is read to be able to answer; beyond it the connection is dropped. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private final int budget;
    private final Semaphore free;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public WebhookBodies(int budget) {
        this.budget = budget;
        this.free = new Semaphore(budget);
    }

    /** A body in memory and the budget it holds until closed. */
    public final class Body implements AutoCloseable {
        private final byte[] bytes;
        private final byte[] sha256;
        private int reserved;

        private Body(byte[] bytes, byte[] sha256, int reserved) {
            this.bytes = bytes;
            this.sha256 = sha256;
            this.reserved = reserved;
        }

        public byte[] bytes() {
            return bytes;
        }

        /** The SHA-256 of {@link #bytes}, computed as they arrived. */
        public byte[] sha256() {
            return sha256;
        }

        @Override
        public void close() {
            release(reserved);
            reserved = 0;
        }
    }

    /** Bytes of bodies held right now. */
    public long held() {
        return held.get();
    }

    /** The most bytes of bodies ever held at once. */
    public long peak() {
        return peak.get();
    }

    /**
     * @param max the largest body taken; a larger one is 413
     * @param signature fed every byte as it arrives
     * @throws ApiError 413 over {@code max}, 503 when the budget stays full, 400 when the body cannot be read
     */
    /**
     * @param declared the request's Content-Length, or -1 when it has none (chunked)
     * @param in the request's body, closed here
     * @param max the largest body taken; a larger one is 413
     * @param signature fed every byte as it arrives
     * @throws ApiError 413 over {@code max}, 503 (with Retry-After) when the budget stays full, 400
     *     when the body cannot be read
     */
    public Body read(long declared, InputStream body, int max, BodySignature signature) {
        try (InputStream in = body) {
            if (declared > max) {
                drain(in);
                throw ApiError.tooLarge("request body is " + declared + " bytes; the limit is " + max);
            }
            var digest = sha256();
            return declared >= 0
                    ? readDeclared(in, (int) declared, signature, digest)
                    : readChunked(in, max, signature, digest);
        } catch (IOException e) {
            throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** {@link #read(long, InputStream, int, BodySignature)} of a request served by the router. */
    public Body read(Context ctx, int max, BodySignature signature) {
        try {
            return read(ctx.req().getContentLengthLong(), ctx.req().getInputStream(), max, signature);
        } catch (IOException e) {
            throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private Body readDeclared(InputStream in, int length, BodySignature signature, MessageDigest digest)
            throws IOException {
        reserve(length);
        try {
            byte[] body = new byte[length];
            int at = 0;
            while (at < length) {
                int n = in.read(body, at, Math.min(CHUNK, length - at));
                if (n < 0) {
                    throw ApiError.badRequest("the request body ended after " + at + " of the " + length
                            + " bytes its Content-Length announced");
                }
                signature.update(body, at, n);
                digest.update(body, at, n);
                at += n;
            }
            return new Body(body, digest.digest(), length);
        } catch (IOException | RuntimeException e) {
            release(length);
            throw e;
        }
    }

    private Body readChunked(InputStream in, int max, BodySignature signature, MessageDigest digest)
            throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        int total = 0;
        int reserved = 0;
        try {
            while (true) {
                reserve(CHUNK);
                reserved += CHUNK;
                byte[] chunk = in.readNBytes(CHUNK);
                if (chunk.length > 0) {
                    if (total + (long) chunk.length > max) {
                        drain(in);
                        throw ApiError.tooLarge("request body is over the limit of " + max + " bytes");
                    }
                    signature.update(chunk, 0, chunk.length);
                    digest.update(chunk, 0, chunk.length);
                    chunks.add(chunk);
                    total += chunk.length;
                }
                if (chunk.length < CHUNK) {
                    break;
                }
            }
            // The chunks become one array: held twice for a moment, and reserved so.
            reserve(total);
            reserved += total;
            byte[] body = new byte[total];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, body, at, chunk.length);
                at += chunk.length;
            }
            release(reserved - total);
            return new Body(body, digest.digest(), total);
        } catch (IOException | RuntimeException e) {
            release(reserved);
            throw e;
        }
    }

    private void reserve(int bytes) {
        if (bytes == 0) {
            return;
        }
        boolean got;
        try {
            got = bytes <= budget && free.tryAcquire(bytes, WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new ApiError(
                    503,
                    "busy",
                    "this server is reading as many webhook bodies as it holds at once; retry in " + RETRY_AFTER_SECONDS
                            + " seconds",
                    RETRY_AFTER_SECONDS);
        }
        long now = held.addAndGet(bytes);
        peak.accumulateAndGet(now, Math::max);
    }

    private void release(int bytes) {
        if (bytes > 0) {
            held.addAndGet(-bytes);
            free.release(bytes);
        }
    }

    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] sink = new byte[CHUNK];
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }
}
