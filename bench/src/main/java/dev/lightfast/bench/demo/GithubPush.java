package dev.lightfast.bench.demo;

import java.util.List;

/** A push delivery and the commits in it. */
record GithubPush(Delivery delivery, List<GitCommit> commits) {

    /** The push event itself. */
    EvalQuestion.Expected expected() {
        return delivery.expected();
    }

    /** The event of one commit inside the push. */
    EvalQuestion.Expected commit(GitCommit commit) {
        if (!commits.contains(commit)) {
            throw new IllegalArgumentException(commit.shortSha() + " is not in this push");
        }
        return new EvalQuestion.Expected("github", delivery.deliveryId(), "github.commit.pushed", commit.sha());
    }

    EvalQuestion.Expected onlyCommit() {
        return commit(commits.getLast());
    }
}
