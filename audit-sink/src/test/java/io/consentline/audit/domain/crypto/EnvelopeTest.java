package io.consentline.audit.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static final byte[] KEY = Envelope.newKey();
    private static final byte[] TEXT = "{\"ipAddress\":\"203.0.113.7\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensWithTheSameKeyAndAssociatedData() {
        byte[] sealed = Envelope.seal(KEY, TEXT, "event-1");

        assertThat(Envelope.open(KEY, sealed, "event-1")).isEqualTo(TEXT);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("203.0.113.7");
        assertThat(sealed).hasSize(1 + 12 + TEXT.length + 16);
    }

    @Test
    void eachSealingUsesAFreshNonce() {
        assertThat(Envelope.seal(KEY, TEXT, "e")).isNotEqualTo(Envelope.seal(KEY, TEXT, "e"));
    }

    /** The cipher is reused per thread: a refused envelope must leave it fit for the next one, of any key. */
    @Test
    void aRefusedEnvelopeDoesNotSpoilTheNextSealOrOpenOnTheSameThread() {
        byte[] other = Envelope.newKey();
        byte[] sealed = Envelope.seal(KEY, TEXT, "event-1");
        assertThatThrownBy(() -> Envelope.open(other, sealed, "event-1")).isInstanceOf(Envelope.EnvelopeException.class);

        byte[] again = Envelope.seal(other, TEXT, "event-2");

        assertThat(Envelope.open(other, again, "event-2")).isEqualTo(TEXT);
        assertThat(Envelope.open(KEY, sealed, "event-1")).isEqualTo(TEXT);
    }

    @Test
    void anotherKeyOrAnotherPlaceOrATamperedByteDoesNotOpen() {
        byte[] sealed = Envelope.seal(KEY, TEXT, "event-1");
        byte[] tampered = sealed.clone();
        tampered[20] ^= 1;

        assertThatThrownBy(() -> Envelope.open(Envelope.newKey(), sealed, "event-1"))
                .isInstanceOf(Envelope.EnvelopeException.class);
        assertThatThrownBy(() -> Envelope.open(KEY, sealed, "event-2")).isInstanceOf(Envelope.EnvelopeException.class);
        assertThatThrownBy(() -> Envelope.open(KEY, tampered, "event-1"))
                .isInstanceOf(Envelope.EnvelopeException.class);
        assertThatThrownBy(() -> Envelope.open(KEY, new byte[3], "event-1"))
                .isInstanceOf(Envelope.EnvelopeException.class);
    }

    @Test
    void subjectKeysAreWrappedForTheirOwnerOnly() {
        SubjectKeyWrapper wrapper = new SubjectKeyWrapper(Base64.getEncoder().encodeToString(Envelope.newKey()));
        byte[] wrapped = wrapper.wrap(KEY, "acme", "hash-1");

        assertThat(wrapper.unwrap(wrapped, "acme", "hash-1")).isEqualTo(KEY);
        assertThatThrownBy(() -> wrapper.unwrap(wrapped, "acme", "hash-2"))
                .isInstanceOf(Envelope.EnvelopeException.class);
        assertThatThrownBy(() -> new SubjectKeyWrapper(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
