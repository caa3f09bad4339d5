package dev.lightfast.emulators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API call an emulator received, and per {@code Idempotency-Key} how many arrived and how
 * many took effect (a 2xx answer to anything but a read): "exactly once" is {@code applied(key) == 1}.
 */
public final class CallLog {
    /** One call as received. {@code failure} names the switch that failed it, else null. */
    public record Call(String method, String path, String idempotencyKey, int status, String failure) {}

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Integer> received = new LinkedHashMap<>();
    private final Map<String, Integer> applied = new LinkedHashMap<>();

    synchronized void record(Call call, boolean tookEffect) {
        calls.add(call);
        if (call.idempotencyKey() != null) {
            received.merge(call.idempotencyKey(), 1, Integer::sum);
            if (tookEffect) {
                applied.merge(call.idempotencyKey(), 1, Integer::sum);
            }
        }
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    public synchronized int received(String idempotencyKey) {
        return received.getOrDefault(idempotencyKey, 0);
    }

    public synchronized int applied(String idempotencyKey) {
        return applied.getOrDefault(idempotencyKey, 0);
    }

    public synchronized Map<String, Integer> receivedByKey() {
        return Map.copyOf(received);
    }

    public synchronized Map<String, Integer> appliedByKey() {
        return Map.copyOf(applied);
    }

    synchronized void clear() {
        calls.clear();
        received.clear();
        applied.clear();
    }
}
