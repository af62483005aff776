package io.consentline.gateway.domain.choice;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the visitor gets back once the broker has acknowledged the choice: proof of who chose what, when, under
 * which policy version. The id is the submission event's id, so the receipt can be traced through every service;
 * {@link #claims()} is what the gateway signs.
 *
 * @param globalPrivacyControl the browser sent {@code Sec-GPC: 1} and the choice honours it
 * @param deniedByGlobalPrivacyControl the sale/sharing categories the signal refused
 */
public record Receipt(String id, Instant acceptedAt, String tenant, String siteId, String visitorId,
        String policyVersion, String language, List<String> granted, List<String> denied,
        boolean globalPrivacyControl, List<String> deniedByGlobalPrivacyControl) {

    /** The {@code typ}-like claim that tells banner receipts from other receipts. */
    public static final String KIND = "banner-choice";

    public Receipt {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        deniedByGlobalPrivacyControl = List.copyOf(deniedByGlobalPrivacyControl);
    }

    /** The signed content: who (tenant, subject), what (granted, denied), when, and which policy. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", id);
        claims.put("iat", acceptedAt.getEpochSecond());
        claims.put("receipt", KIND);
        claims.put("tenant", tenant);
        claims.put("sub", "visitor:" + visitorId);
        claims.put("siteId", siteId);
        claims.put("policyVersion", policyVersion);
        claims.put("language", language);
        claims.put("granted", granted);
        claims.put("denied", denied);
        claims.put("globalPrivacyControl", globalPrivacyControl);
        claims.put("acceptedAt", acceptedAt.toString());
        return claims;
    }
}
