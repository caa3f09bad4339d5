package dev.lightfast.cli.demo;

import java.util.Map;

/**
 * A delivery ready to post: the exact body bytes and every header, signature included.
 *
 * @param headers the recorded headers plus the signature (and timestamp) headers made for it
 * @param body the bytes the signature covers
 */
public record SignedDelivery(Map<String, String> headers, byte[] body) {
    public SignedDelivery {
        headers = Map.copyOf(headers);
    }
}
