/**
 * In-process HTTP fakes of the tools Lightfast acts on, for tests only: each keeps state,
 * validates requests as the tool does, counts calls per {@code Idempotency-Key}, fails on demand
 * ({@link dev.lightfast.emulators.Switches}) and sends the tool's signed webhooks back.
 */
package dev.lightfast.emulators;
