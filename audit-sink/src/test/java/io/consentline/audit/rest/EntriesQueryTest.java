package io.consentline.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;

class EntriesQueryTest {

    private static String fieldRefusedIn(Runnable parse) {
        try {
            parse.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.toProblem().field();
        }
        throw new AssertionError("the query was accepted");
    }

    @Test
    void anIdentifierQueryWithDefaults() {
        EntriesQuery query = EntriesQuery.parse("phone", " +4915112345678 ", null, null, null, null);

        assertThat(query.identifier()).isEqualTo(new Identifier(IdentifierType.PHONE, "+4915112345678"));
        assertThat(query.subjectId()).isNull();
        assertThat(query.purpose()).isNull();
        assertThat(query.after()).isZero();
        assertThat(query.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
    }

    @Test
    void aSubjectQueryWithPurposeCursorAndLimit() {
        AuditQuery query = EntriesQuery.parse(null, null, "s-1", "marketing", "500", "1042").toAuditQuery();

        assertThat(query.byIdentifier()).isFalse();
        assertThat(query.subjectId()).isEqualTo("s-1");
        assertThat(query.purpose()).isEqualTo("marketing");
        assertThat(query.after()).isEqualTo(1042);
        assertThat(query.limit()).isEqualTo(500);
    }

    @Test
    void blankParametersCountAsAbsent() {
        EntriesQuery query = EntriesQuery.parse("", " ", "s-1", "", " ", "");

        assertThat(query.subjectId()).isEqualTo("s-1");
        assertThat(query.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
    }

    @Test
    void eachRefusalNamesItsParameter() {
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, null, null, null, null, null)))
                .isEqualTo("identifier");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse("visitor", "v-1", "s-1", null, null, null)))
                .isEqualTo("subjectId");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse("passport", "X1", null, null, null, null)))
                .isEqualTo("identifierType");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, "v-1", null, null, null, null)))
                .isEqualTo("identifierType");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse("visitor", null, null, null, null, null)))
                .isEqualTo("identifier");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, null, "x".repeat(129), null, null, null)))
                .isEqualTo("subjectId");
        assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, null, "s-1", "Marketing!", null, null)))
                .isEqualTo("purpose");
    }

    @Test
    void theLimitIsAWholeNumberFromOneTo500() {
        for (String limit : new String[] { "0", "-3", "501", "1e3", "fifty", "99999999999" }) {
            assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, null, "s-1", null, limit, null)))
                    .as("limit %s", limit).isEqualTo("limit");
        }
        assertThat(EntriesQuery.parse(null, null, "s-1", null, "1", null).limit()).isEqualTo(1);
    }

    @Test
    void theCursorIsANonNegativeEntryId() {
        for (String after : new String[] { "-1", "abc", "1.5", "99999999999999999999" }) {
            assertThat(fieldRefusedIn(() -> EntriesQuery.parse(null, null, "s-1", null, null, after)))
                    .as("after %s", after).isEqualTo("after");
        }
    }
}
