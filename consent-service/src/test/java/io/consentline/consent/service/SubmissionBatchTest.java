package io.consentline.consent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.consentline.consent.service.SubmissionService.Refused;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A batch of submissions applied set-based, checked in the database it writes. */
@QuarkusTest
class SubmissionBatchTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Inject
    SubmissionService submissions;

    @Inject
    Pool pool;

    private static CloudEvent<ConsentSubmission> submission(String tenant, String visitor, int second,
            PurposeChoice... choices) {
        ConsentSubmission data = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, visitor), Channel.WEB,
                ConsentSource.BANNER, List.of(choices), "2026-01", "en",
                Evidence.ofBanner("site-1", "203.0.113.7", "JUnit"), AT.plusSeconds(second));
        return CloudEvent.of(UUID.randomUUID().toString(), "/preference-gateway", EventTypes.SUBMISSION, tenant,
                "visitor:" + visitor, data.submittedAt(), data);
    }

    private static PurposeChoice grant(String purpose) {
        return new PurposeChoice(purpose, ConsentStatus.GRANTED);
    }

    private static PurposeChoice deny(String purpose) {
        return new PurposeChoice(purpose, ConsentStatus.DENIED);
    }

    private static String visitor() {
        return "v-" + UUID.randomUUID();
    }

    private List<Refused> apply(List<CloudEvent<ConsentSubmission>> batch) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> submissions.applyAll(batch));
    }

    private List<Row> rows(String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.tuple(List.of(params))).await().indefinitely().forEach(rows::add);
        return rows;
    }

    /** The person's records, oldest first, as "purpose status source policy recordedAt evidence". */
    private List<String> records(String tenant, String visitor) {
        return rows("""
                select r.purpose || ' ' || r.status || ' ' || r.source || ' ' || r.policy_version || ' '
                       || r.recorded_at || ' ' || coalesce(r.expires_at::text, '-') || ' ' || r.evidence::text
                from consent_record r join outbox o on o.message_key = r.tenant || '/' || r.subject_id
                where r.tenant = $1 and o.payload like $2 group by r.id order by r.id""",
                tenant, "%" + visitor + "%").stream().map(r -> r.getString(0)).toList();
    }

    /** The person's current state, by purpose, as "purpose status updatedAt". */
    private List<String> state(String tenant, String visitor) {
        return rows("""
                select distinct s.purpose || ' ' || s.status || ' ' || s.updated_at || ' ' || coalesce(s.expires_at::text, '-')
                from consent_state s join outbox o on o.message_key = s.tenant || '/' || s.subject_id
                where s.tenant = $1 and o.payload like $2 order by 1""",
                tenant, "%" + visitor + "%").stream().map(r -> r.getString(0)).toList();
    }

    /** The person's outbox rows in publishing order: changes as "purpose before->after", snapshots as their consents. */
    private List<String> outbox(String visitor) {
        return rows("select topic, payload from outbox where payload like $1 order by id", "%" + visitor + "%")
                .stream().map(r -> {
                    if (r.getString(0).endsWith(Topics.CHANGES)) {
                        ConsentChanged c = EventCodec.decodeChange(r.getString(1)).data();
                        return "change " + c.purpose() + " " + c.before() + "->" + c.after() + " " + c.changedAt();
                    }
                    return "state " + EventCodec.decodeState(r.getString(1)).data().consents().stream()
                            .map(c -> c.purpose() + "=" + c.status() + "@" + c.since()).toList();
                }).toList();
    }

    @Test
    void twoSubmissionsOfOnePersonInOneBatchApplyInOrder() throws Throwable {
        String v = visitor();

        List<Refused> refused = apply(List.of(submission("acme", v, 0, grant("analytics"), grant("marketing")),
                submission("acme", v, 1, deny("analytics"))));

        assertThat(refused).isEmpty();
        assertThat(state("acme", v)).hasSize(2).anyMatch(s -> s.startsWith("analytics DENIED"))
                .anyMatch(s -> s.startsWith("marketing GRANTED"));
        assertThat(outbox(v)).extracting(o -> o.replaceAll(" 20\\S+", "").replaceAll("@\\S+?([,\\]])", "$1"))
                .containsExactly("change analytics null->GRANTED", "change marketing null->GRANTED",
                        "state [analytics=GRANTED, marketing=GRANTED]",
                        "change analytics GRANTED->DENIED",
                        "state [analytics=DENIED, marketing=GRANTED]");
    }

    @Test
    void aReplayedEventChangesNothingInTheSameBatchOrALaterOne() throws Throwable {
        String v = visitor();
        CloudEvent<ConsentSubmission> grantIt = submission("acme", v, 0, grant("analytics"));
        CloudEvent<ConsentSubmission> denyIt = submission("acme", v, 1, deny("analytics"));

        apply(List.of(grantIt, denyIt, grantIt));
        apply(List.of(grantIt, denyIt));

        assertThat(records("acme", v)).hasSize(2);
        assertThat(state("acme", v)).singleElement().asString().startsWith("analytics DENIED");
        assertThat(outbox(v)).hasSize(4);
    }

    @Test
    void aBatchMixingTenantsKeepsEachTenantsPeopleApart() throws Throwable {
        String v = visitor();

        apply(List.of(submission("acme", v, 0, grant("analytics")), submission("globex", v, 0, deny("analytics"))));

        assertThat(state("acme", v)).singleElement().asString().startsWith("analytics GRANTED");
        assertThat(state("globex", v)).singleElement().asString().startsWith("analytics DENIED");
        List<String> keys = rows("select distinct message_key from outbox where payload like $1", "%" + v + "%")
                .stream().map(r -> r.getString(0)).toList();
        assertThat(keys).hasSize(2).anyMatch(k -> k.startsWith("acme/")).anyMatch(k -> k.startsWith("globex/"));
        assertThat(keys.get(0).substring(keys.get(0).indexOf('/')))
                .as("one subject per tenant").isNotEqualTo(keys.get(1).substring(keys.get(1).indexOf('/')));
    }

    @Test
    void anInvalidSubmissionIsRefusedAloneAndTheRestOfItsBatchApplied() throws Throwable {
        String before = visitor();
        String after = visitor();
        CloudEvent<ConsentSubmission> bad = submission("acme", visitor(), 0, grant("Not A Slug"));

        List<Refused> refused = apply(List.of(submission("acme", before, 0, grant("analytics")), bad,
                submission("acme", after, 0, grant("analytics")), submission("acme", before, 1, deny("analytics"))));

        assertThat(refused).extracting(Refused::event).containsExactly(bad);
        assertThat(state("acme", before)).singleElement().asString().startsWith("analytics DENIED");
        assertThat(state("acme", after)).singleElement().asString().startsWith("analytics GRANTED");
        assertThat(rows("select count(*) from processed_message where message_id = $1", bad.id()).get(0).getLong(0))
                .as("a refused submission is not marked as applied").isZero();
    }

    @Test
    void aBatchWritesWhatOneSubmissionAtATimeWrites() throws Throwable {
        String[] batched = { visitor(), visitor() };
        String[] single = { visitor(), visitor() };
        List<CloudEvent<ConsentSubmission>> batch = script(batched);
        List<CloudEvent<ConsentSubmission>> oneByOne = script(single);

        apply(batch);
        for (CloudEvent<ConsentSubmission> event : oneByOne) {
            apply(List.of(event));
        }

        for (int i = 0; i < 2; i++) {
            assertThat(records("acme", batched[i])).isNotEmpty().isEqualTo(records("acme", single[i]));
            assertThat(state("acme", batched[i])).isNotEmpty().isEqualTo(state("acme", single[i]));
            assertThat(outbox(batched[i])).isNotEmpty().isEqualTo(outbox(single[i]));
        }
    }

    /** Two people, several submissions each, interleaved, with a repeat, an older one and a replay. */
    private static List<CloudEvent<ConsentSubmission>> script(String[] v) {
        CloudEvent<ConsentSubmission> first = submission("acme", v[0], 0, grant("analytics"), deny("marketing"));
        return List.of(first,
                submission("acme", v[1], 0, deny(PurposeChoice.ALL_PURPOSES)),
                submission("acme", v[0], 2, deny("analytics"), grant("marketing")),
                submission("acme", v[0], 3, deny("analytics")),
                submission("acme", v[1], 5, grant("analytics")),
                submission("acme", v[1], 4, deny("analytics")),
                first);
    }
}
