package io.consentline.audit.domain.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.consentline.audit.domain.chain.Canonical;
import io.consentline.audit.domain.chain.ChainHash;

/**
 * A signed statement that a tenant's chain had {@code seq} rows ending in {@code head} at {@code createdAt}.
 * Whoever keeps a checkpoint can later show that the log was not rewritten behind it: the row at {@code seq}
 * must still hash to {@code head}, and every earlier row must still link to it.
 *
 * @param keyId the JWK thumbprint of the Ed25519 key that signed it
 * @param signature Ed25519 over {@link #statement()}
 */
public record Checkpoint(String tenant, long seq, byte[] head, Instant createdAt, String keyId, byte[] signature) {

    public static final String VERSION = "consentline.audit.checkpoint.v1";

    /**
     * The signed bytes: UTF-8 of the lines {@value #VERSION}, tenant, seq, head (lower-case hex) and createdAt
     * (UTC, microseconds), each ended by a line feed.
     */
    public static byte[] statement(String tenant, long seq, byte[] head, Instant createdAt) {
        String text = VERSION + "\n" + tenant + "\n" + seq + "\n" + ChainHash.hex(head) + "\n"
                + Canonical.format(createdAt) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] statement() {
        return statement(tenant, seq, head, createdAt);
    }
}
