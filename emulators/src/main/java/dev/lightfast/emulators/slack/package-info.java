/** Slack's Web API subset ({@code chat.postMessage}, {@code chat.getPermalink}, {@code conversations.*}) and its Events API messages. */
package dev.lightfast.emulators.slack;
