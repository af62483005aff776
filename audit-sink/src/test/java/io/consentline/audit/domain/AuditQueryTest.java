package io.consentline.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;

class AuditQueryTest {

    private static final Identifier VISITOR = new Identifier(IdentifierType.VISITOR, "v-1");

    @Test
    void aSubjectIsFoundByIdentifierOrBySubjectId() {
        assertThat(new AuditQuery(VISITOR, null, null, 0, 50).byIdentifier()).isTrue();
        assertThat(new AuditQuery(null, "s-1", null, 0, 50).byIdentifier()).isFalse();
    }

    @Test
    void exactlyOneWayToFindTheSubjectIsRequired() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, 0, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditQuery(VISITOR, "s-1", null, 0, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLimitStaysWithinItsBounds() {
        assertThat(new AuditQuery(null, "s-1", null, 0, AuditQuery.MAX_LIMIT).limit()).isEqualTo(500);
        assertThatThrownBy(() -> new AuditQuery(null, "s-1", null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditQuery(null, "s-1", null, 0, AuditQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCursorIsNeverNegative() {
        assertThatThrownBy(() -> new AuditQuery(null, "s-1", null, -1, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
