package dev.lightfast.store.body;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zstd dictionaries shipped with the store, one or more per tool, listed in {@code
 * dictionaries.txt} beside them. A tool's payloads share most of their field names and URL shapes,
 * so a dictionary trained on its real payloads ({@code ./lightfast bench dictionaries}) makes each
 * body a third smaller again than zstd alone, and faster to compress.
 *
 * <p>A shipped dictionary never changes and is never removed: a stored frame names its dictionary
 * by id, and rows written with it need it to decode. A better dictionary is added as the tool's
 * next version; new bodies use the newest, old rows keep theirs.
 */
public final class ZstdDictionaries {
    static final String MANIFEST = "/dev/lightfast/store/body/dictionaries.txt";

    /** One dictionary as listed: the tool, its version, its file and its zstd id. */
    public record Entry(String provider, int version, String file, long id, byte[] bytes) {}

    private final List<Entry> entries;
    private final Map<String, Entry> newest = new HashMap<>();
    private final Map<Long, ZstdDictDecompress> byId = new HashMap<>();
    private final Map<String, ZstdDictCompress> compressing = new ConcurrentHashMap<>();

    ZstdDictionaries(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (var e : entries) {
            if (byId.put(e.id(), new ZstdDictDecompress(e.bytes())) != null) {
                throw new IllegalStateException("two shipped zstd dictionaries have the id " + e.id());
            }
            newest.merge(e.provider(), e, (a, b) -> a.version() >= b.version() ? a : b);
        }
    }

    /** The dictionaries in this build's resources. */
    public static ZstdDictionaries shipped() {
        return new ZstdDictionaries(read());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The newest dictionary of {@code provider}, prepared for {@code level}, or null when it has none. */
    ZstdDictCompress forCompressing(String provider, int level) {
        var entry = newest.get(provider);
        if (entry == null) {
            return null;
        }
        return compressing.computeIfAbsent(provider, p -> new ZstdDictCompress(entry.bytes(), level));
    }

    /** The dictionary with zstd id {@code id}, or null when this build ships none. */
    ZstdDictDecompress forDecompressing(long id) {
        return byId.get(id);
    }

    private static List<Entry> read() {
        String manifest;
        try (InputStream in = ZstdDictionaries.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                return List.of();
            }
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MANIFEST, e);
        }
        var entries = new java.util.ArrayList<Entry>();
        for (String line : manifest.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length != 3) {
                throw new IllegalStateException(MANIFEST + ": expected 'provider version file', got '" + l + "'");
            }
            byte[] bytes;
            String path = MANIFEST.substring(0, MANIFEST.lastIndexOf('/') + 1) + f[2];
            try (InputStream in = ZstdDictionaries.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(MANIFEST + " lists " + f[2] + ", which is not there");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            long id = Zstd.getDictIdFromDict(bytes);
            if (id == 0) {
                throw new IllegalStateException(path + " is not a zstd dictionary");
            }
            entries.add(new Entry(f[0], Integer.parseInt(f[1]), f[2], id, bytes));
        }
        return entries;
    }
}
