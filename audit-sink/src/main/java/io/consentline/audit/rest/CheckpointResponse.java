package io.consentline.audit.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.consentline.audit.domain.chain.Canonical;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.checkpoint.Checkpoint;

/**
 * A signed checkpoint: verify {@code signature} (Ed25519, base64url) over the UTF-8 bytes of {@code statement}
 * with the key {@code keyId} from {@code /v1/audit/keys}.
 */
public record CheckpointResponse(String tenant, long seq, String head, String createdAt, String keyId,
        String signature, String statement) {

    static CheckpointResponse of(Checkpoint c) {
        return new CheckpointResponse(c.tenant(), c.seq(), ChainHash.hex(c.head()), Canonical.format(c.createdAt()),
                c.keyId(), Base64.getUrlEncoder().withoutPadding().encodeToString(c.signature()),
                new String(c.statement(), StandardCharsets.UTF_8));
    }
}
