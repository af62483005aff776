package io.consentline.consent.domain.phone;

import java.time.ZoneId;
import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A number that libphonenumber found valid, parsed once: its E.164 form and, from the same parse, the time
 * zones its callee may be in.
 */
public final class ValidNumber {

    private final String e164;
    /** The number as parsed from {@link #e164} and its type, when known (null: parse the E.164 form again). */
    private final PhoneNumber number;
    private final PhoneNumberType type;

    ValidNumber(String e164, PhoneNumber number, PhoneNumberType type) {
        this.e164 = e164;
        this.number = number;
        this.type = type;
    }

    /** The E.164 form, e.g. {@code +447911123456}. */
    public String e164() {
        return e164;
    }

    /** The time zones the callee may be in (several where the area spans zones); empty when unknown. */
    public List<ZoneId> timeZones() {
        return number == null ? PhoneNumbers.timeZonesOf(e164) : PhoneNumbers.timeZonesOf(number, type);
    }
}
