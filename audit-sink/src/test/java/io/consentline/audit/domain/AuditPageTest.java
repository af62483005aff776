package io.consentline.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class AuditPageTest {

    private static List<AuditEntry> entries(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(p -> AuditEntry.of(TestRecords.stored(p))).toList();
    }

    @Test
    void fewerEntriesThanTheLimitAreTheLastPage() {
        AuditPage page = AuditPage.of(entries(1, 3), 5);

        assertThat(page.entries()).extracting(AuditEntry::position).containsExactly(1L, 2L, 3L);
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void exactlyTheLimitIsStillTheLastPage() {
        AuditPage page = AuditPage.of(entries(1, 5), 5);

        assertThat(page.entries()).hasSize(5);
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void oneMoreThanTheLimitCutsThePageAndPointsAfterItsLastEntry() {
        AuditPage page = AuditPage.of(entries(10, 16), 6);

        assertThat(page.entries()).extracting(AuditEntry::position).containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(page.nextAfter()).isEqualTo(15L);
    }

    @Test
    void nothingFoundIsAnEmptyLastPage() {
        AuditPage page = AuditPage.of(List.of(), 50);

        assertThat(page.entries()).isEmpty();
        assertThat(page.nextAfter()).isNull();
    }
}
