package io.consentline.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Event ids are unique under a bytewise index (V4); the lookup of already-recorded ids that a redelivered batch
 * needs must be able to use it, or it would read the whole log.
 */
@QuarkusTest
class EventIdIndexTest {

    @Inject
    Pool pool;

    @Test
    void recordedEventIdsAreLookedUpThroughTheUniqueIndex() {
        StringBuilder plan = new StringBuilder();
        pool.withTransaction(tx -> tx.query("set local enable_seqscan = off").execute()
                .chain(() -> tx.preparedQuery("explain " + AuditLogRepository.RECORDED_EVENT_IDS)
                        .execute(Tuple.of((Object) new String[] { "e-1", "e-2" }))))
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> plan.append(row.getString(0)).append('\n'));
        assertThat(plan.toString()).contains("audit_entry_event_id_bytewise").doesNotContain("Seq Scan");
    }
}
