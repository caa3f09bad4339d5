package dev.lightfast.store.copy;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What one tenant holds, summed up: how many of each record, and a SHA-256 over all of them in
 * their fixed order, every field included (API key hashes, connection secrets, delivery bodies byte
 * for byte, every field of every event with its seq). Two stores with equal digests hold the same
 * tenant.
 */
public record TenantDigest(
        TenantId tenant,
        boolean directoryEntry,
        int apiKeys,
        int connections,
        long deliveries,
        long events,
        long lastSeq,
        String sha256) {

    public static TenantDigest of(TenantRecords records, TenantId tenant) {
        var sum = new Sum();
        var t = records.tenant(tenant);
        sum.add("tenant").add(tenant.value());
        t.ifPresent(found -> sum.add(found.name()).add(found.createdAt()));
        var keys = records.apiKeys(tenant);
        for (var k : keys) {
            sum.add("key")
                    .add(k.keyId())
                    .add(k.tenant().value())
                    .add(k.secretHash())
                    .add(k.createdAt());
        }
        var connections = records.connections(tenant);
        for (var c : connections) {
            sum.add("connection")
                    .add(c.id())
                    .add(c.tenant().value())
                    .add(c.provider())
                    .add(c.secret())
                    .add(c.createdAt());
        }
        long[] deliveries = {0};
        records.deliveries(tenant, d -> {
            deliveries[0]++;
            sum.add("delivery")
                    .add(d.id())
                    .add(d.tenant().value())
                    .add(d.source())
                    .add(d.connectionId())
                    .add(d.deliveryKey())
                    .add(d.eventName())
                    .add(Json.MAPPER.writeValueAsString(new TreeMap<>(d.headers())))
                    .add(d.body())
                    .add(d.receivedAt());
        });
        long[] events = {0, 0};
        records.events(tenant, e -> {
            events[0]++;
            events[1] = e.seq();
            sum.add("event").add(e.tenant().value()).add(Json.MAPPER.writeValueAsString(e));
        });
        return new TenantDigest(
                tenant, t.isPresent(), keys.size(), connections.size(), deliveries[0], events[0], events[1], sum.hex());
    }

    /** One line for a person: the counts and the start of the hash. */
    public String summary() {
        return apiKeys + " API keys, " + connections + " connections, " + deliveries + " deliveries, " + events
                + " events (last seq " + lastSeq + "), sha256 " + sha256.substring(0, 16);
    }

    /** Length-prefixed fields, so that no two different sequences of fields hash alike. */
    private static final class Sum {
        private final MessageDigest sha;

        Sum() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }

        Sum add(String s) {
            return add(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        Sum add(Instant t) {
            return add(t == null ? null : t.toString());
        }

        Sum add(byte[] b) {
            int n = b == null ? -1 : b.length;
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            if (b != null) {
                sha.update(b);
            }
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
