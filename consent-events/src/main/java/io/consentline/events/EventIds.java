package io.consentline.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * Ids for new events: time-ordered UUIDs (version 7, RFC 9562), in their usual lower-case text form. The first 48
 * bits are the Unix time in milliseconds, the rest random (74 bits, from {@code SecureRandom}), counted up within a
 * millisecond, so ids made later sort later, as text too.
 *
 * <p>Why: every consumer that keeps exactly-once by event id keeps a unique index of them, the audit log's above all
 * (it never deletes). Random ids (version 4) land all over such a B-tree, so every insert reads and dirties a leaf
 * page of its own, and the index costs more the larger it gets; time-ordered ids are added at its right-hand edge, as
 * a sequence would be (docs/benchmarks.md, nineteenth round: 0.7–0.8 instead of 3.1–3.7 µs of PostgreSQL's CPU an
 * insert into the audit log's index of event ids). Ids that must be derived from something (a provider's message id,
 * so that a retried webhook gives the same event) stay name-based.
 */
public final class EventIds {

    private static final NoArgGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private EventIds() {
    }

    /** A new event id, e.g. {@code 019aeb8c-6f4a-7d2e-9b1c-3f0e5a7d8c21}. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
