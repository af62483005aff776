package io.consentline.audit.messaging;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.consentline.audit.domain.chain.Canonical;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.events.KafkaKeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/**
 * Publishes checkpoints on {@code audit.checkpoints.v1} (key: tenant), as JSON: {@code tenant}, {@code seq},
 * {@code head} (hex), {@code createdAt}, {@code keyId}, {@code signature} (base64url), {@code statement} (the
 * signed text).
 */
@ApplicationScoped
public class CheckpointPublisher {

    private final MutinyEmitter<String> emitter;

    CheckpointPublisher(@Channel("checkpoints") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Checkpoint checkpoint) {
        return emitter.sendMessage(Message.of(toJson(checkpoint).encode()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(KafkaKeys.of(checkpoint.tenant(), "chain"))
                        .build()));
    }

    public static JsonObject toJson(Checkpoint c) {
        return new JsonObject().put("tenant", c.tenant()).put("seq", c.seq()).put("head", ChainHash.hex(c.head()))
                .put("createdAt", Canonical.format(c.createdAt())).put("keyId", c.keyId())
                .put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(c.signature()))
                .put("statement", new String(c.statement(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
