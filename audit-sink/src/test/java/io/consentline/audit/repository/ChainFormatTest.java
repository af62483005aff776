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
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.service.RecordingService;
import io.consentline.audit.service.VerificationService;
import io.consentline.events.ConsentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows appended in chain format v1 (before V3) and v2 (before V9) keep verifying, v3 rows link onto them, and the
 * Java encodings of v1 and v2 are the ones the SQL functions compute, so an outside verifier can use either.
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
    void givenAChainOfThreeV1RowsThenTwoV2RowsThenTwoV3Rows() {
        tenant = "fmt-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] prev = ChainHash.genesis();
        List<AuditRecord> old = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            AuditRecord r = seq <= 3 ? v1(seq, prev) : v2(seq, prev);
            AuditRecord linked = r.version() == 1 ? withHash(r, ChainHash.link(prev, r.canonical())) : r;
            old.add(linked);
            prev = linked.hash();
        }
        // as the service appended them before v2 and before v3 (with their units, as since V7), and the chain's head
        pool.preparedQuery(AuditLogRepository.appendTo("audit_entry")).execute(AuditLogRepository.columns(old))
                .await().atMost(PATIENCE);
        pool.preparedQuery("insert into audit_chain (tenant, seq, head) values ($1, 5, $2)")
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

    private AuditRecord v2(long seq, byte[] prev) {
        AuditRecord v1 = v1(seq, prev);
        return TestRecords.inFormat(new AuditRecord(v1.tenant(), seq, prev, null, v1.eventId(), v1.eventType(),
                v1.subjectId(), v1.identifierHash(), v1.identifierType(), v1.purposes(), v1.channel(), v1.source(),
                v1.statusBefore(), v1.statusAfter(), v1.occurredAt(), v1.recordedAt(), v1.causationId(),
                v1.kafkaTopic(), v1.kafkaPartition(), v1.kafkaOffset(), v1.facts(), v1.keyId(), v1.sealed(), 2,
                AuditRecord.digestOfFacts(v1.facts()), AuditRecord.digestOfSealed(v1.sealed())), 2);
    }

    private VerifyReport verify(boolean deep) {
        return verification.verify(tenant, 1, null, deep).await().atMost(PATIENCE);
    }

    @Test
    void aChainStartedInV1KeepsVerifyingWithV2AndV3RowsAfterIt() throws SQLException {
        assertThat(versions()).containsExactly(1, 1, 1, 2, 2, 3, 3);

        assertThat(verify(false).valid()).isTrue();
        assertThat(verify(false).rowsChecked()).isEqualTo(7);
        assertThat(verify(true).valid()).isTrue();
        assertThat(verify(true).rowsChecked()).isEqualTo(7);
    }

    @Test
    void everyRowHashesInSqlAsInJava() throws SQLException {
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement(
                "select bool_and(audit_link(e) = hash and (chain_version <> 2 or unit = audit_canonical_v2(e)) "
                        + "and (chain_version <> 3 or unit = audit_canonical_v3(e))), "
                        + "count(*) from audit_entry e where tenant = ?")) {
            p.setString(1, tenant);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                assertThat(rows.getBoolean(1)).isTrue();
                assertThat(rows.getInt(2)).isEqualTo(7);
            }
        }
    }

    @Test
    void theSqlEncodingOfV3IsTheJavaOneForTextsOfEveryForm() throws SQLException {
        String odd = "odd-" + UUID.randomUUID().toString().substring(0, 8);
        PendingEntry p = TestRecords.pending("x");
        List<AuditRecord> rows = new ArrayList<>();
        String[][] texts = { { "0F8FAD5B-D9CB-469F-A165-70867728950E", "ABCD", "abc", "" },
                { UUID.randomUUID().toString(), "5f".repeat(32), "0", "été ✓ " + "long ".repeat(40) },
                { "00", "deadbeef", "0f8fad5b-d9cb-469f-a165-70867728950", "a\nb" } };
        for (int i = 0; i < texts.length; i++) {
            String[] t = texts[i];
            rows.add(TestRecords.inFormat(new PendingEntry(odd, "e-" + odd + "-" + i, t[0], t[1], t[2], t[3],
                    i == 0 ? List.of() : List.of(t[3], t[0]), null, t[1], t[2], null, p.occurredAt(), t[0],
                    i == 1 ? null : p.position(), t[3], i == 2 ? null : "{}")
                    .chained(i + 1, ChainHash.genesis(), Instant.parse("2026-11-23T10:00:00Z"),
                            i == 2 ? null : UUID.randomUUID(), i == 2 ? null : new byte[] { 1 }), 3));
        }
        pool.preparedQuery(AuditLogRepository.appendTo("audit_entry")).execute(AuditLogRepository.columns(rows))
                .await().atMost(PATIENCE);

        try (Connection c = OwnerConnection.open(); PreparedStatement q = c.prepareStatement(
                "select count(*) filter (where unit = audit_canonical_v3(e) and chain_version = 3) "
                        + "from audit_entry e where tenant = ?")) {
            q.setString(1, odd);
            try (ResultSet result = q.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(3);
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
    void aV3RowPassedOffAsV2StillLinksButTheDeepVerifyFindsItsColumnsNoLongerMatch() throws SQLException {
        behindTheServicesBack("update audit_entry set chain_version = 2 where tenant = '" + tenant + "' and seq = 6");

        assertThat(verify(false).valid()).as("its unit, which says v3, still links").isTrue();
        VerifyReport deep = verify(true);
        assertThat(deep.firstBroken().seq()).isEqualTo(6);
        assertThat(deep.firstBroken().reason()).isEqualTo(LinkCheck.COLUMNS_CHANGED);
    }

    @Test
    void theDatabaseRefusesAV3RowWithoutItsUnit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> behindTheServicesBack(
                "update audit_entry set unit = null where tenant = '" + tenant + "' and seq = 6"))
                .isInstanceOf(SQLException.class).hasMessageContaining("audit_entry_unit");
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
    void aUnitRemovedFromARowAfterTheFirstWithOneIsFoundByBothVerifies() throws SQLException {
        behindTheServicesBack("update audit_entry set unit = null where tenant = '" + tenant + "' and seq = 5");

        for (boolean deep : new boolean[] { false, true }) {
            VerifyReport report = verify(deep);
            assertThat(report.firstBroken().seq()).as("deep %s", deep).isEqualTo(5);
            assertThat(report.firstBroken().reason()).isEqualTo(LinkCheck.UNIT_REMOVED);
            assertThat(report.rowsChecked()).isEqualTo(7);
        }
        VerifyReport fromFive = verification.verify(tenant, 5, 7L, false).await().atMost(PATIENCE);
        assertThat(fromFive.firstBroken().seq()).as("a range that starts at it").isEqualTo(5);
        assertThat(fromFive.firstBroken().reason()).isEqualTo(LinkCheck.UNIT_REMOVED);
    }

    @Test
    void newRowsStoreTheBytesTheirLinkCoversInV3() throws SQLException {
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement(
                "select count(*) filter (where unit is not null), "
                        + "count(*) filter (where chain_version = 3 and get_byte(unit, 0) = 3 "
                        + "and sha256(prev_hash || unit) = hash) from audit_entry where tenant = ?")) {
            p.setString(1, tenant);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("the two v2 rows and the two v3 rows").isEqualTo(4);
                assertThat(rows.getInt(2)).as("the two v3 rows").isEqualTo(2);
            }
        }
    }

    @Test
    void aRangeStartsAtTheRowBeforeItSoARowMissingThereIsFound() throws SQLException {
        // a range, and each slice of a long one, starts at the row before it: a row missing there is found
        VerifyReport whole = verification.verify(tenant, 2, 7L, false).await().atMost(PATIENCE);
        assertThat(whole.valid()).isTrue();
        assertThat(whole.rowsChecked()).isEqualTo(6);

        behindTheServicesBack("delete from audit_entry where tenant = '" + tenant + "' and seq = 1");

        VerifyReport fromTwo = verification.verify(tenant, 2, 7L, false).await().atMost(PATIENCE);
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
