package io.consentline.consent.domain.phone;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as libphonenumber understands them: parsed with the tenant's default region, validated, and
 * normalised to E.164, so {@code 07700 900123} (GB) and {@code +44 7700 900123} are one subject.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private PhoneNumbers() {
    }

    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{7,14}");

    /**
     * For bulk lists: a number already written in E.164 is taken as it is (checked for form, not validated
     * against the numbering plan, which is harmless for do-not-call lists and 20x faster); anything else is
     * parsed and validated like {@link #toE164}.
     */
    public static String toE164ForLists(String raw, String defaultRegion) {
        if (raw != null && E164.matcher(raw).matches()) {
            return raw;
        }
        return toE164(raw, defaultRegion);
    }

    /** The E.164 form of a valid number; {@link InvalidPhoneNumberException} otherwise. */
    public static String toE164(String raw, String defaultRegion) {
        return UTIL.format(parse(raw, defaultRegion), PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /**
     * The time zones an E.164 number (from {@link #toE164}) may be in (several where its area spans zones);
     * empty when unknown.
     */
    public static List<ZoneId> timeZonesOf(String e164) {
        // called with numbers toE164 already validated: parse only, no second validation on the hot path
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, null);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("not a phone number");
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String zone : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
            if (!UNKNOWN_ZONE.equals(zone)) {
                zones.add(ZoneId.of(zone));
            }
        }
        return zones;
    }

    public static boolean isKnownRegion(String region) {
        // ASCII letters only: upper-casing "ß" gives "SS" (South Sudan), "ı" or "ſ" give other codes
        return region != null && region.matches("[A-Za-z]{2}")
                && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /** Control, format (bidi, zero-width), surrogate, private-use and unassigned characters. */
    private static final java.util.regex.Pattern HIDDEN = java.util.regex.Pattern.compile("\\p{C}");

    private static PhoneNumber parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            throw new InvalidPhoneNumberException("not a phone number");
        }
        if (HIDDEN.matcher(raw.strip()).find()) {
            // libphonenumber skips what is not a digit: a number hiding bidi overrides, zero-width or control
            // characters would be taken as the visible digits, which is not what was typed
            throw new InvalidPhoneNumberException("contains control or invisible formatting characters");
        }
        try {
            PhoneNumber number = UTIL.parse(raw, defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT));
            if (!UTIL.isValidNumber(number)) {
                throw new InvalidPhoneNumberException("not a valid phone number");
            }
            return number;
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "no country code, and no default region to assume";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "too short to be a phone number";
                case TOO_LONG -> "too long to be a phone number";
                default -> "not a phone number";
            });
        }
    }
}
