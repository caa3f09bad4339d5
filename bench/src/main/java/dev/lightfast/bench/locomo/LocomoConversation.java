package dev.lightfast.bench.locomo;

import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One LoCoMo conversation (snap-research/locomo, CC BY-NC 4.0): two speakers over many dated
 * sessions, and questions whose {@code evidence} names the turns ({@code dia_id}) that answer them.
 */
public record LocomoConversation(
        String id, String speakerA, String speakerB, List<Session> sessions, List<Question> questions) {

    /** A session: when it took place and its turns in order. */
    public record Session(int number, Instant startedAt, List<Turn> turns) {}

    /** One thing a speaker said, with the caption of the image they shared, if any. */
    public record Turn(String diaId, String speaker, String text, String imageCaption) {}

    /**
     * A question, its category (1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop; 5, adversarial,
     * has no answer in the conversation and is not loaded) and the turns that answer it.
     */
    public record Question(String text, int category, Set<String> evidence) {}

    /** Categories as the LoCoMo paper names them. */
    public static String categoryName(int category) {
        return switch (category) {
            case 1 -> "1 multi-hop";
            case 2 -> "2 temporal";
            case 3 -> "3 open-domain";
            case 4 -> "4 single-hop";
            default -> String.valueOf(category);
        };
    }

    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    /** "1:56 pm on 8 May, 2023": the dataset gives no zone, so it is read as UTC. */
    private static final DateTimeFormatter SESSION_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);

    /** Every conversation in a LoCoMo JSON file (a list of samples). */
    public static List<LocomoConversation> read(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + " is not a LoCoMo file: expected a JSON list of samples");
        }
        List<LocomoConversation> out = new ArrayList<>();
        for (JsonNode sample : root) {
            out.add(parse(sample));
        }
        return out;
    }

    /** How many questions were dropped because none of their evidence names a turn that exists. */
    public static int unanswerable(Path file) throws IOException {
        int dropped = 0;
        for (JsonNode sample : Json.MAPPER.readTree(Files.readAllBytes(file))) {
            Set<String> turns = turnIds(sample.get("conversation"));
            for (JsonNode qa : sample.get("qa")) {
                int category = qa.get("category").asInt();
                if (category >= 1 && category <= 4 && evidence(qa, turns).isEmpty()) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private static LocomoConversation parse(JsonNode sample) {
        JsonNode conversation = sample.get("conversation");
        List<Session> sessions = new ArrayList<>();
        for (var field : conversation.properties()) {
            var m = SESSION.matcher(field.getKey());
            if (!m.matches() || !field.getValue().isArray()) {
                continue;
            }
            int number = Integer.parseInt(m.group(1));
            JsonNode date = conversation.get(field.getKey() + "_date_time");
            Instant startedAt = LocalDateTime.parse(date.stringValue().strip(), SESSION_TIME)
                    .toInstant(ZoneOffset.UTC);
            List<Turn> turns = new ArrayList<>();
            for (JsonNode t : field.getValue()) {
                turns.add(new Turn(
                        t.get("dia_id").stringValue(),
                        t.get("speaker").stringValue(),
                        t.get("text").stringValue(),
                        t.has("blip_caption") ? t.get("blip_caption").stringValue() : null));
            }
            sessions.add(new Session(number, startedAt, turns));
        }
        sessions.sort((a, b) -> Integer.compare(a.number(), b.number()));
        Set<String> turnIds = turnIds(conversation);
        List<Question> questions = new ArrayList<>();
        for (JsonNode qa : sample.get("qa")) {
            int category = qa.get("category").asInt();
            if (category < 1 || category > 4) {
                continue;
            }
            Set<String> evidence = evidence(qa, turnIds);
            if (!evidence.isEmpty()) {
                questions.add(new Question(qa.get("question").stringValue(), category, evidence));
            }
        }
        return new LocomoConversation(
                sample.get("sample_id").stringValue(),
                conversation.get("speaker_a").stringValue(),
                conversation.get("speaker_b").stringValue(),
                sessions,
                questions);
    }

    private static Set<String> turnIds(JsonNode conversation) {
        Set<String> ids = new LinkedHashSet<>();
        for (var field : conversation.properties()) {
            if (SESSION.matcher(field.getKey()).matches() && field.getValue().isArray()) {
                for (JsonNode t : field.getValue()) {
                    ids.add(t.get("dia_id").stringValue());
                }
            }
        }
        return ids;
    }

    /**
     * The evidence as written has a few slips ("D8:6; D9:17" in one string, "D:11:26", a bare "D"):
     * split and mend those, and keep only ids of turns that exist.
     */
    private static Set<String> evidence(JsonNode qa, Set<String> turns) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : qa.path("evidence")) {
            for (String part : e.asString().split("[;,\\s]+")) {
                String id = part.strip().replace("D:", "D");
                if (turns.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** Every turn with the session it belongs to, in conversation order. */
    public List<Placed> turns() {
        List<Placed> out = new ArrayList<>();
        for (Session s : sessions) {
            for (int i = 0; i < s.turns().size(); i++) {
                out.add(new Placed(s, i, s.turns().get(i)));
            }
        }
        return out;
    }

    /** A turn, its session and its position in that session. */
    public record Placed(Session session, int index, Turn turn) {}
}
