/**
 * Backfill: a connection's history read through the tool's API, page by page from a durable cursor,
 * turned into the same events its webhooks make and appended beside them without duplicates.
 */
package dev.lightfast.core.backfill;
