/**
 * How much of a team's work Lightfast observes: each connection's deliveries and failures, and how
 * much of what arrives is linked to the work of another tool.
 */
package dev.lightfast.core.coverage;
