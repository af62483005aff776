package io.consentline.gateway.domain.otp;

import java.time.Instant;
import java.util.Objects;

/**
 * One SMS double-opt-in attempt: a code was sent to a number for a purpose on a site. Proven by the right code,
 * from the same number, before it expires, within the attempt limit, once.
 *
 * @param phoneHash the keyed hash of the E.164 number (never the number)
 * @param codeHash the keyed hash of the code ({@link CodeHasher})
 * @param attempts wrong codes tried so far
 * @param verifiedAt when the right code was given; null until then
 */
public record OtpChallenge(String id, String tenant, String siteId, String purpose, String phoneHash,
        String codeHash, String language, Instant createdAt, Instant expiresAt, int attempts, Instant verifiedAt) {

    /** How an attempt ended. Only {@link #VERIFIED} opts in; all the others answer the same to the caller. */
    public enum Outcome {
        VERIFIED, WRONG_CODE, WRONG_NUMBER, EXPIRED, ALREADY_USED, TOO_MANY_ATTEMPTS
    }

    /** The result of one attempt: how it ended and the challenge to store. */
    public record Attempt(Outcome outcome, OtpChallenge challenge) {
    }

    public Attempt attempt(String givenPhoneHash, String givenCodeHash, int maxAttempts, Instant now) {
        if (verifiedAt != null) {
            return new Attempt(Outcome.ALREADY_USED, this);
        }
        if (!now.isBefore(expiresAt)) {
            return new Attempt(Outcome.EXPIRED, this);
        }
        if (attempts >= maxAttempts) {
            return new Attempt(Outcome.TOO_MANY_ATTEMPTS, this);
        }
        // A wrong number counts as an attempt too: guessing numbers is guessing.
        boolean rightNumber = CodeHasher.same(phoneHash, givenPhoneHash);
        boolean rightCode = CodeHasher.same(codeHash, givenCodeHash);
        if (rightNumber && rightCode) {
            return new Attempt(Outcome.VERIFIED, withVerifiedAt(now));
        }
        return new Attempt(rightNumber ? Outcome.WRONG_CODE : Outcome.WRONG_NUMBER, withAttempts(attempts + 1));
    }

    private OtpChallenge withVerifiedAt(Instant at) {
        return new OtpChallenge(id, tenant, siteId, purpose, phoneHash, codeHash, language, createdAt, expiresAt,
                attempts, Objects.requireNonNull(at));
    }

    private OtpChallenge withAttempts(int count) {
        return new OtpChallenge(id, tenant, siteId, purpose, phoneHash, codeHash, language, createdAt, expiresAt,
                count, verifiedAt);
    }
}
