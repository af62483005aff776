package io.consentline.consent.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Purposes;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads consent state and suppression for a batch of numbers, both queries at once. The streamed bulk check
 * keeps several batches in flight: it reads the next numbers while earlier batches' queries run.
 */
@ApplicationScoped
public class BulkStateReader {

    private final Pool pool;

    BulkStateReader(Pool pool) {
        this.pool = pool;
    }

    /** Current consent per identifier hash, for the purpose and for the whole channel ({@code *}). */
    public record States(Map<String, CurrentConsent> specific, Map<String, CurrentConsent> channelWide) {
    }

    /** What a batch of numbers needs: their consent state, and per hash the active lists holding the number. */
    public record Batch(States states, Map<String, List<String>> suppressed) {
    }

    /**
     * Reads state and suppression for a batch: two queries sent at once on two connections, completed
     * together, so a batch costs one round trip of waiting, not two.
     */
    public Uni<Batch> read(String tenant, List<String> identifierHashes, List<byte[]> numberHashes, String purpose,
            Channel channel) {
        return Uni.combine().all().unis(states(tenant, identifierHashes, purpose, channel),
                suppressed(tenant, numberHashes, purpose))
                .with(Batch::new);
    }

    private Uni<States> states(String tenant, List<String> identifierHashes, String purpose, Channel channel) {
        if (identifierHashes.isEmpty()) {
            return Uni.createFrom().item(new States(Map.of(), Map.of()));
        }
        return pool.preparedQuery("""
                select i.identifier_hash, st.purpose, st.status, st.updated_at, st.expires_at, r.source,
                       r.policy_version, r.id
                from subject_identifier i
                join consent_state st on st.tenant = i.tenant and st.subject_id = i.subject_id
                join consent_record r on r.id = st.record_id
                where i.tenant = $1 and i.identifier_hash = any($2) and st.channel = $3 and st.purpose in ($4, '*')""")
                .execute(Tuple.of(tenant, identifierHashes.toArray(new String[0]), channel.wireName(), purpose))
                .map(rows -> {
                    Map<String, CurrentConsent> specific = new HashMap<>();
                    Map<String, CurrentConsent> blanket = new HashMap<>();
                    for (Row row : rows) {
                        (Purposes.isAll(row.getString(1)) ? blanket : specific).put(row.getString(0), consent(row, 2));
                    }
                    return new States(specific, blanket);
                });
    }

    private Uni<Map<String, List<String>>> suppressed(String tenant, List<byte[]> numberHashes, String purpose) {
        if (numberHashes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        io.vertx.core.buffer.Buffer[] hashes = numberHashes.stream().map(io.vertx.core.buffer.Buffer::buffer)
                .toArray(io.vertx.core.buffer.Buffer[]::new);
        return pool.preparedQuery("""
                select e.number_hash, l.name from suppression_list l
                join suppression_entry e on e.import_id = l.active_import_id
                where l.tenant = $1 and e.number_hash = any($2) and (l.purposes is null or $3 = any(l.purposes))
                order by l.name""")
                .execute(Tuple.of(tenant, hashes, purpose))
                .map(rows -> {
                    Map<String, List<String>> lists = new HashMap<>();
                    for (Row row : rows) {
                        String hash = HexFormat.of().formatHex(row.getBuffer(0).getBytes());
                        lists.computeIfAbsent(hash, h -> new java.util.ArrayList<>()).add(row.getString(1));
                    }
                    return lists;
                });
    }

    /**
     * The consent in a row whose columns, from {@code first}, are status, updated_at, expires_at, source,
     * policy_version and the record id.
     */
    static CurrentConsent consent(Row row, int first) {
        return new CurrentConsent(row.getLong(first + 5), ConsentStatus.valueOf(row.getString(first)),
                instant(row.getValue(first + 1)), instant(row.getValue(first + 2)),
                ConsentSource.valueOf(row.getString(first + 3).toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                row.getString(first + 4));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
