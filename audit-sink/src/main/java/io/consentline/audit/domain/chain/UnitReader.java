package io.consentline.audit.domain.chain;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of a unit read in order, whatever its chain format ({@link Canonical.Reader} for v2,
 * {@link CompactCanonical.Reader} for v3), so that one decoder turns either into a row ({@link AuditRecord#ofUnit}).
 * Each read fails with an {@link IllegalArgumentException} when the field is not there in its form.
 */
interface UnitReader {

    String text();

    /** A field that is never absent. */
    long seq();

    /** A field that is never absent. */
    Instant instant();

    Integer optionalInt32();

    Long optionalInt64();

    /** A SHA-256 digest that is never absent. */
    byte[] digest();

    UUID optionalUuid();

    byte[] optionalDigest();

    /** Fails unless every byte has been read. */
    void end();
}
