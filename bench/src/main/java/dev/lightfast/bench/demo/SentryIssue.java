package dev.lightfast.bench.demo;

import java.time.Instant;

/** A Sentry issue (a group of error events) of the story and its state at the current step. */
final class SentryIssue {
    final SentryDeliveries.Project project;
    final String id;
    final String shortId;
    final String title;
    final String culprit;
    final String errorType;
    final String errorValue;
    final String filename;
    final String function;
    final Instant firstSeen;
    Instant lastSeen;
    int count;
    int userCount;
    String status = "unresolved";
    Person assignee;
    Delivery created;
    Delivery alert;
    Delivery resolved;

    SentryIssue(
            SentryDeliveries.Project project,
            String id,
            String shortId,
            String title,
            String culprit,
            String errorType,
            String errorValue,
            String filename,
            String function,
            Instant firstSeen) {
        this.project = project;
        this.id = id;
        this.shortId = shortId;
        this.title = title;
        this.culprit = culprit;
        this.errorType = errorType;
        this.errorValue = errorValue;
        this.filename = filename;
        this.function = function;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
    }

    String webUrl() {
        return "https://" + Team.ORG + ".sentry.io/issues/" + id + "/";
    }
}
