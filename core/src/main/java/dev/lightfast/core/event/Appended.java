package dev.lightfast.core.event;

import java.util.List;

/**
 * The outcome of appending one delivery: its stored id and events, or, for a redelivery, the ones
 * stored the first time ({@code duplicate} is then true and nothing new was written).
 */
public record Appended(String deliveryId, boolean duplicate, List<Event> events) {}
