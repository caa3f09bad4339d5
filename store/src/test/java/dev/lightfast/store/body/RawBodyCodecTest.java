package dev.lightfast.store.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RawBodyCodecTest {
    /** The tools' real payloads, beside this module (the connectors' fixtures). */
    private static final Path FIXTURES = Path.of("../connectors/src/test/resources");

    private final RawBodyCodec codec = RawBodyCodec.shared();

    @Test
    void every_real_payload_of_every_tool_comes_back_byte_for_byte() throws IOException {
        assertThat(FIXTURES).as("the connectors' fixtures").isDirectory();
        List<Path> files;
        try (var walk = Files.walk(FIXTURES)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(400);
        long in = 0;
        long stored = 0;
        for (var file : files) {
            String provider = FIXTURES.relativize(file).getName(0).toString();
            byte[] body = Files.readAllBytes(file);
            var encoded = codec.encode(provider, body);
            assertThat(codec.decode(encoded.codec(), encoded.bytes()))
                    .as(file.toString())
                    .isEqualTo(body);
            assertThat(encoded.bytes().length).as(file.toString()).isLessThanOrEqualTo(body.length);
            in += body.length;
            stored += encoded.bytes().length;
        }
        assertThat(stored).as("compressed in all").isLessThan(in / 5);
    }

    @Test
    void github_bodies_are_compressed_with_the_github_dictionary_and_linear_with_linear_s() throws IOException {
        byte[] push = Files.readAllBytes(FIXTURES.resolve("github/push/00.json"));
        var encoded = codec.encode("github", push);
        assertThat(encoded.codec()).isEqualTo(RawBodyCodec.ZSTD);
        assertThat(Zstd.getDictIdFromFrame(encoded.bytes()))
                .isEqualTo(dictionary("github").id());
        try (var plain = new ZstdCompressCtx().setLevel(RawBodyCodec.LEVEL).setChecksum(true)) {
            assertThat(encoded.bytes().length)
                    .as("the dictionary pays")
                    .isLessThan(plain.compress(push).length * 8 / 10);
        }
        var linear = codec.encode(
                "linear",
                "{\"action\":\"create\",\"type\":\"Issue\",\"data\":{\"id\":\"x\"}}"
                        .repeat(3)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(Zstd.getDictIdFromFrame(linear.bytes()))
                .isEqualTo(dictionary("linear").id());
        // A tool with no dictionary of its own: plain zstd, no dictionary named.
        var sentry = codec.encode("sentry", push);
        assertThat(sentry.codec()).isEqualTo(RawBodyCodec.ZSTD);
        assertThat(Zstd.getDictIdFromFrame(sentry.bytes())).isZero();
        assertThat(codec.decode(sentry.codec(), sentry.bytes())).isEqualTo(push);
    }

    @Test
    void what_would_not_shrink_is_kept_as_received() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        for (byte[] body : List.of(random, new byte[0], "{}".getBytes(StandardCharsets.UTF_8))) {
            var encoded = codec.encode("github", body);
            assertThat(encoded.codec()).isEqualTo(RawBodyCodec.IDENTITY);
            assertThat(encoded.bytes()).isSameAs(body);
            assertThat(codec.decode(RawBodyCodec.IDENTITY, encoded.bytes())).isEqualTo(body);
        }
    }

    @Property(tries = 200)
    void any_bytes_of_any_tool_round_trip(@ForAll @Size(max = 5000) byte[] body, @ForAll("providers") String provider) {
        var encoded = codec.encode(provider, body);
        assertThat(codec.decode(encoded.codec(), encoded.bytes())).isEqualTo(body);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> providers() {
        return net.jqwik.api.Arbitraries.of("github", "linear", "sentry", "slack", "vercel", "api", "unknown");
    }

    @Test
    void damaged_bytes_and_unknown_dictionaries_or_codecs_fail_loudly_rather_than_answer_wrong_bytes()
            throws IOException {
        byte[] push = Files.readAllBytes(FIXTURES.resolve("github/push/00.json"));
        var encoded = codec.encode("github", push);
        byte[] damaged = encoded.bytes().clone();
        damaged[damaged.length / 2] ^= 0x10;
        assertThatThrownBy(() -> codec.decode(RawBodyCodec.ZSTD, damaged)).isInstanceOf(IllegalStateException.class);

        var withoutDictionaries = new RawBodyCodec(new ZstdDictionaries(List.of()));
        assertThatThrownBy(() -> withoutDictionaries.decode(RawBodyCodec.ZSTD, encoded.bytes()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dictionary " + dictionary("github").id())
                .hasMessageContaining("never removed");
        assertThatThrownBy(() -> codec.decode(7, encoded.bytes()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown body codec 7");
    }

    /**
     * Stored bodies name their dictionary: a shipped one must never change or go, or rows written
     * with it no longer decode. A better dictionary is the tool's next version, added beside.
     */
    @Test
    void shipped_dictionaries_never_change() throws Exception {
        Map<String, String> shipped = ZstdDictionaries.shipped().entries().stream()
                .collect(Collectors.toMap(
                        e -> e.file(), e -> e.id() + " " + HexFormat.of().formatHex(sha256(e.bytes()))));
        assertThat(shipped)
                .containsEntry("github-1.zdict", "1311423253 " + pinned("github-1.zdict"))
                .containsEntry("linear-1.zdict", "284535016 " + pinned("linear-1.zdict"));
    }

    private static String pinned(String file) {
        return switch (file) {
            case "github-1.zdict" -> "2b5517459e8d340e4b1c59b419140014937b9c7e94e1c2d0c957483694a330d4";
            case "linear-1.zdict" -> "c178bf76e0b305228d2eec7bf098d578e5d34b052d1c74a4f542120db96ed1ca";
            default -> throw new IllegalArgumentException(file);
        };
    }

    private static ZstdDictionaries.Entry dictionary(String provider) {
        return ZstdDictionaries.shipped().entries().stream()
                .filter(e -> e.provider().equals(provider))
                .findFirst()
                .orElseThrow();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
