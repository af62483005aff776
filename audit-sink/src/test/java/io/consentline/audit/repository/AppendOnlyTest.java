package io.consentline.audit.repository;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.audit.OwnerConnection;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
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
        recorded = recorded(recording, change(subjectId, "v-" + subjectId, "marketing", null, ConsentStatus.GRANTED));
    }

    private String statusAfterOfTheRecordedChange() {
        return pool.preparedQuery("select status_after from audit_entry where event_id = $1")
                .execute(Tuple.of(recorded.id())).await().atMost(PATIENCE)
                .iterator().next().getString("status_after");
    }

    /** The service's own database role: it can only insert and select. */
    @Nested
    class TheServicesRole {

        private void run(String sql) {
            pool.preparedQuery(sql).execute(Tuple.of(recorded.id())).await().atMost(PATIENCE);
        }

        @Test
        void isNotTheOwnerOfTheLog() {
            String owner = pool.query("select tableowner from pg_tables where tablename = 'audit_entry'").execute()
                    .await().atMost(PATIENCE).iterator().next().getString("tableowner");
            String me = pool.query("select current_user as me").execute().await().atMost(PATIENCE).iterator().next()
                    .getString("me");
            assertThat(me).isNotEqualTo(owner);
        }

        @Test
        void cannotUpdate() {
            assertThatThrownBy(() -> run("update audit_entry set status_after = 'DENIED' where event_id = $1"))
                    .isInstanceOf(PgException.class).hasMessageContaining("permission denied");
            assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
        }

        @Test
        void cannotDelete() {
            assertThatThrownBy(() -> run("delete from audit_entry where event_id = $1"))
                    .isInstanceOf(PgException.class).hasMessageContaining("permission denied");
            assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
        }

        @Test
        void cannotTruncate() {
            assertThatThrownBy(() -> pool.query("truncate audit_entry").execute().await().atMost(PATIENCE))
                    .isInstanceOf(PgException.class).hasMessageContaining("permission denied");
            assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
        }

        @Test
        void cannotChangeOrDropCheckpoints() {
            assertThatThrownBy(() -> pool.query("delete from audit_checkpoint").execute().await().atMost(PATIENCE))
                    .isInstanceOf(PgException.class).hasMessageContaining("permission denied");
        }

        @Test
        void cannotDisableTheTriggers() {
            assertThatThrownBy(() -> pool.query("alter table audit_entry disable trigger user").execute().await()
                    .atMost(PATIENCE)).isInstanceOf(PgException.class);
        }
    }

    /** Even the owner (here the superuser) is refused by the triggers, unless it disables them on purpose. */
    @Nested
    class TheOwner {

        private void refused(String sql) throws SQLException {
            try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }

        @Test
        void isRefusedUpdate() throws SQLException {
            refused("update audit_entry set status_after = 'DENIED' where event_id = '" + recorded.id() + "'");
            assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
        }

        @Test
        void isRefusedDeleteEvenOfNoRow() throws SQLException {
            refused("delete from audit_entry where false");
        }

        @Test
        void isRefusedTruncate() throws SQLException {
            refused("truncate audit_entry");
            assertThat(statusAfterOfTheRecordedChange()).isEqualTo("GRANTED");
        }
    }

    @Test
    void recordingTheSameEventAgainChangesNothing() {
        recorded(recording, recorded);

        long copies = pool.preparedQuery("select count(*) as n from audit_entry where event_id = $1")
                .execute(Tuple.of(recorded.id())).await().atMost(PATIENCE).iterator().next().getLong("n");
        assertThat(copies).isEqualTo(1);
    }

}
