package io.consentline.consent.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void nationalFormatIsNormalisedWithTheDefaultRegion() {
        assertThat(PhoneNumbers.toE164("07911 123456", "GB")).isEqualTo("+447911123456");
        assertThat(PhoneNumbers.toE164("(201) 555-0123", "US")).isEqualTo("+12015550123");
    }

    @Test
    void internationalFormatIgnoresTheDefaultRegion() {
        assertThat(PhoneNumbers.toE164("+44 7911 123456", "US")).isEqualTo("+447911123456");
        assertThat(PhoneNumbers.toE164("+1-201-555-0123", null)).isEqualTo("+12015550123");
    }

    @Test
    void invalidNumbersAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> PhoneNumbers.toE164("12", "GB")).isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageNotContaining("12");
        assertThatThrownBy(() -> PhoneNumbers.toE164("call me maybe", "GB"))
                .isInstanceOf(InvalidPhoneNumberException.class);
        assertThatThrownBy(() -> PhoneNumbers.toE164("+1 000 000 0000", "US"))
                .isInstanceOf(InvalidPhoneNumberException.class);
        assertThatThrownBy(() -> PhoneNumbers.toE164("2015550123", null))
                .isInstanceOf(InvalidPhoneNumberException.class).hasMessageContaining("country code");
        assertThatThrownBy(() -> PhoneNumbers.toE164("", "GB")).isInstanceOf(InvalidPhoneNumberException.class);
    }

    @Test
    void timeZonesComeFromTheNumber() {
        assertThat(PhoneNumbers.timeZonesOf("+447911123456")).contains(ZoneId.of("Europe/London"));
        assertThat(PhoneNumbers.timeZonesOf("+12015550123")).containsExactly(ZoneId.of("America/New_York"));
    }

    @Test
    void regionsAreChecked() {
        assertThat(PhoneNumbers.isKnownRegion("GB")).isTrue();
        assertThat(PhoneNumbers.isKnownRegion("XX")).isFalse();
    }
}
