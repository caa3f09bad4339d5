package dev.lightfast.bench;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import dev.lightfast.cli.demo.RecordedDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a zstd dictionary per tool on the tools' real payloads (the connectors' test fixtures,
 * compact as the tools send them), measures it on payloads it was not trained on (the demo
 * history's), and with {@code --write} adds those that pay to the store's resources as each tool's
 * next version. A shipped dictionary is never rewritten: stored bodies name it.
 */
@Command(
        name = "dictionaries",
        mixinStandardHelpOptions = true,
        description = "Train zstd dictionaries for raw webhook bodies on the tools' fixtures; --write adds those"
                + " that pay to the store.")
final class DictionaryTraining implements Callable<Integer> {
    /** Payloads as tools send them: compact, nulls kept (the project's own mapper leaves nulls out). */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static final List<String> PROVIDERS = List.of("github", "linear", "sentry", "slack", "vercel");
    private static final int LEVEL = 1;
    private static final int MAX_DICTIONARY = 32 * 1024;

    @Option(
            names = "--fixtures",
            description = "the tools' payloads, one folder per tool (default: ${DEFAULT-VALUE})",
            defaultValue = "connectors/src/test/resources")
    Path fixtures;

    @Option(
            names = "--out",
            description = "where the store's dictionaries live (default: ${DEFAULT-VALUE})",
            defaultValue = "store/src/main/resources/dev/lightfast/store/body")
    Path out;

    @Option(
            names = "--min-gain",
            description = "the share a dictionary must save over zstd alone on unseen payloads, in % (default:"
                    + " ${DEFAULT-VALUE})",
            defaultValue = "15")
    double minGain;

    @Option(names = "--write", description = "add the dictionaries that pay to --out as each tool's next version")
    boolean write;

    @Override
    public Integer call() throws Exception {
        var history = RecordedDelivery.bundled();
        for (String provider : PROVIDERS) {
            var samples = samples(fixtures.resolve(provider));
            var unseen = history.stream()
                    .filter(d -> d.provider().equals(provider))
                    .map(RecordedDelivery::bodyBytes)
                    .toList();
            if (samples.isEmpty() || unseen.isEmpty()) {
                System.out.printf(
                        "%-7s %d fixtures, %d unseen payloads: nothing to train or measure on%n",
                        provider, samples.size(), unseen.size());
                continue;
            }
            long sampleBytes = samples.stream().mapToLong(b -> b.length).sum();
            int size = (int) Math.min(MAX_DICTIONARY, sampleBytes / 8);
            byte[] dictionary;
            try {
                var trainer = new ZstdDictTrainer((int) sampleBytes + 1, size);
                samples.forEach(trainer::addSample);
                dictionary = trainer.trainSamples();
            } catch (ZstdException e) {
                System.out.printf(
                        "%-7s %d fixtures: zstd could not train a dictionary (%s)%n",
                        provider, samples.size(), e.getMessage());
                continue;
            }
            double raw = mean(unseen, null, false);
            double plain = mean(unseen, null, true);
            double withDictionary = mean(unseen, dictionary, true);
            double gain = 100 * (1 - withDictionary / plain);
            System.out.printf(
                    Locale.ROOT,
                    "%-7s trained on %d fixtures (%,d bytes) -> %,d-byte dictionary; on %d unseen payloads of %,.0f"
                            + " bytes: zstd %,.0f, with the dictionary %,.0f (%.0f%% smaller)%s%n",
                    provider,
                    samples.size(),
                    sampleBytes,
                    dictionary.length,
                    unseen.size(),
                    raw,
                    plain,
                    withDictionary,
                    gain,
                    gain >= minGain ? "" : ": does not pay");
            if (write && gain >= minGain) {
                add(provider, dictionary);
            }
        }
        return 0;
    }

    /** Writes the dictionary as the tool's next version and lists it in the manifest. */
    private void add(String provider, byte[] dictionary) throws IOException {
        Path manifest = out.resolve("dictionaries.txt");
        int version = 1;
        if (Files.exists(manifest)) {
            for (String line : Files.readAllLines(manifest)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && f[0].equals(provider)) {
                    version = Math.max(version, Integer.parseInt(f[1]) + 1);
                }
            }
        } else {
            Files.createDirectories(out);
            Files.writeString(
                    manifest,
                    "# provider version file: zstd dictionaries for raw bodies. Never change or remove one: stored\n"
                            + "# bodies name theirs. A better one is the tool's next version (./lightfast bench"
                            + " dictionaries --write).\n");
        }
        String file = provider + "-" + version + ".zdict";
        Files.write(out.resolve(file), dictionary, StandardOpenOption.CREATE_NEW);
        Files.writeString(
                manifest,
                provider + " " + version + " " + file + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        System.out.println("        wrote " + out.resolve(file));
    }

    private static List<byte[]> samples(Path dir) throws IOException {
        var samples = new ArrayList<byte[]>();
        if (!Files.isDirectory(dir)) {
            return samples;
        }
        try (var files = Files.walk(dir)) {
            for (var f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    samples.add(PLAIN.writeValueAsBytes(PLAIN.readTree(Files.readAllBytes(f))));
                } catch (RuntimeException notJson) {
                    // a fixture that is not a JSON payload (a signing vector's body)
                }
            }
        }
        return samples;
    }

    private static double mean(List<byte[]> bodies, byte[] dictionary, boolean compress) {
        if (!compress) {
            return bodies.stream().mapToLong(b -> b.length).average().orElse(0);
        }
        try (var ctx = new ZstdCompressCtx().setLevel(LEVEL).setChecksum(true)) {
            if (dictionary != null) {
                ctx.loadDict(new ZstdDictCompress(dictionary, LEVEL));
            }
            return bodies.stream()
                    .mapToLong(b -> ctx.compress(b).length)
                    .average()
                    .orElse(0);
        }
    }
}
