package io.consentline.audit.repository;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.OwnerConnection;
import io.consentline.audit.domain.TestRecords;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.LinkCheck;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.service.RecordingService;
import io.consentline.audit.service.VerificationService;
import io.consentline.events.ConsentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows appended in chain format v1 (before v2) keep verifying, v2 rows link onto them, and the Java encoding of
 * both formats is the one the SQL functions compute, so an outside verifier can use either.
 */
@QuarkusTest
class ChainFormatTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    RecordingService recording;

    @Inject
    VerificationService verification;

    private String tenant;

    @BeforeEach
    void givenAChainOfThreeV1RowsThenTwoV2Rows() {
        tenant = "fmt-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] prev = ChainHash.genesis();
        List<AuditRecord> v1 = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            AuditRecord r = v1(seq, prev);
            AuditRecord linked = withHash(r, ChainHash.link(prev, r.canonical()));
            v1.add(linked);
            prev = linked.hash();
        }
        // as the service appended them before v2: rows of version 1 and the chain's head
        pool.preparedQuery(AuditLogRepository.appendTo("audit_entry")).execute(AuditLogRepository.columns(v1))
                .await().atMost(PATIENCE);
        pool.preparedQuery("insert into audit_chain (tenant, seq, head) values ($1, 3, $2)")
                .execute(Tuple.of(tenant, io.vertx.core.buffer.Buffer.buffer(prev))).await().atMost(PATIENCE);
        String subject = UUID.randomUUID().toString();
        recorded(recording, change(tenant, subject, "v-1", "marketing", null, ConsentStatus.GRANTED));
        recorded(recording, change(tenant, subject, "v-1", "marketing", ConsentStatus.GRANTED, ConsentStatus.DENIED));
    }

    private static AuditRecord withHash(AuditRecord r, byte[] hash) {
        return new AuditRecord(r.tenant(), r.seq(), r.prevHash(), hash, r.eventId(), r.eventType(), r.subjectId(),
                r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(), r.statusBefore(),
                r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(), r.kafkaTopic(), r.kafkaPartition(),
                r.kafkaOffset(), r.facts(), r.keyId(), r.sealed());
    }

    private AuditRecord v1(long seq, byte[] prev) {
        AuditRecord template = TestRecords.pending("v1-" + tenant + "-" + seq).chained(seq, prev,
                Instant.parse("2026-11-20T08:00:00Z"), UUID.randomUUID(), new byte[] { 1, 2, (byte) seq });
        return new AuditRecord(tenant, seq, prev, null, template.eventId(), template.eventType(),
                template.subjectId(), template.identifierHash(), template.identifierType(), template.purposes(),
                template.channel(), template.source(), template.statusBefore(), template.statusAfter(),
                template.occurredAt(), template.recordedAt(), template.causationId(), template.kafkaTopic(),
                template.kafkaPartition(), template.kafkaOffset(), template.facts(), template.keyId(),
                template.sealed());
    }

    private VerifyReport verify(boolean deep) {
        return verification.verify(tenant, 1, null, deep).await().atMost(PATIENCE);
    }

    @Test
    void aChainStartedInV1KeepsVerifyingWithV2RowsAfterIt() throws SQLException {
        assertThat(versions()).containsExactly(1, 1, 1, 2, 2);

        assertThat(verify(false).valid()).isTrue();
        assertThat(verify(false).rowsChecked()).isEqualTo(5);
        assertThat(verify(true).valid()).isTrue();
    }

    @Test
    void everyRowHashesInSqlAsInJava() throws SQLException {
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement(
                "select bool_and(audit_link(e) = hash and (unit is null or unit = audit_canonical_v2(e))) "
                        + "from audit_entry e where tenant = ?")) {
            p.setString(1, tenant);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                assertThat(rows.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    void anAlteredV1RowIsStillFound() throws SQLException {
        behindTheServicesBack("update audit_entry set sealed = '\\x0102ff'::bytea where tenant = '" + tenant
                + "' and seq = 2");

        VerifyReport report = verify(false);

        assertThat(report.valid()).isFalse();
        assertThat(report.firstBroken().seq()).isEqualTo(2);
        assertThat(report.firstBroken().reason()).isEqualTo(LinkCheck.CHANGED);
    }

    @Test
    void aV2RowPassedOffAsV1BreaksItsLink() throws SQLException {
        behindTheServicesBack("update audit_entry set chain_version = 1, facts_hash = null, sealed_hash = null, unit = null "
                + "where tenant = '" + tenant + "' and seq = 4");

        VerifyReport report = verify(false);

        assertThat(report.valid()).isFalse();
        assertThat(report.firstBroken().seq()).isEqualTo(4);
    }

    @Test
    void aV2RowWithoutItsUnitVerifiesFromItsColumnsAsBeforeV7() throws SQLException {
        behindTheServicesBack("update audit_entry set unit = null where tenant = '" + tenant + "' and seq = 4");

        assertThat(verify(false).valid()).isTrue();
        assertThat(verify(true).valid()).isTrue();

        behindTheServicesBack("update audit_entry set status_after = 'DENIED' where tenant = '" + tenant
                + "' and seq = 4");

        VerifyReport report = verify(false);
        assertThat(report.firstBroken().seq()).isEqualTo(4);
        assertThat(report.firstBroken().reason()).isEqualTo(LinkCheck.CHANGED);
    }

    @Test
    void newRowsStoreTheBytesTheirLinkCovers() throws SQLException {
        assertThat(versions()).containsExactly(1, 1, 1, 2, 2);
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement(
                "select count(*) filter (where unit is not null) from audit_entry where tenant = ?")) {
            p.setString(1, tenant);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("the two v2 rows").isEqualTo(2);
            }
        }
    }

    @Test
    void aRangeStartsAtTheRowBeforeItSoARowMissingThereIsFound() throws SQLException {
        // a range, and each slice of a long one, starts at the row before it: a row missing there is found
        VerifyReport whole = verification.verify(tenant, 2, 5L, false).await().atMost(PATIENCE);
        assertThat(whole.valid()).isTrue();
        assertThat(whole.rowsChecked()).isEqualTo(4);

        behindTheServicesBack("delete from audit_entry where tenant = '" + tenant + "' and seq = 1");

        VerifyReport fromTwo = verification.verify(tenant, 2, 5L, false).await().atMost(PATIENCE);
        assertThat(fromTwo.firstBroken().seq()).isEqualTo(2);
        assertThat(fromTwo.firstBroken().reason()).isEqualTo(LinkCheck.MISSING);
    }

    private List<Integer> versions() throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement(
                "select chain_version from audit_entry where tenant = ? order by seq")) {
            p.setString(1, tenant);
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
        }
        return versions;
    }

    private static void behindTheServicesBack(String sql) throws SQLException {
        try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("alter table audit_entry disable trigger user");
            s.execute(sql);
            s.execute("alter table audit_entry enable trigger user");
            c.commit();
        }
    }

}
