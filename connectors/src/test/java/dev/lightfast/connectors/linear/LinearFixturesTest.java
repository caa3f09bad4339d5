package dev.lightfast.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The hand-written examples use only field names Linear's public schema gives its webhook payloads,
 * at every level the normalizers read, so they cannot drift into a shape Linear never sends.
 */
class LinearFixturesTest {
    private static final Map<String, Set<String>> SCHEMA = schema();
    /** Which schema type each nested object the normalizers read has. */
    private static final Map<String, String> CHILDREN = Map.of(
            "team",
            "TeamChildWebhookPayload",
            "state",
            "WorkflowStateChildWebhookPayload",
            "project",
            "ProjectChildWebhookPayload",
            "cycle",
            "CycleChildWebhookPayload",
            "assignee",
            "UserChildWebhookPayload",
            "creator",
            "UserChildWebhookPayload",
            "user",
            "UserChildWebhookPayload",
            "lead",
            "UserChildWebhookPayload",
            "issue",
            "IssueChildWebhookPayload",
            "status",
            "ProjectStatusChildWebhookPayload");

    private static Map<String, Set<String>> schema() {
        String text = new String(LinearFixtures.body("schema-webhook-payload-types.graphql"), StandardCharsets.UTF_8)
                .replaceAll("(?s)\"\"\".*?\"\"\"", "");
        Map<String, Set<String>> types = new HashMap<>();
        Matcher type = Pattern.compile("(?s)type (\\w+) \\{(.*?)\\}").matcher(text);
        while (type.find()) {
            Set<String> fields = new LinkedHashSet<>();
            Matcher field = Pattern.compile("(?m)^\\s+(\\w+):").matcher(type.group(2));
            while (field.find()) {
                fields.add(field.group(1));
            }
            types.put(type.group(1), fields);
        }
        return types;
    }

    @Test
    void the_schema_is_read() {
        assertThat(SCHEMA).hasSizeGreaterThanOrEqualTo(75).containsKeys("IssueWebhookPayload", "EntityWebhookPayload");
        assertThat(SCHEMA.get("IssueWebhookPayload")).contains("identifier", "state", "assignee", "labelIds");
    }

    @Test
    void every_written_example_uses_only_fields_linear_sends() {
        for (String name : LinearFixtures.names()) {
            if (name.equals(LinearFixtures.SDK_COMMENT)) {
                continue; // Linear's own payload from 2020 still has "edited", which today's schema dropped
            }
            JsonNode p = Json.MAPPER.readTree(LinearFixtures.body(name));
            assertThat(p.propertyNames()).as(name + " envelope").isSubsetOf(SCHEMA.get("EntityWebhookPayload"));
            String dataType = p.path("type").stringValue() + "WebhookPayload";
            assertThat(SCHEMA).as(name).containsKey(dataType);
            assertThat(p.path("data").propertyNames()).as(name + " data").isSubsetOf(SCHEMA.get(dataType));
            for (var child : CHILDREN.entrySet()) {
                JsonNode node = p.path("data").path(child.getKey());
                if (node.isObject()) {
                    assertThat(node.propertyNames())
                            .as(name + " data." + child.getKey())
                            .isSubsetOf(SCHEMA.get(child.getValue()));
                }
            }
            p.path("data")
                    .path("labels")
                    .forEach(l -> assertThat(l.propertyNames())
                            .as(name + " label")
                            .isSubsetOf(SCHEMA.get("IssueLabelChildWebhookPayload")));
            if (p.path("actor").isObject()) {
                assertThat(p.path("actor").propertyNames())
                        .as(name + " actor")
                        .isSubsetOf(SCHEMA.get("UserActorWebhookPayload"));
            }
        }
    }

    @Test
    void every_example_file_is_listed() throws IOException {
        Path dir = Path.of("src/test/resources/linear");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(LinearFixtures.names());
        }
    }
}
