package io.consentline.gateway.domain.sms;

/**
 * What an inbound SMS asks for, and which rule recognised it (kept as evidence: {@code keyword:STOP},
 * {@code free-text:stop-texting}).
 */
public sealed interface InboundIntent {

    /** Stop every message on this channel: a blanket opt-out (TCPA, 47 CFR § 64.1200(a)(10); GDPR Art. 7(3)). */
    record OptOut(String matchedRule) implements InboundIntent {
    }

    /** Lift an earlier blanket opt-out; grants nothing by itself (consent must be specific). */
    record OptIn(String matchedRule) implements InboundIntent {
    }

    /** Asks for help: answered with a reply, nothing recorded. */
    record Help(String matchedRule) implements InboundIntent {
    }

    /** Anything else: nothing recorded. */
    record Unrecognised() implements InboundIntent {
    }
}
