package dev.lightfast.bench.ingest;

import dev.lightfast.cli.demo.RecordedDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub delivery body of the demo's team history (real payload shapes, every event kind the demo
 * has), made one of a kind per delivery: an identical body on a connection is a replay, answered
 * as a duplicate without storing, so every bench delivery must differ from every other.
 */
public record BenchPayload(String event, byte[] body) {

    /** The GitHub deliveries of the bundled history. */
    public static List<BenchPayload> github() throws IOException {
        var list = new ArrayList<BenchPayload>();
        for (RecordedDelivery d : RecordedDelivery.bundled()) {
            if (d.provider().equals("github")) {
                list.add(new BenchPayload(d.headers().get("X-GitHub-Event"), d.bodyBytes()));
            }
        }
        return list;
    }

    /** The body with a field naming the delivery first in its object: unique, and still GitHub's shape. */
    public byte[] numbered(String delivery) {
        byte[] field = ("{\"lightfast_bench\":\"" + delivery + "\",").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[field.length + body.length - 1];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(body, 1, out, field.length, body.length - 1);
        return out;
    }
}
