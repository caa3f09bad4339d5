package dev.lightfast.bench.demo;

/**
 * Someone on the demo team, as each tool knows them. The same person carries a different name in
 * each tool on purpose: identity across tools has to be joined on evidence (a verified email, a
 * GitHub username on a commit), never on a display name.
 *
 * @param login GitHub login
 * @param githubId GitHub's numeric user id (also inside their noreply commit address)
 * @param name display name in GitHub, Linear, Slack and Sentry
 * @param email work address: Linear and Sentry accounts, and commits when {@code commitAs} says so
 * @param commitAs how their git client signs commits by default
 * @param slackId Slack member id
 * @param linearId Linear user id (a UUID)
 * @param sentryId Sentry user id
 */
record Person(
        String login,
        long githubId,
        String name,
        String email,
        CommitAuthor commitAs,
        String slackId,
        String linearId,
        String sentryId) {

    /** True for GitHub Apps (dependabot, github-actions): their logins end in {@code [bot]}. */
    boolean isBot() {
        return login.endsWith("[bot]");
    }

    /** GitHub's private commit address, {@code ID+login@users.noreply.github.com}. */
    String noreplyEmail() {
        return githubId + "+" + login + "@users.noreply.github.com";
    }

    /** The name Linear puts in URLs and mentions: the part of the work address before the @. */
    String handle() {
        return email.substring(0, email.indexOf('@'));
    }

    /**
     * The name, email and (when GitHub could match the email to an account) username a commit
     * carries. A commit from an address GitHub does not know has no username: then nothing but the
     * name ties it to a person, which is not enough.
     */
    record CommitAuthor(String name, String email, String username) {}
}
