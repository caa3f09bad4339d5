package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A Linear issue of the story and its state at the current step. */
final class LinearIssue {
    final String id;
    final int number;
    final String title;
    final String description;
    final int priority;
    final Person creator;
    final Instant createdAt;
    final List<String> labels = new ArrayList<>();
    final String project;
    final int cycle;
    Person assignee;
    String state;
    Instant updatedAt;
    Instant startedAt;
    Instant completedAt;
    Delivery created;
    /** Each state change, in order. */
    final List<Delivery> stateChanges = new ArrayList<>();

    final List<Delivery> comments = new ArrayList<>();

    LinearIssue(
            String id,
            int number,
            String title,
            String description,
            int priority,
            Person creator,
            Instant createdAt,
            String project,
            int cycle,
            String state) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.description = description;
        this.priority = priority;
        this.creator = creator;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.project = project;
        this.cycle = cycle;
        this.state = state;
    }

    /** "ENG-123". */
    String key() {
        return LinearDeliveries.TEAM_KEY + "-" + number;
    }

    String url() {
        return "https://linear.app/" + Team.ORG + "/issue/" + key() + "/" + slug(title);
    }

    /** The branch name Linear suggests for the issue: {@code eng-123-<title words>}. */
    String branchName() {
        String slug = slug(title);
        return (key().toLowerCase() + "-" + slug).replaceAll("-+$", "");
    }

    /** The delivery that moved it into a state. */
    Delivery movedTo(String to) {
        for (Delivery d : stateChanges) {
            if (d.body().path("data").path("state").path("name").stringValue().equals(to)) {
                return d;
            }
        }
        throw new IllegalArgumentException(key() + " never moved to " + to);
    }

    static String slug(String title) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-[^-]*$", "");
        }
        return slug;
    }
}
