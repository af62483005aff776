package io.consentline.consent.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.consentline.events.Channel;
import io.consentline.events.ConsentStatus;
import io.consentline.events.IdentifierType;

/**
 * Consent given or withdrawn for one subject: several purposes and channels at once.
 *
 * @param identifiers the subject's identifiers; all are linked to one subject
 * @param policyTextHash hash of the exact text the person was read or shown, e.g. {@code sha256:9f2c...}
 */
public record RecordConsentRequest(
        @NotNull @Size(min = 1, max = 5) List<@NotNull @Valid IdentifierInput> identifiers,
        @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 64) String> purposes,
        @NotNull @Size(min = 1, max = 4) List<@NotNull Channel> channels,
        @NotNull ConsentStatus status,
        @Size(max = 64) String policyVersion,
        @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9]+:[A-Za-z0-9+/=_-]+", message = "must look like sha256:<digest>")
        String policyTextHash,
        @Valid EvidenceInput evidence,
        Instant expiresAt) {

    /** An identifier as typed: phone numbers may be national (the tenant's default region applies). */
    public record IdentifierInput(@NotNull IdentifierType type, @NotBlank @Size(max = 256) String value) {
    }

    /** What proves the consent: the call recording, where it was given. */
    public record EvidenceInput(
            @Size(max = 64) String ipAddress,
            @Size(max = 512) String userAgent,
            @Size(max = 256) String recordingReference,
            @Size(max = 128) String otpChallengeId) {
    }
}
