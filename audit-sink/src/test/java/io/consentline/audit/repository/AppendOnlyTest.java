package io.consentline.audit.repository;

import static io.consentline.audit.TestChanges.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** The audit log is append-only in the database itself, whatever the application does. */
@QuarkusTest
class AppendOnlyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    RecordingService recording;

    private CloudEvent<ConsentChanged> recorded;

    @BeforeEach
    void givenARecordedChange() {
        String subjectId = UUID.randomUUID().toString();
        recorded = change(subjectId, "v-" + subjectId, "marketing", null, ConsentStatus.GRANTED);
        recording.record(EventCodec.encode(recorded), new LogPosition(0, 0)).await().atMost(PATIENCE);
    }

    private void run(String sql) {
        pool.preparedQuery(sql).execute(Tuple.of(recorded.id())).await().atMost(PATIENCE);
    }

    private String statusAfterOfTheRecordedChange() {
        return pool.preparedQuery("select status_after from audit_entry where event_id = $1")
                .execute(Tuple.of(recorded.id())).await().atMost(PATIENCE)
                .iterator().next().getString("status_after");
    }

    @Test
    void updateIsRefused() {
        assertThatThrownBy(() -> run("update audit_entry set status_after = 'DENIED' where event_id = $1"))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("append-only");
        assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
    }

    @Test
    void deleteIsRefused() {
        assertThatThrownBy(() -> run("delete from audit_entry where event_id = $1"))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("append-only");
        assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
    }

    @Test
    void deleteMatchingNoRowIsRefusedToo() {
        assertThatThrownBy(() -> pool.query("delete from audit_entry where false").execute().await().atMost(PATIENCE))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void truncateIsRefused() {
        assertThatThrownBy(() -> pool.query("truncate audit_entry").execute().await().atMost(PATIENCE))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("append-only");
        assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
    }

    @Test
    void recordingTheSameEventAgainChangesNothing() {
        boolean appended = recording.record(EventCodec.encode(recorded), new LogPosition(0, 1)).await()
                .atMost(PATIENCE);

        assertThat(appended).isFalse();
        long copies = pool.preparedQuery("select count(*) as n from audit_entry where event_id = $1")
                .execute(Tuple.of(recorded.id())).await().atMost(PATIENCE).iterator().next().getLong("n");
        assertThat(copies).isEqualTo(1);
    }
}
