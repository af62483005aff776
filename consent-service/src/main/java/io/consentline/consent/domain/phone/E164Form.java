package io.consentline.consent.domain.phone;

import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

/**
 * The fast way to read a number already written in E.164 ({@code +447911123456}): split off the calling code
 * and take the rest as the national number, without libphonenumber's general parser (regular expressions for
 * punctuation, extensions, letters and international prefixes: most of its cost). It gives exactly what
 * {@code PhoneNumberUtil.parse} gives, or {@code null} whenever it might not: a leading zero in the national
 * number (Italian numbers keep it), a national prefix that parsing could strip ({@code +1 1…}), a calling code
 * of a non-geographic entity ({@code +800}), an odd length. Validity is still libphonenumber's to decide.
 */
final class E164Form {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** libphonenumber's limits: calling codes of 1-3 digits, national numbers of 2-17 digits. */
    private static final int MAX_CALLING_CODE_DIGITS = 3;
    private static final int MIN_NATIONAL_DIGITS = 2;
    private static final int MAX_NATIONAL_DIGITS = 17;
    private static final boolean[] CALLING_CODE = new boolean[1000];
    private static final boolean[] FAST = new boolean[1000];
    /** Per calling code, the national prefix parsing would try to strip from the national number (or null). */
    private static final Pattern[] NATIONAL_PREFIX = new Pattern[1000];

    static {
        for (int code : UTIL.getSupportedCallingCodes()) {
            CALLING_CODE[code] = true;
            String region = UTIL.getRegionCodeForCountryCode(code);
            PhoneMetadata metadata = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region) ? null
                    : DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                            .getMetadataForRegion(region);
            if (metadata != null) {
                FAST[code] = true;
                String prefix = metadata.getNationalPrefixForParsing();
                NATIONAL_PREFIX[code] = prefix.isEmpty() ? null : Pattern.compile(prefix);
            }
        }
    }

    private E164Form() {
    }

    /** The number as {@code PhoneNumberUtil.parse} would read it, or {@code null}: then parse it in full. */
    static PhoneNumber parse(String raw) {
        int length = raw.length();
        if (length < 1 + 1 + MIN_NATIONAL_DIGITS || length > 1 + MAX_CALLING_CODE_DIGITS + MAX_NATIONAL_DIGITS
                || raw.charAt(0) != '+' || raw.charAt(1) == '0') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        // like libphonenumber: the calling code is the shortest run of leading digits that is one
        int code = 0;
        int start = 1;
        while (start <= MAX_CALLING_CODE_DIGITS) {
            code = code * 10 + (raw.charAt(start++) - '0');
            if (CALLING_CODE[code]) {
                break;
            }
        }
        int nationalDigits = length - start;
        if (!CALLING_CODE[code] || !FAST[code] || nationalDigits < MIN_NATIONAL_DIGITS
                || nationalDigits > MAX_NATIONAL_DIGITS || raw.charAt(start) == '0') {
            return null;
        }
        Pattern nationalPrefix = NATIONAL_PREFIX[code];
        if (nationalPrefix != null && nationalPrefix.matcher(raw.substring(start)).lookingAt()) {
            return null;
        }
        return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(raw, start, length, 10));
    }
}
