package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A repository of the story and what GitHub knows about it at the current step: the head of each
 * branch, the issue and pull request numbers taken, the counts GitHub reports in every payload.
 */
final class GithubRepo {
    private final String name;
    private final long id;
    private final String description;
    private final String language;
    private final String homepage;
    private final Instant createdAt;
    private final Map<String, String> heads = new HashMap<>();
    private final Map<Integer, String> numbers = new HashMap<>();
    private Instant pushedAt;
    private Instant lastMainPush;
    private int openIssues;
    private long size;

    GithubRepo(
            String name,
            long id,
            String description,
            String language,
            String homepage,
            Instant createdAt,
            String mainHead,
            int openIssues,
            long size) {
        this.name = name;
        this.id = id;
        this.description = description;
        this.language = language;
        this.homepage = homepage;
        this.createdAt = createdAt;
        this.pushedAt = createdAt;
        this.lastMainPush = createdAt;
        this.openIssues = openIssues;
        this.size = size;
        heads.put("main", mainHead);
    }

    String name() {
        return name;
    }

    String fullName() {
        return Team.ORG + "/" + name;
    }

    long id() {
        return id;
    }

    String description() {
        return description;
    }

    String language() {
        return language;
    }

    String homepage() {
        return homepage;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant pushedAt() {
        return pushedAt;
    }

    int openIssues() {
        return openIssues;
    }

    long size() {
        return size;
    }

    String htmlUrl() {
        return "https://github.com/" + fullName();
    }

    String apiUrl() {
        return "https://api.github.com/repos/" + fullName();
    }

    /** The commit a branch points at now. */
    String head(String branch) {
        String sha = heads.get(branch);
        if (sha == null) {
            throw new IllegalStateException(fullName() + " has no branch " + branch);
        }
        return sha;
    }

    boolean hasBranch(String branch) {
        return heads.containsKey(branch);
    }

    void createBranch(String branch, String from) {
        if (heads.putIfAbsent(branch, head(from)) != null) {
            throw new IllegalStateException(fullName() + " already has a branch " + branch);
        }
    }

    void deleteBranch(String branch) {
        heads.remove(branch);
    }

    /**
     * Moves a branch to a pushed commit. Pushes to main must come in time order: the story is told
     * chronologically, and a push that went back in time would make {@code before} lie.
     */
    void moveBranch(String branch, String sha, Instant at) {
        head(branch);
        if (branch.equals("main")) {
            if (at.isBefore(lastMainPush)) {
                throw new IllegalStateException(
                        fullName() + ": push to main at " + at + " is before the last one at " + lastMainPush);
            }
            lastMainPush = at;
        }
        heads.put(branch, sha);
        pushedAt = at;
        size += 3;
    }

    /** Takes an issue or pull request number; they share one sequence per repository, as on GitHub. */
    void claim(int number, String what) {
        String earlier = numbers.putIfAbsent(number, what);
        if (earlier != null) {
            throw new IllegalStateException(fullName() + "#" + number + " is both " + earlier + " and " + what);
        }
    }

    void issueOpened() {
        openIssues++;
    }

    void issueClosed() {
        openIssues--;
    }
}
