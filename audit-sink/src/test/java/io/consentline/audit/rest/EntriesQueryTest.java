package io.consentline.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.domain.EntryType;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;

class EntriesQueryTest {

    private static EntriesQuery.Params params(String identifierType, String identifier, String subjectId,
            String purpose, String limit, String after) {
        return new EntriesQuery.Params(identifierType, identifier, subjectId, purpose, null, null, null, null, null,
                limit, after);
    }

    private static String fieldRefusedIn(EntriesQuery.Params params) {
        try {
            EntriesQuery.parse(params);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.toProblem().field();
        }
        throw new AssertionError("the query was accepted");
    }

    @Test
    void anIdentifierQueryWithDefaults() {
        AuditQuery query = EntriesQuery.parse(params("phone", " +4915112345678 ", null, null, null, null));

        assertThat(query.identifier()).isEqualTo(new Identifier(IdentifierType.PHONE, "+4915112345678"));
        assertThat(query.subjectId()).isNull();
        assertThat(query.after()).isZero();
        assertThat(query.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
    }

    @Test
    void noFilterAtAllIsTheWholeLog() {
        AuditQuery query = EntriesQuery.parse(params(null, null, null, null, null, null));

        assertThat(query.identifier()).isNull();
        assertThat(query.subjectId()).isNull();
    }

    @Test
    void everyFilterIsParsed() {
        AuditQuery query = EntriesQuery.parse(new EntriesQuery.Params(null, null, "s-1", "*", "sms", "sms-keyword",
                "submission", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "500", "1042"));

        assertThat(query.subjectId()).isEqualTo("s-1");
        assertThat(query.purpose()).isEqualTo("*");
        assertThat(query.channel()).isEqualTo("sms");
        assertThat(query.source()).isEqualTo("sms-keyword");
        assertThat(query.type()).isEqualTo(EntryType.SUBMISSION);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.after()).isEqualTo(1042);
        assertThat(query.limit()).isEqualTo(500);
    }

    @Test
    void blankParametersCountAsAbsent() {
        AuditQuery query = EntriesQuery.parse(params("", " ", "s-1", "", " ", ""));

        assertThat(query.subjectId()).isEqualTo("s-1");
        assertThat(query.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
    }

    @Test
    void eachRefusalNamesItsParameter() {
        assertThat(fieldRefusedIn(params("visitor", "v-1", "s-1", null, null, null))).isEqualTo("subjectId");
        assertThat(fieldRefusedIn(params("passport", "X1", null, null, null, null))).isEqualTo("identifierType");
        assertThat(fieldRefusedIn(params(null, "v-1", null, null, null, null))).isEqualTo("identifierType");
        assertThat(fieldRefusedIn(params("visitor", null, null, null, null, null))).isEqualTo("identifier");
        assertThat(fieldRefusedIn(params(null, null, "x".repeat(129), null, null, null))).isEqualTo("subjectId");
        assertThat(fieldRefusedIn(params(null, null, "s-1", "Marketing!", null, null))).isEqualTo("purpose");
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, "fax", null, null, null, null, null,
                null))).isEqualTo("channel");
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, null, "carrier-pigeon", null, null,
                null, null, null))).isEqualTo("source");
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, null, null, "everything", null,
                null, null, null))).isEqualTo("type");
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, null, null, null, "yesterday",
                null, null, null))).isEqualTo("from");
    }

    @Test
    void aReversedOrEmptyRangeIsRefused() {
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, null, null, null,
                "2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z", null, null))).isEqualTo("to");
        assertThat(fieldRefusedIn(new EntriesQuery.Params(null, null, null, null, null, null, null,
                "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", null, null))).isEqualTo("to");
    }

    @Test
    void theLimitIsAWholeNumberFromOneTo500() {
        for (String limit : new String[] { "0", "-3", "501", "1e3", "fifty", "99999999999" }) {
            assertThat(fieldRefusedIn(params(null, null, "s-1", null, limit, null))).as("limit %s", limit)
                    .isEqualTo("limit");
        }
        assertThat(EntriesQuery.parse(params(null, null, "s-1", null, "1", null)).limit()).isEqualTo(1);
    }

    @Test
    void theCursorIsANonNegativePosition() {
        for (String after : new String[] { "-1", "abc", "1.5", "99999999999999999999" }) {
            assertThat(fieldRefusedIn(params(null, null, "s-1", null, null, after))).as("after %s", after)
                    .isEqualTo("after");
        }
    }
}
