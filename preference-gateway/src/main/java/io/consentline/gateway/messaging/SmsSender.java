package io.consentline.gateway.messaging;

import io.smallrye.mutiny.Uni;

/** Sends one text message; the Uni completes once the provider accepted it. */
public interface SmsSender {

    /**
     * @param to the recipient in E.164 (personal data: implementations log it only masked)
     */
    Uni<Void> send(String to, String text);
}
