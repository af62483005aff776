package io.consentline.gateway.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void internationalNumbersAreNormalisedToE164() {
        assertThat(PhoneNumbers.toE164("+44 7911 123456")).contains("+447911123456");
        assertThat(PhoneNumbers.toE164("+1 (415) 555-2671")).contains("+14155552671");
    }

    @ParameterizedTest
    @ValueSource(strings = { "07911 123456", "12345", "hello", "+999 123", "", "  " })
    void nationalFormsShortCodesAndJunkAreNotNumbers(String raw) {
        assertThat(PhoneNumbers.toE164(raw)).isEmpty();
    }

    @Test
    void nullAndHugeInputAreNotNumbers() {
        assertThat(PhoneNumbers.toE164(null)).isEmpty();
        assertThat(PhoneNumbers.toE164("+44" + "1".repeat(100))).isEmpty();
    }
}
