package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An issue of the story and its state as GitHub would report it at the current step. */
final class GithubIssue {
    final GithubRepo repo;
    final int number;
    final long id;
    final String title;
    final String body;
    final Person author;
    final Instant createdAt;
    final List<String> labels = new ArrayList<>();
    final List<Person> assignees = new ArrayList<>();
    Instant updatedAt;
    Instant closedAt;
    int commentCount;
    Delivery opened;
    Delivery closed;

    GithubIssue(GithubRepo repo, int number, long id, String title, String body, Person author, Instant createdAt) {
        this.repo = repo;
        this.number = number;
        this.id = id;
        this.title = title;
        this.body = body;
        this.author = author;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String htmlUrl() {
        return repo.htmlUrl() + "/issues/" + number;
    }

    /** "payments-api#212": how the team refers to it across repositories. */
    String ref() {
        return repo.name() + "#" + number;
    }
}
