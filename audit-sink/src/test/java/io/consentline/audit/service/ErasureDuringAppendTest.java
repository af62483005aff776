package io.consentline.audit.service;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.audit.TestChanges;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.SubjectReport;
import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.Topics;
import io.consentline.kit.identity.IdentifierHasher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An append seals its entries before it takes the chain head's lock. An erasure that commits after the append
 * looked up the subject's key, but before the append got the lock, shreds that key: the append must notice and
 * seal again under a new key, or its entries — recorded after the erasure — could never be read.
 */
@QuarkusTest
class ErasureDuringAppendTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ChainAppender appender;

    @Inject
    SubjectService subjects;

    @Inject
    RecordingService recording;

    @Inject
    IdentifierHasher hasher;

    @Inject
    Pool pool;

    @Test
    void entriesSealedBeforeAnErasureCommittedAreSealedAgainUnderANewKey() {
        Race race = race("erase-race-");
        String tenant = race.tenant(), visitor = race.visitor();
        UUID erasedKey = race.erasedKey();
        PendingEntry later = race.later();

        pool.withTransaction(tx -> appender.seal(tx, List.of(later))
                .invoke(sealing -> assertThat(sealing.sealed().get(0).keyId()).isEqualTo(erasedKey))
                // the erasure commits on its own connection while this append holds its sealed entries
                .call(() -> subjects.erase(tenant, subject(visitor), "admin"))
                .chain(sealing -> appender.underLock(tx, List.of(later), sealing, false)))
                .await().atMost(PATIENCE);

        SubjectReport report = subjects.access(tenant, subject(visitor))
                .await().atMost(PATIENCE);
        assertThat(report.entries()).hasSize(3);
        assertThat(report.entries().get(0).erased()).isTrue();
        assertThat(report.entries().get(1).entry().record().eventType()).isEqualTo(EventEntries.ERASURE);
        SubjectReport.Item appended = report.entries().get(2);
        assertThat(appended.entry().record().eventId()).isEqualTo(later.eventId());
        assertThat(appended.erased()).isFalse();
        assertThat(appended.dataJson()).contains(visitor);
        assertThat(keyOf(tenant, visitor)).isNotEqualTo(erasedKey);
    }

    @Test
    void aBatchLinkedAheadOfTheLockIsRefusedWhenAnErasureCommittedAfterItsKeysWereChosenThenAppendedAgain() {
        Race race = race("erase-ahead-");
        String tenant = race.tenant(), visitor = race.visitor();
        UUID erasedKey = race.erasedKey();
        PendingEntry later = race.later();

        ChainAppender.Attempt attempt = appender.new Attempt();
        Throwable refused = pool.withTransaction(tx -> appender.seal(tx, List.of(later))
                .call(() -> subjects.erase(tenant, subject(visitor), "admin"))
                .chain(sealing -> appender.ahead(tx, List.of(later), sealing, attempt)))
                .onItemOrFailure().invoke((appended, failure) -> attempt.ended(failure == null ? appended : null))
                .onItem().transform(appended -> (Throwable) null)
                .onFailure().recoverWithItem(failure -> failure)
                .await().atMost(PATIENCE);

        assertThat(refused).isNotNull().matches(ChainAppender::isContention, "is a reason to append again");
        assertThat(pool.preparedQuery("select count(*) from audit_entry where event_id = $1")
                .execute(Tuple.of(later.eventId())).await().atMost(PATIENCE).iterator().next().getLong(0))
                .isZero();

        appender.append(List.of(later)).await().atMost(PATIENCE);
        SubjectReport report = subjects.access(tenant, subject(visitor))
                .await().atMost(PATIENCE);
        assertThat(report.entries()).hasSize(3);
        SubjectReport.Item appended = report.entries().get(2);
        assertThat(appended.entry().record().eventId()).isEqualTo(later.eventId());
        assertThat(appended.erased()).isFalse();
        assertThat(appended.dataJson()).contains(visitor);
        assertThat(appended.entry().record().keyId()).isNotEqualTo(erasedKey);
    }

    @Test
    void aKeyRememberedByAnAppendIsNotUsedAfterTheSubjectsErasure() {
        String tenant = "erase-cached-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "v-" + UUID.randomUUID();
        recorded(recording, change(tenant, "s-1", visitor, "marketing", null, ConsentStatus.GRANTED));
        recorded(recording, change(tenant, "s-1", visitor, "analytics", null, ConsentStatus.GRANTED));
        UUID erasedKey = keyOf(tenant, visitor);

        subjects.erase(tenant, subject(visitor), "admin")
                .await().atMost(PATIENCE);
        recorded(recording, change(tenant, "s-1", visitor, "analytics", ConsentStatus.GRANTED, ConsentStatus.DENIED));

        SubjectReport report = subjects.access(tenant, subject(visitor))
                .await().atMost(PATIENCE);
        assertThat(report.entries()).hasSize(4);
        SubjectReport.Item after = report.entries().get(3);
        assertThat(after.erased()).isFalse();
        assertThat(after.dataJson()).contains(visitor);
        assertThat(after.entry().record().keyId()).isNotEqualTo(erasedKey).isEqualTo(keyOf(tenant, visitor));
    }

    @Test
    void withoutAnErasureInBetweenTheSealedEntriesAreKept() {
        String tenant = "erase-none-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "v-" + UUID.randomUUID();
        recorded(recording, change(tenant, "s-1", visitor, "marketing", null, ConsentStatus.GRANTED));
        PendingEntry later = entryOf(change(tenant, "s-1", visitor, "analytics", null, ConsentStatus.GRANTED));

        var appended = pool.withTransaction(tx -> appender.seal(tx, List.of(later))
                .chain(sealing -> appender.underLock(tx, List.of(later), sealing, false)
                        .invoke(done -> assertThat(done.records().get(0).sealed())
                                .isEqualTo(sealing.sealed().get(0).sealed()))))
                .await().atMost(PATIENCE).records();

        assertThat(appended).hasSize(1);
        assertThat(appended.get(0).seq()).isEqualTo(2);
    }

    /** A visitor with one change recorded (so a subject key), and a second change of theirs not yet appended. */
    private record Race(String tenant, String visitor, UUID erasedKey, PendingEntry later) {
    }

    private Race race(String tenantPrefix) {
        String tenant = tenantPrefix + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "v-" + UUID.randomUUID();
        recorded(recording, change(tenant, "s-1", visitor, "marketing", null, ConsentStatus.GRANTED));
        return new Race(tenant, visitor, keyOf(tenant, visitor),
                entryOf(change(tenant, "s-1", visitor, "analytics", null, ConsentStatus.GRANTED)));
    }

    private PendingEntry entryOf(CloudEvent<ConsentChanged> event) {
        ObjectNode data = (ObjectNode) EventCodec.parse(EventCodec.encode(event)).get("data");
        return EventEntries.change(event, data, hasher.hash(event.tenant(), event.data().identifier()),
                new LogPosition(TestChanges.topic(Topics.CHANGES), 0, 1));
    }

    private static SubjectService.SubjectRef subject(String visitor) {
        return new SubjectService.SubjectRef(identifier(visitor), null);
    }

    private static Identifier identifier(String visitor) {
        return new Identifier(IdentifierType.VISITOR, visitor);
    }

    private UUID keyOf(String tenant, String visitor) {
        return pool.preparedQuery("select id from subject_key where tenant = $1 and identifier_hash = $2")
                .execute(Tuple.of(tenant, hasher.hash(tenant, identifier(visitor))))
                .await().atMost(PATIENCE).iterator().next().getUUID("id");
    }
}
