package dev.lightfast.store.body;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * How a delivery's raw body is kept: compressed with zstd, with the dictionary shipped for its tool
 * when there is one ({@link ZstdDictionaries}), and given back byte for byte. The {@code body_codec}
 * column says which: {@link #IDENTITY}, the bytes as received (rows from before compression, and
 * bodies compression would not shrink), or {@link #ZSTD}, one zstd frame, whose header names the
 * dictionary it needs, so a row written with an older dictionary still decodes.
 *
 * <p>Compressing costs about 20 µs for a 16 KB GitHub delivery and makes it about a tenth of its
 * size (zstd alone: a seventh); the writers do it on the caller's thread, never on the one that holds the log's turn.
 * Thread-safe: native contexts are reused from a small pool per tool.
 */
public final class RawBodyCodec {
    /** The bytes as received. */
    public static final int IDENTITY = 0;
    /** One zstd frame; its header names the dictionary, if any, and carries a checksum of the content. */
    public static final int ZSTD = 1;

    /**
     * With the GitHub dictionary, level 1 makes the bench's 15.7 KB deliveries 1.48 KB in about 20 µs;
     * zstd's default (3) makes them 1.37 KB in about 30 µs, and higher levels cost several times the
     * CPU for a few percent. The CPU is what a delivery is short of.
     */
    static final int LEVEL = 1;
    /** Below this there is nothing worth a frame header. */
    private static final int SMALLEST = 64;
    /**
     * Contexts kept per tool; more are made under a burst and let go after. They are reused last in,
     * first out: the one used last has its tables still in the CPU's cache.
     */
    private static final int POOLED = 8;

    private static final RawBodyCodec SHARED = new RawBodyCodec(ZstdDictionaries.shipped());

    /** A body as stored: the codec and the bytes. */
    public record Encoded(int codec, byte[] bytes) {}

    private final ZstdDictionaries dictionaries;
    private final Map<String, LinkedBlockingDeque<ZstdCompressCtx>> pools = new ConcurrentHashMap<>();

    RawBodyCodec(ZstdDictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /** The codec with the dictionaries shipped in this build. */
    public static RawBodyCodec shared() {
        return SHARED;
    }

    /**
     * The body to store for a delivery of {@code source}: compressed with the tool's newest
     * dictionary (or none), unless that would not make it smaller.
     */
    public Encoded encode(String source, byte[] body) {
        if (body.length < SMALLEST) {
            return new Encoded(IDENTITY, body);
        }
        var pool = pools.computeIfAbsent(source, s -> new LinkedBlockingDeque<>(POOLED));
        var ctx = pool.pollFirst();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(LEVEL).setChecksum(true).setContentSize(true);
            var dictionary = dictionaries.forCompressing(source, LEVEL);
            if (dictionary != null) {
                ctx.loadDict(dictionary);
            }
        }
        byte[] compressed;
        try {
            compressed = ctx.compress(body);
        } finally {
            if (!pool.offerFirst(ctx)) {
                ctx.close();
            }
        }
        return compressed.length < body.length ? new Encoded(ZSTD, compressed) : new Encoded(IDENTITY, body);
    }

    /**
     * The body exactly as received.
     *
     * @throws IllegalStateException when the stored bytes are not what the codec says (a frame
     *     whose dictionary this build does not ship, or damaged bytes: the frame's checksum fails)
     */
    public byte[] decode(int codec, byte[] stored) {
        return switch (codec) {
            case IDENTITY -> stored;
            case ZSTD -> decompress(stored);
            default -> throw new IllegalStateException("unknown body codec " + codec + ": written by a newer version?");
        };
    }

    private byte[] decompress(byte[] frame) {
        long size = Zstd.getFrameContentSize(frame);
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a stored body is not a zstd frame with its size (" + size + ")");
        }
        long dictId = Zstd.getDictIdFromFrame(frame);
        try (var ctx = new ZstdDecompressCtx()) {
            if (dictId != 0) {
                var dictionary = dictionaries.forDecompressing(dictId);
                if (dictionary == null) {
                    throw new IllegalStateException("a stored body was compressed with zstd dictionary " + dictId
                            + ", which this build does not ship; dictionaries are never removed: is this an"
                            + " older build than the one that wrote it?");
                }
                ctx.loadDict(dictionary);
            }
            return ctx.decompress(frame, (int) size);
        } catch (ZstdException e) {
            throw new IllegalStateException("a stored body does not decompress: " + e.getMessage(), e);
        }
    }
}
