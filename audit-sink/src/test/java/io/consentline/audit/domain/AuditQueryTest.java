package io.consentline.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;

class AuditQueryTest {

    private static final Identifier VISITOR = new Identifier(IdentifierType.VISITOR, "v-1");
    private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T00:00:00Z");

    private static AuditQuery query(Identifier identifier, String subjectId, Instant from, Instant to, long after,
            int limit) {
        return new AuditQuery(identifier, subjectId, null, null, null, null, from, to, after, limit);
    }

    @Test
    void everyFilterIsOptional() {
        assertThat(query(null, null, null, null, 0, 50).identifier()).isNull();
    }

    @Test
    void aSubjectIsFoundByIdentifierOrBySubjectIdNotBoth() {
        assertThatThrownBy(() -> query(VISITOR, "s-1", null, null, 0, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLimitStaysWithinItsBounds() {
        assertThat(query(null, "s-1", null, null, 0, AuditQuery.MAX_LIMIT).limit()).isEqualTo(500);
        assertThatThrownBy(() -> query(null, "s-1", null, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(null, "s-1", null, null, 0, AuditQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCursorIsNeverNegative() {
        assertThatThrownBy(() -> query(null, "s-1", null, null, -1, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimeRangeRunsForwards() {
        assertThat(query(null, null, T1, T2, 0, 50).from()).isEqualTo(T1);
        assertThatThrownBy(() -> query(null, null, T2, T1, 0, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(null, null, T1, T1, 0, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextPageKeepsTheFilters() {
        AuditQuery next = query(VISITOR, null, T1, T2, 0, 10).startingAfter(42);

        assertThat(next.after()).isEqualTo(42);
        assertThat(next.identifier()).isEqualTo(VISITOR);
        assertThat(next.to()).isEqualTo(T2);
    }
}
