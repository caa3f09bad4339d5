package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The deliveries of the story as the tools sent them. The story is told in time order, but one
 * step can make deliveries of several tools a few seconds apart, so they are put in the order they
 * were sent only when written; equal times keep the order in which the story made them.
 */
final class History {
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    Delivery add(Delivery delivery) {
        if (!ids.add(delivery.provider() + "/" + delivery.deliveryId())) {
            throw new IllegalStateException(
                    "two " + delivery.provider() + " deliveries with id " + delivery.deliveryId());
        }
        deliveries.add(delivery);
        return delivery;
    }

    /** In the order the tools sent them. */
    List<Delivery> ordered() {
        var sorted = new ArrayList<>(deliveries);
        sorted.sort(Comparator.comparing(Delivery::at)); // stable: equal times keep story order
        return sorted;
    }

    /** Deliveries matching a test, in the order sent. */
    List<Delivery> where(Predicate<Delivery> test) {
        return ordered().stream().filter(test).toList();
    }

    static Predicate<Delivery> between(Instant from, Instant to) {
        return d -> !d.at().isBefore(from) && d.at().isBefore(to);
    }
}
