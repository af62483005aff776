package io.consentline.events;

/**
 * One purpose's answer in a submission: granted or denied.
 *
 * <p>The purpose {@value #ALL_PURPOSES} stands for every purpose on the submission's channel: DENIED is a
 * blanket opt-out (an SMS "STOP", "stop calling me"); GRANTED lifts a blanket opt-out ("START", "UNSTOP") and
 * grants nothing by itself, because consent must be specific (GDPR Art. 4(11)).
 */
public record PurposeChoice(String purpose, ConsentStatus status) {

    public static final String ALL_PURPOSES = "*";
}
