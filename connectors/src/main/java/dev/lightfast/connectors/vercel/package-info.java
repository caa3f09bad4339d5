/**
 * Vercel webhooks: {@code x-vercel-signature} (HMAC-SHA1), deployment events as {@code
 * vercel.deployment.*} keyed by Vercel's event id, each naming the commit ({@code git:<sha>}),
 * branch, pull request and repository (GitHub's keys) the deployment was built from.
 */
package dev.lightfast.connectors.vercel;
