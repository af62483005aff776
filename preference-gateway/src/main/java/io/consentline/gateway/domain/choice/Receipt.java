package io.consentline.gateway.domain.choice;

import java.time.Instant;
import java.util.List;

/**
 * What the visitor gets back once the broker has acknowledged the choice: proof it was recorded, under which
 * policy version. The id is the submission event's id, so the receipt can be traced through every service.
 */
public record Receipt(String id, Instant acceptedAt, String siteId, String policyVersion, List<String> granted,
        List<String> denied) {

    public Receipt {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
    }
}
