package dev.lightfast.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core knows no tool: a new tool is a connector that maps its payloads onto core's primitives. Code
 * in core (not its comments, which may use a tool as an example, nor imports of third-party
 * packages) that names a tool is knowledge that belongs in {@code connectors.<tool>}.
 */
class CoreNamesNoToolTest {
    private static final Pattern TOOL = Pattern.compile("github|linear|slack|sentry|vercel");
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void no_code_in_core_names_a_tool() throws IOException {
        assertThat(MAIN).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String[] lines = withoutComments(Files.readString(f)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.startsWith("import ")) {
                        continue;
                    }
                    if (TOOL.matcher(line.toLowerCase(Locale.ROOT)).find()) {
                        found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(found).as("tool names in core's code").isEmpty();
    }

    @Test
    void comments_are_left_out_and_code_and_strings_kept() {
        String source = "int a; // the github way\n/* slack\n */ String s = \"linear\"; char c = '/';\n"
                + "String t = \"\"\"\n  vercel /* x */\n  \"\"\"; /** sentry */";
        String code = withoutComments(source);
        assertThat(code).doesNotContain("github", "slack", "sentry").contains("\"linear\"", "vercel /* x */");
        assertThat(code.split("\n", -1)).hasSize(source.split("\n", -1).length);
    }

    /** The source with its comments blanked out, line breaks kept so that line numbers hold. */
    static String withoutComments(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(source, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
