/** Vercel's projects and deployments, and instant rollback. */
package dev.lightfast.emulators.vercel;
