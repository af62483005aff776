package io.consentline.audit.rest;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static io.consentline.audit.TestChanges.topic;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.audit.AuditSinkTestResources;
import io.consentline.audit.OwnerConnection;
import io.consentline.audit.domain.checkpoint.CheckpointKeys;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.CheckpointRepository;
import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.audit.service.CheckpointService;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** The chain of each tenant can be verified, and a log rewritten behind the service's back is found. */
@QuarkusTest
class ChainResourceTest {

    @Inject
    RecordingService recording;

    @Inject
    CheckpointService checkpoints;

    @Inject
    CheckpointRepository checkpointRows;

    @Inject
    CheckpointKeys keys;

    @Inject
    AuditLogRepository log;

    private String tenant;
    private List<CloudEvent<ConsentChanged>> events;

    @BeforeEach
    void givenATenantWithThreeEntries() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String subject = UUID.randomUUID().toString();
        events = List.of(
                recorded(recording, change(tenant, subject, "v-1", "marketing", null, ConsentStatus.GRANTED)),
                recorded(recording, change(tenant, subject, "v-1", "marketing", ConsentStatus.GRANTED,
                        ConsentStatus.DENIED)),
                recorded(recording, change(tenant, subject, "v-1", "analytics", null, ConsentStatus.GRANTED)));
    }

    private JsonPath verify(String query) {
        return given().auth().oauth2(TestTokens.of(tenant, "compliance")).when().get("/v1/audit/verify" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private byte[] headAt(long seq) {
        return log.atSeq(tenant, seq).await().atMost(Duration.ofSeconds(10)).record().hash();
    }

    private static boolean publicationRecorded(Checkpoint checkpoint) {
        try (Connection c = OwnerConnection.open(); PreparedStatement p = c.prepareStatement("""
                select count(*) from audit_checkpoint_publication p join audit_checkpoint k on k.id = p.checkpoint_id
                where k.tenant = ? and k.seq = ?""")) {
            p.setString(1, checkpoint.tenant());
            p.setLong(2, checkpoint.seq());
            try (var rows = p.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as the database owner with the log's triggers off: what an attacker with the owner role can do. */
    private static void behindTheServicesBack(String... statements) throws SQLException {
        try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("alter table audit_entry disable trigger user");
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute("alter table audit_entry enable trigger user");
            c.commit();
        }
    }

    /** The report says the chain is broken, first at {@code seq}, for a reason containing {@code reason}. */
    private static void assertFirstBroken(JsonPath report, long seq, String reason) {
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(report.getLong("firstBroken.seq")).isEqualTo(seq);
        assertThat(report.getString("firstBroken.reason")).contains(reason);
    }

    @Test
    void anUntouchedChainVerifies() {
        JsonPath report = verify("");

        assertThat(report.getBoolean("valid")).isTrue();
        assertThat(report.getLong("rowsChecked")).isEqualTo(3);
        assertThat(report.getLong("toSeq")).isEqualTo(3);
        assertThat(report.getString("firstBroken")).isNull();
    }

    /** Changes what a row records: its column and the fields its link covers (its unit), encoded anew. */
    private String[] changeTheRecord(long seq, String column, String value) {
        String row = " where tenant = '" + tenant + "' and seq = " + seq;
        return new String[] { "update audit_entry set " + column + " = " + value + row,
                "update audit_entry e set unit = audit_canonical_v3(e)" + row };
    }

    @Test
    void aRowAlteredBehindTheServicesBackIsTheFirstBrokenLink() throws SQLException {
        behindTheServicesBack(changeTheRecord(2, "status_after", "'GRANTED'"));

        JsonPath report = verify("");

        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(report.getLong("firstBroken.seq")).isEqualTo(2);
        assertThat(report.getString("firstBroken.eventId")).isEqualTo(events.get(1).id());
        assertThat(report.getString("firstBroken.reason")).contains("changed after it was appended");
    }

    /** One bit of the unit's last byte (its sealed digest) flipped: the row's fields, event id included, still read. */
    private static final String LAST_BYTE_OF_UNIT_FLIPPED =
            "unit = set_byte(unit, length(unit) - 1, get_byte(unit, length(unit) - 1) # 1)";

    @Test
    void ofTwoRowsWhoseHashNoLongerHoldsTheEarlierIsTheFirstBrokenLinkWithItsEventId() throws SQLException {
        String unitChanged = "update audit_entry set " + LAST_BYTE_OF_UNIT_FLIPPED + " where tenant = '" + tenant
                + "' and seq = ";
        behindTheServicesBack(unitChanged + 3, unitChanged + 2);

        JsonPath report = verify("");

        assertFirstBroken(report, 2, "changed after it was appended");
        assertThat(report.getString("firstBroken.eventId")).isEqualTo(events.get(1).id());
        assertThat(report.getLong("rowsChecked")).isEqualTo(3);
    }

    @Test
    void aRowWhoseUnitAloneIsAlteredIsTheFirstBrokenLink() throws SQLException {
        behindTheServicesBack("update audit_entry set " + LAST_BYTE_OF_UNIT_FLIPPED + " where tenant = '"
                + tenant + "' and seq = 3");

        JsonPath report = verify("");

        assertFirstBroken(report, 3, "changed after it was appended");
    }

    @Test
    void aColumnAlteredAloneChangesNoReadAndIsFoundByTheDeepVerify() throws SQLException {
        behindTheServicesBack("update audit_entry set status_after = 'GRANTED' where tenant = '" + tenant
                + "' and seq = 2");

        assertThat(log.atSeq(tenant, 2).await().atMost(Duration.ofSeconds(10)).record().statusAfter())
                .as("reads show the fields the link covers").isEqualTo("DENIED");
        assertThat(verify("").getBoolean("valid")).as("the fast verify checks the links, not the search columns")
                .isTrue();
        JsonPath deep = verify("?deep=true");

        assertThat(deep.getBoolean("valid")).isFalse();
        assertThat(deep.getLong("firstBroken.seq")).isEqualTo(2);
        assertThat(deep.getString("firstBroken.eventId")).isEqualTo(events.get(1).id());
        assertThat(deep.getString("firstBroken.reason")).contains("columns no longer match");
    }

    @Test
    void aDeletedRowBreaksTheChainAfterIt() throws SQLException {
        behindTheServicesBack("delete from audit_entry where tenant = '" + tenant + "' and seq = 2");

        JsonPath report = verify("");

        assertFirstBroken(report, 3, "missing");
    }

    @Test
    void aSealedBlobAlteredBehindTheServicesBackIsFoundByTheDeepVerify() throws SQLException {
        behindTheServicesBack("update audit_entry set sealed = sealed || '\\x00'::bytea where tenant = '" + tenant
                + "' and seq = 2");

        assertThat(verify("").getBoolean("valid")).as("the fast verify covers blobs only through their digests")
                .isTrue();
        JsonPath deep = verify("?deep=true");

        assertThat(deep.getBoolean("deep")).isTrue();
        assertThat(deep.getBoolean("valid")).isFalse();
        assertThat(deep.getLong("firstBroken.seq")).isEqualTo(2);
        assertThat(deep.getString("firstBroken.eventId")).isEqualTo(events.get(1).id());
        assertThat(deep.getString("firstBroken.reason")).contains("no longer match the digests");
    }

    @Test
    void factsAlteredBehindTheServicesBackAreFoundByTheDeepVerify() throws SQLException {
        behindTheServicesBack("update audit_entry set facts = replace(facts, 'marketing', 'analytics') where tenant = '"
                + tenant + "' and seq = 1");

        JsonPath deep = verify("?deep=true");

        assertThat(deep.getBoolean("valid")).isFalse();
        assertThat(deep.getLong("firstBroken.seq")).isEqualTo(1);
    }

    @Test
    void aBlobAlteredTogetherWithItsDigestColumnIsFoundByTheDeepVerify() throws SQLException {
        behindTheServicesBack("update audit_entry set sealed = sealed || '\\x00'::bytea, "
                + "sealed_hash = sha256(sealed || '\\x00'::bytea) where tenant = '" + tenant + "' and seq = 3");

        assertThat(verify("").getBoolean("valid")).as("the link covers the digest in the row's unit, not the column")
                .isTrue();
        JsonPath deep = verify("?deep=true");

        assertFirstBroken(deep, 3, "columns no longer match");
    }

    @Test
    void aBlobAlteredWithTheDigestInItsUnitBreaksTheLinkInTheFastVerify() throws SQLException {
        behindTheServicesBack(changeTheRecord(3, "sealed_hash", "sha256(sealed || '\\x00'::bytea), sealed = sealed || '\\x00'::bytea"));

        JsonPath report = verify("");

        assertFirstBroken(report, 3, "changed after it was appended");
    }

    @Test
    void anUntouchedChainPassesTheDeepVerify() {
        JsonPath deep = verify("?deep=true");

        assertThat(deep.getBoolean("valid")).isTrue();
        assertThat(deep.getLong("rowsChecked")).isEqualTo(3);
    }

    @Test
    void aRangeIsVerifiedAgainstTheRowBeforeIt() {
        JsonPath report = verify("?fromSeq=2&toSeq=3");

        assertThat(report.getBoolean("valid")).isTrue();
        assertThat(report.getLong("rowsChecked")).isEqualTo(2);
    }

    @Test
    void aRewriteWithRecomputedHashesIsCaughtByTheCheckpoint() throws SQLException {
        checkpoints.checkpointAll().await().atMost(Duration.ofSeconds(10));
        rewriteAndRehash(1);

        JsonPath report = verify("");

        assertThat(report.getString("firstBroken")).as("every link holds after the rehash").isNull();
        assertThat(report.getBoolean("checkpoint.signatureValid")).isTrue();
        assertThat(report.getBoolean("checkpoint.matchesLog")).isFalse();
        assertThat(report.getBoolean("valid")).isFalse();
    }

    /** Changes a row and recomputes every hash after it, as a careful attacker would. */
    private void rewriteAndRehash(long seq) throws SQLException {
        behindTheServicesBack(changeTheRecord(seq, "status_after", "'DENIED'"));
        try (Connection c = OwnerConnection.open()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("alter table audit_entry disable trigger user");
            }
            for (long n = seq; n <= 3; n++) {
                try (PreparedStatement p = c.prepareStatement("""
                        update audit_entry e set
                          prev_hash = coalesce((select hash from audit_entry p where p.tenant = e.tenant
                                      and p.seq = e.seq - 1), prev_hash)
                        where tenant = ? and seq = ?""")) {
                    p.setString(1, tenant);
                    p.setLong(2, n);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement(
                        "update audit_entry e set hash = audit_link(e) where tenant = ? and seq = ?")) {
                    p.setString(1, tenant);
                    p.setLong(2, n);
                    p.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter table audit_entry enable trigger user");
            }
            c.commit();
        }
    }

    @Nested
    class Checkpoints {

        @Test
        void theLatestCheckpointIsSignedByThePublishedKeyAndPublishedOnKafka() {
            int made = checkpoints.checkpointAll().await().atMost(Duration.ofSeconds(10));
            assertThat(made).isPositive();

            JsonPath cp = given().auth().oauth2(TestTokens.of(tenant, "compliance"))
                    .when().get("/v1/audit/checkpoints/latest").then().statusCode(200).extract().jsonPath();
            JsonPath keys = given().when().get("/v1/audit/keys").then().statusCode(200)
                    .body("keys[0].kty", equalTo("OKP")).body("keys[0].crv", equalTo("Ed25519"))
                    .extract().jsonPath();

            assertThat(cp.getLong("seq")).isEqualTo(3);
            assertThat(cp.getString("keyId")).isEqualTo(keys.getString("keys[0].kid"));
            Checkpoint checkpoint = new Checkpoint(tenant, cp.getLong("seq"), HexFormat.of().parseHex(cp.getString("head")),
                    Instant.parse(cp.getString("createdAt")), cp.getString("keyId"),
                    Base64.getUrlDecoder().decode(cp.getString("signature")));
            assertThat(new String(checkpoint.statement())).isEqualTo(cp.getString("statement"));
            assertThat(CheckpointSigner.verify(Base64.getUrlDecoder().decode(keys.getString("keys[0].x")), checkpoint))
                    .isTrue();

            try (KafkaTestClient kafka = new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                List<ConsumerRecord<String, String>> published = kafka.readUntil(topic("audit.checkpoints.v1"),
                        seen -> seen.stream().anyMatch(r -> r.value().contains("\"" + tenant + "\"")),
                        Duration.ofSeconds(30));
                JsonObject message = published.stream().filter(r -> r.value().contains("\"" + tenant + "\""))
                        .map(r -> new JsonObject(r.value())).findFirst().orElseThrow();
                assertThat(message.getString("head")).isEqualTo(cp.getString("head"));
                assertThat(message.getString("signature")).isEqualTo(cp.getString("signature"));
            }
        }

        @Test
        void aCheckpointStoredButNotPublishedIsPublishedByTheNextSweep() {
            // what a failed publication leaves behind (Kafka down): the checkpoint stored, no publication recorded
            Checkpoint stored = keys.signer().sign(tenant, 3, headAt(3), Instant.now().truncatedTo(ChronoUnit.MICROS));
            assertThat(checkpointRows.insert(stored).await().atMost(Duration.ofSeconds(10))).isTrue();
            assertThat(publicationRecorded(stored)).isFalse();

            int published = checkpoints.publishPending().await().atMost(Duration.ofSeconds(30));

            assertThat(published).isPositive();
            assertThat(publicationRecorded(stored)).isTrue();
            try (KafkaTestClient kafka = new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                List<ConsumerRecord<String, String>> seen = kafka.readUntil(topic("audit.checkpoints.v1"),
                        records -> records.stream().anyMatch(r -> r.value().contains("\"" + tenant + "\"")),
                        Duration.ofSeconds(30));
                JsonObject message = seen.stream().filter(r -> r.value().contains("\"" + tenant + "\""))
                        .map(r -> new JsonObject(r.value())).findFirst().orElseThrow();
                assertThat(message.getLong("seq")).isEqualTo(3);
                assertThat(message.getString("signature"))
                        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(stored.signature()));
            }
        }

        @Test
        void aCheckpointSignedByTheKeyBeforeARotationStillVerifies() {
            CheckpointSigner retired = CheckpointSigner.fromPkcs8(ConfigProvider.getConfig()
                    .getValue(AuditSinkTestResources.RETIRED_SIGNING_KEY, String.class));
            Checkpoint old = retired.sign(tenant, 3, headAt(3), Instant.now().truncatedTo(ChronoUnit.MICROS));
            checkpointRows.insert(old).await().atMost(Duration.ofSeconds(10));

            JsonPath report = verify("");

            assertThat(report.getString("checkpoint.keyId")).isEqualTo(retired.keyId()).isNotEqualTo(keys.signer().keyId());
            assertThat(report.getBoolean("checkpoint.signatureValid")).isTrue();
            assertThat(report.getBoolean("valid")).isTrue();
            given().when().get("/v1/audit/keys").then().statusCode(200)
                    .body("keys.kid", contains(keys.signer().keyId(), retired.keyId()));
        }

        @Test
        void aCheckpointSignedByAnUnknownKeyDoesNotVerify() {
            Checkpoint forged = CheckpointSigner.generate().sign(tenant, 3, headAt(3),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            checkpointRows.insert(forged).await().atMost(Duration.ofSeconds(10));

            JsonPath report = verify("");

            assertThat(report.getBoolean("checkpoint.signatureValid")).isFalse();
            assertThat(report.getBoolean("valid")).isFalse();
        }

        @Test
        void anUnchangedChainGetsNoNewCheckpoint() {
            checkpoints.checkpointAll().await().atMost(Duration.ofSeconds(10));
            String first = given().auth().oauth2(TestTokens.of(tenant, "compliance"))
                    .when().get("/v1/audit/checkpoints/latest").then().statusCode(200).extract().path("createdAt");

            checkpoints.checkpointAll().await().atMost(Duration.ofSeconds(10));

            given().auth().oauth2(TestTokens.of(tenant, "compliance")).when().get("/v1/audit/checkpoints/latest")
                    .then().statusCode(200).body("createdAt", equalTo(first));
        }

        @Test
        void aTenantWithoutCheckpointGets404() {
            given().auth().oauth2(TestTokens.of("t-none-" + UUID.randomUUID().toString().substring(0, 6),
                    "compliance")).when().get("/v1/audit/checkpoints/latest")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Nested
    class BadInput {

        private void refused(String query, String field) {
            given().auth().oauth2(TestTokens.of(tenant, "compliance")).when().get("/v1/audit/verify" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
        }

        @Test
        void aReversedRangeIsRefused() {
            refused("?fromSeq=5&toSeq=2", "toSeq");
        }

        @Test
        void seqsAreWholeNumbersFromOne() {
            refused("?fromSeq=0", "fromSeq");
            refused("?fromSeq=abc", "fromSeq");
            refused("?toSeq=-1", "toSeq");
        }

        @Test
        void deepIsTrueOrFalse() {
            refused("?deep=yes", "deep");
        }

        @Test
        void verifyNeedsTheComplianceRole() {
            given().auth().oauth2(TestTokens.of(tenant, "dialer")).when().get("/v1/audit/verify")
                    .then().statusCode(403);
            given().when().get("/v1/audit/verify").then().statusCode(401);
        }
    }

    @Test
    void anotherTenantsChainIsNotTheCallersBusiness() {
        JsonPath report = given().auth().oauth2(TestTokens.of("other-" + tenant.substring(2), "compliance"))
                .when().get("/v1/audit/verify").then().statusCode(200).body("firstBroken", nullValue())
                .extract().jsonPath();
        assertThat(report.getLong("rowsChecked")).isZero();
    }
}
