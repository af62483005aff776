package io.consentline.gateway.messaging;

import org.jboss.logging.Logger;

import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.smallrye.mutiny.Uni;

/**
 * The local default: writes each message to the log (category {@code consentline.sms.outbound}) instead of
 * sending it, so a one-time code can be read in a local run. The number is masked; the text is not.
 */
public class LogSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger("consentline.sms.outbound");

    @Override
    public Uni<Void> send(String to, String text) {
        LOG.infof("SMS to %s: %s", new Identifier(IdentifierType.PHONE, to).masked(), text);
        return Uni.createFrom().voidItem();
    }
}
