package io.consentline.gateway.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    /** The example of Twilio's own validator tests (twilio-python, tests/unit/test_request_validator.py). */
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+14158675309"), "Digits", List.of("1234"),
            "From", List.of("+14158675309"), "To", List.of("+18005551212"));
    private static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    @Test
    void computesTwiliosSignatureOverTheUrlAndTheSortedParameters() {
        assertThat(TwilioSignature.of(TOKEN, URL, PARAMS)).isEqualTo(EXPECTED);
        assertThat(TwilioSignature.isValid(TOKEN, URL, PARAMS, EXPECTED)).isTrue();
    }

    @Test
    void anotherTokenUrlOrParameterBreaksIt() {
        assertThat(TwilioSignature.isValid("54321", URL, PARAMS, EXPECTED)).isFalse();
        assertThat(TwilioSignature.isValid(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS, EXPECTED))
                .isFalse();
        Map<String, List<String>> tampered = new java.util.HashMap<>(PARAMS);
        tampered.put("Body", List.of("START"));
        assertThat(TwilioSignature.isValid(TOKEN, URL, tampered, EXPECTED)).isFalse();
    }

    @Test
    void aMissingSignatureOrTokenIsNeverValid() {
        assertThat(TwilioSignature.isValid(TOKEN, URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.isValid(TOKEN, URL, PARAMS, "")).isFalse();
        assertThat(TwilioSignature.isValid(null, URL, PARAMS, EXPECTED)).isFalse();
        assertThat(TwilioSignature.isValid("", URL, PARAMS, EXPECTED)).isFalse();
    }

    @Test
    void theDefaultPortMayBeAddedOrDroppedOnTheWay() {
        String withPort = TwilioSignature.of(TOKEN, "https://mycompany.com:443/sms?x=1", PARAMS);

        assertThat(TwilioSignature.isValid(TOKEN, "https://mycompany.com/sms?x=1", PARAMS, withPort)).isTrue();
        assertThat(TwilioSignature.isValid(TOKEN, "https://mycompany.com:443/sms?x=1", PARAMS,
                TwilioSignature.of(TOKEN, "https://mycompany.com/sms?x=1", PARAMS))).isTrue();
    }
}
