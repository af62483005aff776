package io.consentline.audit.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.checkpoint.CheckpointKeys;
import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.audit.domain.crypto.SubjectKeyWrapper;

/** Wires the key wrapper and the checkpoint signer from their configured keys. */
public class CryptoBeans {

    private static final Logger LOG = Logger.getLogger(CryptoBeans.class);

    @Produces
    @Singleton
    SubjectKeyWrapper subjectKeyWrapper(AuditConfig config) {
        return new SubjectKeyWrapper(config.keyWrappingKey());
    }

    @Produces
    @Singleton
    CheckpointSigner checkpointSigner(AuditConfig config) {
        return config.checkpoint().signingKey().map(CheckpointSigner::fromPkcs8).orElseGet(() -> {
            LOG.warn("No consentline.audit.checkpoint.signing-key configured: checkpoints are signed with a key "
                    + "made for this process only");
            return CheckpointSigner.generate();
        });
    }

    @Produces
    @Singleton
    CheckpointKeys checkpointKeys(CheckpointSigner signer, AuditConfig config) {
        return new CheckpointKeys(signer, config.checkpoint().retiredPublicKeys().orElse(List.of()));
    }
}
