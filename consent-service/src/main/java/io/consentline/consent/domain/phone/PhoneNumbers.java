package io.consentline.consent.domain.phone;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as libphonenumber understands them: parsed with the tenant's default region, validated, and
 * normalised to E.164, so {@code 07700 900123} (GB) and {@code +44 7700 900123} are one subject.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
    private static final PhoneNumberToTimeZonesMapper TIME_ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    /** Zone ids as libphonenumber lists them, converted once: a few hundred distinct lists exist. */
    private static final Map<List<String>, List<ZoneId>> ZONES = new ConcurrentHashMap<>();
    private static final Map<Integer, List<ZoneId>> COUNTRY_ZONES = new ConcurrentHashMap<>();

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
        return validate(raw, defaultRegion).e164();
    }

    /**
     * Parses and validates once: the valid number with its E.164 form and time zones;
     * {@link InvalidPhoneNumberException} otherwise. A number already written in E.164 skips libphonenumber's
     * general parser ({@link E164Form}: same result, several times faster); libphonenumber still decides
     * validity.
     */
    public static ValidNumber validate(String raw, String defaultRegion) {
        PhoneNumber fast = raw == null ? null : E164Form.parse(raw);
        if (fast != null) {
            PhoneNumberType type = UTIL.getNumberType(fast);
            if (type == PhoneNumberType.UNKNOWN) {
                throw new InvalidPhoneNumberException("not a valid phone number");
            }
            return new ValidNumber(raw, fast, type);
        }
        String e164 = UTIL.format(parse(raw, defaultRegion), PhoneNumberUtil.PhoneNumberFormat.E164);
        return new ValidNumber(e164, null, null);
    }

    /**
     * The time zones an E.164 number (from {@link #toE164}) may be in (several where its area spans zones);
     * empty when unknown.
     */
    public static List<ZoneId> timeZonesOf(String e164) {
        // called with numbers toE164 already validated: parse only, no second validation on the hot path
        return timeZonesOf(parseE164(e164), null);
    }

    /** What {@code PhoneNumberToTimeZonesMapper.getTimeZonesForNumber} answers, reusing a known number type. */
    static List<ZoneId> timeZonesOf(PhoneNumber number, PhoneNumberType knownType) {
        PhoneNumberType type = knownType != null ? knownType : UTIL.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return List.of();
        }
        if (UTIL.isNumberGeographical(type, number.getCountryCode())) {
            return zones(TIME_ZONES.getTimeZonesForGeographicalNumber(number));
        }
        // a mobile or non-geographic number: the zones of its whole country, which depend on the calling code only
        return COUNTRY_ZONES.computeIfAbsent(number.getCountryCode(),
                code -> zones(TIME_ZONES.getTimeZonesForNumber(number)));
    }

    private static PhoneNumber parseE164(String e164) {
        PhoneNumber fast = E164Form.parse(e164);
        if (fast != null) {
            return fast;
        }
        try {
            return UTIL.parse(e164, null);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("not a phone number");
        }
    }

    private static List<ZoneId> zones(List<String> ids) {
        return ZONES.computeIfAbsent(ids, PhoneNumbers::toZoneIds);
    }

    private static List<ZoneId> toZoneIds(List<String> ids) {
        List<ZoneId> zones = new ArrayList<>();
        for (String zone : ids) {
            if (!UNKNOWN_ZONE.equals(zone)) {
                zones.add(ZoneId.of(zone));
            }
        }
        return List.copyOf(zones);
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
