package io.consentline.audit.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.Poison;
import io.consentline.audit.domain.ReceivedEvent;
import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.MalformedEventException;
import io.consentline.events.Topics;
import io.consentline.kit.identity.IdentifierHasher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Records batches of Kafka records in the log, once per event id: changes from consent-service and submissions
 * from the gateway (rejected or superseded ones too). Records that can never be recorded are answered as
 * poison, for the dead-letter topic; the others are appended in one transaction.
 */
@ApplicationScoped
public class RecordingService {

    /** What became of a batch: how many entries were appended, and the records refused. */
    public record Outcome(int appended, List<Poison> poison) {
    }

    private final ChainAppender appender;
    private final IdentifierHasher hasher;

    RecordingService(ChainAppender appender, IdentifierHasher hasher) {
        this.appender = appender;
        this.hasher = hasher;
    }

    public Uni<Outcome> record(List<ReceivedEvent> batch) {
        List<Poison> poison = new ArrayList<>();
        List<PendingEntry> entries = new ArrayList<>(batch.size());
        List<ReceivedEvent> sources = new ArrayList<>(batch.size());
        for (ReceivedEvent event : batch) {
            try {
                entries.add(entryOf(event));
                sources.add(event);
            } catch (MalformedEventException | InvalidChangeException e) {
                poison.add(new Poison(event, e.getMessage()));
            }
        }
        return appender.append(entries).map(appended -> new Outcome(appended.size(), poison))
                .onFailure(RecordingService::isRefusedData)
                .recoverWithUni(() -> oneByOne(entries, sources, poison));
    }

    /** When the database refuses a batch as data, each entry alone: only the refused ones are poison. */
    private Uni<Outcome> oneByOne(List<PendingEntry> entries, List<ReceivedEvent> sources, List<Poison> poison) {
        List<Integer> appended = new ArrayList<>();
        return Multi.createFrom().range(0, entries.size())
                .onItem().transformToUniAndConcatenate(i -> appender.append(List.of(entries.get(i)))
                        .invoke(records -> appended.add(records.size()))
                        .onFailure(RecordingService::isRefusedData).recoverWithItem(e -> {
                            poison.add(new Poison(sources.get(i), "the audit log refuses the event (SQLSTATE "
                                    + ((io.vertx.pgclient.PgException) e).getSqlState() + ")"));
                            return List.of();
                        }))
                .collect().last()
                .map(ignored -> new Outcome(appended.stream().mapToInt(Integer::intValue).sum(), poison));
    }

    /** Parses the record once: the typed event, its data as received and the facts all come from one tree. */
    private PendingEntry entryOf(ReceivedEvent received) {
        String topic = received.position().topic();
        JsonNode json = EventCodec.parse(received.value());
        if (topic != null && topic.endsWith(Topics.SUBMISSIONS)) {
            CloudEvent<ConsentSubmission> event = EventCodec.submissionFrom(json);
            return EventEntries.submission(event, dataOf(json), hasher.hash(event.tenant(), event.data().identifier()),
                    received.position());
        }
        CloudEvent<ConsentChanged> event = EventCodec.changeFrom(json);
        return EventEntries.change(event, dataOf(json), hasher.hash(event.tenant(), event.data().identifier()),
                received.position());
    }

    private static ObjectNode dataOf(JsonNode json) {
        if (json.get("data") instanceof ObjectNode data) {
            return data;
        }
        // EventCodec accepted it, so this cannot happen short of a parser disagreement
        throw new MalformedEventException("event data is not a JSON object");
    }

    /**
     * A batch the database refuses as data: SQLSTATE classes 22 and 23, and 54000, a value beyond a limit of the
     * log's (a field too large for a B-tree entry of its index, such as an event id of several KB). Retrying cannot
     * help; one by one, only the refused are poison.
     */
    private static boolean isRefusedData(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23")
                        || pg.getSqlState().equals("54000"));
    }
}
