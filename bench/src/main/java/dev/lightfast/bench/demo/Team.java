package dev.lightfast.bench.demo;

import dev.lightfast.bench.demo.Person.CommitAuthor;
import java.util.List;

/**
 * Ledgerloop, the demo's company: a payments API, the merchant dashboard on Vercel and the Node.js
 * client, built by six people. Ids are fixed so that the history is the same on every run.
 */
final class Team {
    static final String ORG = "ledgerloop";
    static final long ORG_ID = 98_431_275L;
    static final String DOMAIN = "ledgerloop.dev";

    static final Person MAYA = new Person(
            "mayachen",
            5_829_341L,
            "Maya Chen",
            "maya@ledgerloop.dev",
            new CommitAuthor("Maya Chen", "maya@ledgerloop.dev", "mayachen"),
            "U04F2M7A9QK",
            "5b0e4f59-6f0e-4d53-9a47-2f1c8d3e7a10",
            "1841227");
    /** Commits with GitHub's noreply address by default. */
    static final Person JONAS = new Person(
            "jweber",
            11_234_501L,
            "Jonas Weber",
            "jonas@ledgerloop.dev",
            new CommitAuthor("Jonas Weber", "11234501+jweber@users.noreply.github.com", "jweber"),
            "U04F3J1W8RT",
            "8c2d7a64-1b93-4f0a-b5e2-6d4f9c0a2b31",
            "1841230");

    static final Person PRIYA = new Person(
            "priyaraman",
            9_012_345L,
            "Priya Raman",
            "priya@ledgerloop.dev",
            new CommitAuthor("Priya Raman", "priya@ledgerloop.dev", "priyaraman"),
            "U04G1P6R2MN",
            "e7a1c3b5-9d42-4e8f-a0b6-1c5d7e9f3a42",
            "1841233");
    /** Commits with GitHub's noreply address; nothing on GitHub names his work address. */
    static final Person DIEGO = new Person(
            "dalvarez",
            7_765_432L,
            "Diego Alvarez",
            "diego@ledgerloop.dev",
            new CommitAuthor("Diego Alvarez", "7765432+dalvarez@users.noreply.github.com", "dalvarez"),
            "U05A8D3LV7X",
            "3f9b2e71-5c08-4a6d-8e14-7b2a6c9d0e53",
            "1902114");
    /** GitHub shows "Sam Okafor"; his git config says "Samuel Okafor". */
    static final Person SAM = new Person(
            "sokafor",
            13_579_246L,
            "Sam Okafor",
            "sam@ledgerloop.dev",
            new CommitAuthor("Samuel Okafor", "sam@ledgerloop.dev", "sokafor"),
            "U04H9S2K5OE",
            "a4d6e8f0-2b13-4c57-9e8a-0f1b3d5c7e64",
            "1841239");

    static final Person LENA = new Person(
            "lenafischer",
            24_681_357L,
            "Lena Fischer",
            "lena@ledgerloop.dev",
            new CommitAuthor("Lena Fischer", "lena@ledgerloop.dev", "lenafischer"),
            "U04E6L4F1CN",
            "c1e3a5b7-d9f2-4a68-8c0e-2a4b6d8f0c75",
            "1841224");

    static final Person DEPENDABOT = bot("dependabot[bot]", 49_699_333L);
    static final Person ACTIONS = bot("github-actions[bot]", 41_898_282L);
    static final Person VERCEL_BOT = bot("vercel[bot]", 35_613_825L);

    static final List<Person> PEOPLE = List.of(MAYA, JONAS, PRIYA, DIEGO, SAM, LENA);

    /**
     * Jonas's new laptop (from 2026-11-19): commits with his work address, which he verified on
     * GitHub, so they still carry his username. This commit is the evidence that joins his work
     * address (Linear, Sentry) to his GitHub login.
     */
    static final CommitAuthor JONAS_NEW_LAPTOP = new CommitAuthor("Jonas Weber", "jonas@ledgerloop.dev", "jweber");

    /**
     * Priya's personal laptop: an address she never added to GitHub, so GitHub sends no username.
     * Same name as Priya, but a name is not evidence.
     */
    static final CommitAuthor PRIYA_PERSONAL = new CommitAuthor("Priya Raman", "priya.r@fastmail.com", null);

    /** What GitHub writes as committer when it makes a commit itself (a squash merge on the web). */
    static final CommitAuthor WEB_FLOW = new CommitAuthor("GitHub", "noreply@github.com", "web-flow");

    private Team() {}

    private static Person bot(String login, long id) {
        String app = login.substring(0, login.indexOf('['));
        return new Person(
                login,
                id,
                app,
                login + "@users.noreply.github.com",
                new CommitAuthor(login, id + "+" + login + "@users.noreply.github.com", login),
                null,
                null,
                null);
    }
}
