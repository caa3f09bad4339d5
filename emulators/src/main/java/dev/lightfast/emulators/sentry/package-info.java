/** Sentry's issue API subset (update: assign, resolve; notes) and its integration webhooks. */
package dev.lightfast.emulators.sentry;
