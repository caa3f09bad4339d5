package dev.lightfast.bench.demo;

import dev.lightfast.bench.demo.Person.CommitAuthor;
import java.time.Instant;
import java.util.List;

/**
 * A commit as a push delivery describes it.
 *
 * @param files the paths it touched: the first {@code added} of them are new, the rest modified
 */
record GitCommit(
        String sha,
        String message,
        CommitAuthor author,
        CommitAuthor committer,
        Instant at,
        List<String> files,
        int added) {

    String firstLine() {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    String shortSha() {
        return sha.substring(0, 7);
    }
}
