package dev.lightfast.emulators.sentry;

import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One organization's issues, their notes, assignee and status, and its members and teams. */
public final class SentryState {
    public record Member(String id, String username, String email) {}

    /** {@code type} is user or team; {@code name} the username or team slug. */
    public record Assignee(String type, String id, String name, String email) {}

    public record Note(String id, String text, String author, Instant at) {}

    public static final class Issue {
        final String id;
        final String shortId;
        final String title;
        final String project;
        String status = "unresolved";
        Assignee assignedTo;
        final List<Note> notes = new ArrayList<>();

        Issue(String id, String shortId, String title, String project) {
            this.id = id;
            this.shortId = shortId;
            this.title = title;
            this.project = project;
        }

        public String status() {
            return status;
        }

        public Optional<Assignee> assignedTo() {
            return Optional.ofNullable(assignedTo);
        }

        public List<Note> notes() {
            return List.copyOf(notes);
        }
    }

    private final String org;
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();
    private final Set<String> teams = new LinkedHashSet<>();
    private long nextId = 4_000_000_000L;

    public SentryState(String org) {
        this.org = org;
        members.add(new Member("1", "lightfast-bot", "bot@lightfast.dev"));
    }

    public String org() {
        return org;
    }

    public synchronized SentryState member(String username, String email) {
        members.add(new Member(Integer.toString(members.size() + 1), username, email));
        return this;
    }

    public synchronized SentryState team(String slug) {
        teams.add(slug);
        return this;
    }

    /** Adds an unresolved issue in a project and returns its id. */
    public synchronized String seedIssue(String project, String title) {
        String id = Long.toString(nextId++);
        long n = issues.values().stream().filter(i -> i.project.equals(project)).count() + 1;
        issues.put(id, new Issue(id, project.toUpperCase(Locale.ROOT) + "-" + n, title, project));
        return id;
    }

    /** By numeric id or by short id ({@code PAYMENTS-API-1}), as Sentry resolves either. */
    public synchronized Optional<Issue> issue(String idOrShortId) {
        Issue byId = issues.get(idOrShortId);
        if (byId != null) {
            return Optional.of(byId);
        }
        return issues.values().stream()
                .filter(i -> i.shortId.equalsIgnoreCase(idOrShortId))
                .findFirst();
    }

    /** An actor as Sentry parses {@code assignedTo}: team:slug, user:id, username or email. */
    synchronized Optional<Assignee> actor(String input) {
        String in = input.strip();
        if (in.startsWith("team:")) {
            String slug = in.substring(5);
            return teams.contains(slug) ? Optional.of(new Assignee("team", slug, slug, null)) : Optional.empty();
        }
        return members.stream()
                .filter(m -> in.equals("user:" + m.id())
                        || in.equalsIgnoreCase(m.username())
                        || in.equalsIgnoreCase(m.email()))
                .findFirst()
                .map(m -> new Assignee("user", m.id(), m.username(), m.email()));
    }

    synchronized void assign(Issue issue, Assignee assignee) {
        issue.assignedTo = assignee;
    }

    synchronized void status(Issue issue, String status) {
        issue.status = status;
    }

    synchronized Note note(Issue issue, String text) {
        var note = new Note(Long.toString(nextId++), text, "lightfast-bot", Instant.now());
        issue.notes.add(note);
        return note;
    }

    synchronized ObjectNode issueJson(Issue i) {
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", i.id)
                .put("shortId", i.shortId)
                .put("title", i.title)
                .put("culprit", i.title)
                .put("level", "error")
                .put("status", i.status)
                .put("permalink", "https://" + org + ".sentry.io/issues/" + i.id + "/")
                .put("numComments", i.notes.size())
                .put("count", "1")
                .put("userCount", 1)
                .put("firstSeen", "2026-01-01T00:00:00Z")
                .put("lastSeen", "2026-01-01T00:00:00Z");
        n.putObject("project")
                .put("id", Math.abs(i.project.hashCode()))
                .put("name", i.project)
                .put("slug", i.project);
        if (i.assignedTo == null) {
            n.putNull("assignedTo");
        } else {
            ObjectNode a = n.putObject("assignedTo")
                    .put("type", i.assignedTo.type())
                    .put("id", i.assignedTo.id())
                    .put("name", i.assignedTo.name());
            if (i.assignedTo.email() != null) {
                a.put("email", i.assignedTo.email());
            }
        }
        return n;
    }

    static ObjectNode noteJson(Note note) {
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", note.id())
                .put("type", "note")
                .put("dateCreated", note.at().toString());
        n.putObject("data").put("text", note.text());
        n.putObject("user").put("id", "1").put("username", note.author()).put("name", note.author());
        return n;
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode().put("organization", org);
        ArrayNode is = out.putArray("issues");
        for (Issue i : issues.values()) {
            ObjectNode n = issueJson(i);
            ArrayNode notes = n.putArray("notes");
            i.notes.forEach(note -> notes.add(noteJson(note)));
            is.add(n);
        }
        return out;
    }
}
