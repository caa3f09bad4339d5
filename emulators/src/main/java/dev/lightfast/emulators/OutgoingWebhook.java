package dev.lightfast.emulators;

import java.util.Map;

/** A webhook a change sends, signed already: {@code event} names it for tests ("issue_comment.created"). */
public record OutgoingWebhook(String event, Map<String, String> headers, byte[] body) {}
