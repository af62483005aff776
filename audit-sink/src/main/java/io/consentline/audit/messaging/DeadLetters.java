package io.consentline.audit.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.Poison;
import io.consentline.kit.messaging.DeadLetter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Puts records that can never be recorded on their topic's dead-letter topic ({@code <topic>.dlq}) as
 * service-kit's {@link DeadLetter} (SmallRye's dead-letter header names). Completes when the broker acknowledged
 * them.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;

    DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(List<Poison> poison) {
        if (poison.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(poison)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(Poison poison) {
        LogPosition from = poison.event().position();
        LOG.warnf("dead-lettering %s", BatchRecorder.describe(poison));
        return emitter.sendMessage(new DeadLetter(from.topic(), from.partition(), from.offset(), poison.event().key(),
                poison.event().value(), poison.reason()).message());
    }
}
