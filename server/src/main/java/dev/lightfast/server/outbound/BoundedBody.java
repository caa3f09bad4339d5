package dev.lightfast.server.outbound;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an endpoint's answer without trusting its size: keeps the first {@code keep} bytes as the
 * attempt's snippet, drains the rest up to {@code readAtMost} so that the connection can be used
 * again, and beyond that stops reading (the connection is then dropped).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    private final int keep;
    private final long readAtMost;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long seen;
    private Flow.Subscription subscription;

    BoundedBody(int keep, long readAtMost) {
        this.keep = keep;
        this.readAtMost = readAtMost;
    }

    static HttpResponse.BodyHandler<String> handler(int keep, long readAtMost) {
        return info -> new BoundedBody(keep, readAtMost);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = b.remaining();
            int take = (int) Math.min(n, Math.max(0, keep - kept.size()));
            if (take > 0) {
                byte[] bytes = new byte[take];
                b.get(bytes);
                kept.writeBytes(bytes);
            }
            seen += n;
        }
        if (seen > readAtMost) {
            subscription.cancel();
            complete();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        if (!result.isDone()) {
            result.completeExceptionally(t);
        }
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8));
    }
}
