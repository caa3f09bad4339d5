package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull request of the story, its state as GitHub would report it at the current step, and the
 * deliveries that made it, which the evaluation questions point at.
 */
final class GithubPullRequest {
    final GithubRepo repo;
    final int number;
    final long id;
    final String title;
    final String body;
    final Person author;
    final String branch;
    final Instant createdAt;
    final List<String> labels = new ArrayList<>();
    final List<Person> requestedReviewers = new ArrayList<>();
    final List<GitCommit> commits = new ArrayList<>();
    boolean draft;
    String baseSha;
    Instant updatedAt;
    Instant closedAt;
    String mergeSha;
    Person mergedBy;
    int commentCount;
    int reviewCommentCount;
    int additions;
    int deletions;
    int changedFiles;

    Delivery opened;
    Delivery merged;
    final List<Delivery> reviews = new ArrayList<>();
    final List<Delivery> reviewComments = new ArrayList<>();
    /** The push to main that the squash merge made; its single commit is {@link #mergeSha}. */
    GithubPush mergePush;

    GithubPullRequest(
            GithubRepo repo,
            int number,
            long id,
            String title,
            String body,
            Person author,
            String branch,
            Instant createdAt) {
        this.repo = repo;
        this.number = number;
        this.id = id;
        this.title = title;
        this.body = body;
        this.author = author;
        this.branch = branch;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String htmlUrl() {
        return repo.htmlUrl() + "/pull/" + number;
    }

    String headSha() {
        return commits.isEmpty() ? baseSha : commits.getLast().sha();
    }

    boolean isMerged() {
        return mergeSha != null;
    }

    /** "dashboard#97". */
    String ref() {
        return repo.name() + "#" + number;
    }
}
