package io.consentline.audit.domain.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.chain.ChainHash;

class CheckpointSignerTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final byte[] HEAD = ChainHash.link(ChainHash.genesis(), new byte[] { 1 });

    @Test
    void aCheckpointVerifiesWithThePublishedKeyAndNotOnceChanged() {
        CheckpointSigner signer = CheckpointSigner.generate();
        Checkpoint cp = signer.sign("acme", 42, HEAD, AT);
        byte[] publicKey = Base64.getUrlDecoder().decode(signer.publicKeyX());

        assertThat(CheckpointSigner.verify(publicKey, cp)).isTrue();
        assertThat(signer.verify(cp)).isTrue();
        assertThat(CheckpointSigner.verify(publicKey, new Checkpoint("acme", 43, HEAD, AT, cp.keyId(), cp.signature())))
                .isFalse();
        assertThat(CheckpointSigner.verify(publicKey, new Checkpoint("other", 42, HEAD, AT, cp.keyId(),
                cp.signature()))).isFalse();
        assertThat(CheckpointSigner.generate().verify(cp)).isFalse();
    }

    @Test
    void theStatementIsPlainTextLines() {
        assertThat(new String(Checkpoint.statement("acme", 42, HEAD, AT), StandardCharsets.UTF_8))
                .isEqualTo("consentline.audit.checkpoint.v1\nacme\n42\n" + ChainHash.hex(HEAD)
                        + "\n2026-11-23T10:00:00.000000Z\n");
    }

    @Test
    void aConfiguredKeyGivesTheSameSignerEveryTime() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);

        CheckpointSigner first = CheckpointSigner.fromPkcs8(pkcs8);
        CheckpointSigner second = CheckpointSigner.fromPkcs8(pkcs8);

        assertThat(first.publicKeyX()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKeyX()).isEqualTo(first.publicKeyX());
        assertThat(second.verify(first.sign("acme", 1, HEAD, AT))).isTrue();
    }

    @Test
    void aKeyThatIsNoEd25519KeyIsRefused() {
        assertThatThrownBy(() -> CheckpointSigner.fromPkcs8("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
