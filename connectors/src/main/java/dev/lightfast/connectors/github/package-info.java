/**
 * GitHub webhooks: the signature check, the delivery format, and one small normalizer per event
 * family that maps a payload onto canonical {@code github.*} events. Anything this package does not
 * recognise still becomes one raw event, so a delivery is never dropped because GitHub added a
 * field or an event.
 */
package dev.lightfast.connectors.github;
