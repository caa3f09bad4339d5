package dev.lightfast.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emulators are test scaffolding: nothing the server or the CLI runs may refer to them. The
 * benchmarks are the one exception: like a load generator, {@code bench backfill} stands a tool's
 * emulator up beside the real server, and the bench module is never on the server's classpath.
 */
class ProductionCodeNeverImportsEmulatorsTest {
    @Test
    void no_main_source_outside_this_module_mentions_the_emulators_package() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.startsWith(root.resolve("emulators")))
                    .filter(p -> !p.startsWith(root.resolve("bench")))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> read(p).contains("dev.lightfast.emulators"))
                    .toList();
        }
        assertThat(offenders).isEmpty();
        for (String pom : List.of("server", "cli")) {
            Path file = root.resolve(pom).resolve("pom.xml");
            String xml = read(file);
            int at = xml.indexOf("<artifactId>lightfast-emulators</artifactId>");
            if (at >= 0) {
                String rest = xml.substring(at, xml.indexOf("</dependency>", at));
                assertThat(rest)
                        .as(file + " must use the emulators in test scope only")
                        .contains("<scope>test</scope>");
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
