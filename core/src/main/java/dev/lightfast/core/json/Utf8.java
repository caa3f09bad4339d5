package dev.lightfast.core.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, as JSON must be (RFC 8259). The JSON parser itself accepts some byte sequences no
 * UTF-8 encoder writes, such as the overlong {@code C0 80} for U+0000, which can slip a character
 * past a check made on the bytes; the JDK's decoder refuses them, and surrogates encoded on their
 * own, and sequences cut short.
 */
public final class Utf8 {
    private static final int CHUNK = 8 * 1024;

    private Utf8() {}

    /** The offset of the first byte that is not valid UTF-8, or -1 when all of them are. */
    public static int firstInvalid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // Decoded a chunk at a time into one small buffer: checking 25 MB must not cost 50 MB of chars.
        CharBuffer out = CharBuffer.allocate(CHUNK);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                return result.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
