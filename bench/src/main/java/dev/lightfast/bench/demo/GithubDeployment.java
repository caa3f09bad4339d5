package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A GitHub deployment of a commit to an environment, and the deliveries about it. */
final class GithubDeployment {
    final GithubRepo repo;
    final long id;
    final String environment;
    final String ref;
    final String sha;
    final String description;
    final Person creator;
    final Instant createdAt;
    Delivery created;
    final List<Delivery> statuses = new ArrayList<>();

    GithubDeployment(
            GithubRepo repo,
            long id,
            String environment,
            String ref,
            String sha,
            String description,
            Person creator,
            Instant createdAt) {
        this.repo = repo;
        this.id = id;
        this.environment = environment;
        this.ref = ref;
        this.sha = sha;
        this.description = description;
        this.creator = creator;
        this.createdAt = createdAt;
    }

    /** The status that ended it (success, failure or error). */
    Delivery outcome() {
        return statuses.getLast();
    }
}
