package io.consentline.consent.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The E.164 fast path must answer exactly what libphonenumber's full parse and validation answer: same number,
 * same validity, same E.164 form, same time zones. Checked over numbers drawn with a fixed seed from every
 * region's example numbers, mutated (digits changed, added, dropped; national prefixes and zeros inserted),
 * and over random digit strings.
 */
class E164FastPathTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final long SEED = Long.getLong("consentline.phone.seed", 20261123L);

    @Test
    void theFastParseIsLibphonenumbersParseOrStepsAside() {
        int fast = 0;
        List<String> numbers = drawn();
        for (String number : numbers) {
            PhoneNumber quick = E164Form.parse(number);
            if (quick == null) {
                continue;
            }
            fast++;
            assertThat(reference(number)).as(number).isNotNull()
                    .satisfies(full -> assertThat(full.exactlySameAs(quick)).as(number).isTrue());
        }
        // the fast path must actually be taken, or this test proves nothing
        assertThat(fast).isGreaterThan(numbers.size() / 3);
    }

    @Test
    void validationAgreesWithLibphonenumberForEveryDrawnNumber() {
        for (String number : drawn()) {
            PhoneNumber full = reference(number);
            boolean valid = full != null && UTIL.isValidNumber(full);
            ValidNumber checked;
            try {
                checked = PhoneNumbers.validate(number, "GB");
            } catch (InvalidPhoneNumberException e) {
                assertThat(valid).as("%s refused (%s) but libphonenumber finds it valid", number, e.getMessage())
                        .isFalse();
                continue;
            }
            assertThat(valid).as("%s accepted but libphonenumber finds it invalid", number).isTrue();
            String e164 = UTIL.format(full, PhoneNumberUtil.PhoneNumberFormat.E164);
            assertThat(checked.e164()).as(number).isEqualTo(e164);
            assertThat(checked.timeZones()).as(number).isEqualTo(referenceZones(e164));
        }
    }

    @Test
    void edgeCasesStepAsideToTheFullParse() {
        assertThat(E164Form.parse("+447911123456")).isNotNull();
        assertThat(E164Form.parse("+12015550123")).isNotNull();
        assertThat(E164Form.parse("+112015550123")).as("US national prefix 1: parsing strips it").isNull();
        assertThat(E164Form.parse("+390612345678")).as("Italian leading zero").isNull();
        assertThat(E164Form.parse("+80012345678")).as("non-geographic calling code").isNull();
        assertThat(E164Form.parse("+44 7911 123456")).as("punctuation").isNull();
        assertThat(E164Form.parse("+0447911123456")).isNull();
        assertThat(E164Form.parse("+44")).isNull();
        assertThat(E164Form.parse("+4479111234567890123456")).isNull();
        assertThat(PhoneNumbers.toE164("+112015550123", "GB")).isEqualTo("+12015550123");
        assertThat(PhoneNumbers.toE164("+390612345678", "GB")).isEqualTo("+390612345678");
    }

    @Test
    void aValidNumberKnowsItsTimeZonesFromTheSameParse() {
        assertThat(PhoneNumbers.validate("+12015550123", null).timeZones())
                .containsExactly(ZoneId.of("America/New_York"));
        assertThat(PhoneNumbers.validate("07911 123456", "GB").timeZones()).contains(ZoneId.of("Europe/London"));
        assertThat(PhoneNumbers.validate("+447911123456", "US").timeZones())
                .isEqualTo(PhoneNumbers.timeZonesOf("+447911123456"));
    }

    private static List<String> drawn() {
        Random random = new Random(SEED);
        List<String> numbers = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                numbers.add(e164);
                for (int i = 0; i < 8; i++) {
                    numbers.add(mutate(e164, example.getCountryCode(), random));
                }
            }
        }
        for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                numbers.add(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
            }
        }
        for (int i = 0; i < 3000; i++) {
            StringBuilder digits = new StringBuilder("+");
            int length = 2 + random.nextInt(20);
            for (int d = 0; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            numbers.add(digits.toString());
        }
        return numbers;
    }

    private static String mutate(String e164, int callingCode, Random random) {
        int start = 1 + Integer.toString(callingCode).length();
        StringBuilder s = new StringBuilder(e164);
        switch (random.nextInt(6)) {
            case 0 -> s.setCharAt(start + random.nextInt(s.length() - start), (char) ('0' + random.nextInt(10)));
            case 1 -> s.append((char) ('0' + random.nextInt(10)));
            case 2 -> s.setLength(Math.max(start + 1, s.length() - 1 - random.nextInt(2)));
            case 3 -> s.insert(start, (char) ('0' + random.nextInt(10)));
            case 4 -> s.insert(start, "0");
            default -> s.setCharAt(s.length() - 1 - random.nextInt(Math.min(4, s.length() - start)),
                    (char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static PhoneNumber reference(String number) {
        try {
            return UTIL.parse(number, "GB");
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** What the zones were before the fast path: libphonenumber's mapper on the number parsed from E.164. */
    private static List<ZoneId> referenceZones(String e164) {
        try {
            return PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(UTIL.parse(e164, null)).stream()
                    .filter(z -> !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(z)).map(ZoneId::of)
                    .toList();
        } catch (NumberParseException e) {
            throw new AssertionError(e);
        }
    }
}
