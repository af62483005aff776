package io.consentline.gateway.domain.otp;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** One-time codes: uniformly random decimal digits from a cryptographic generator. */
public final class OtpCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DIGITS = Pattern.compile("[0-9]{4,10}");

    private OtpCodes() {
    }

    public static String generate(int length) {
        if (length < 4 || length > 10) {
            throw new IllegalArgumentException("a code has 4 to 10 digits");
        }
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    /** Whether the text could be a code at all (digits only, sane length); spaces a person typed are removed. */
    public static boolean looksLikeACode(String code) {
        return code != null && DIGITS.matcher(code).matches();
    }
}
