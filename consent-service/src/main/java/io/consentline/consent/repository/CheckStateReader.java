package io.consentline.consent.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Purposes;
import io.consentline.events.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Everything a single check reads, in one round trip on the plain reactive pool: the subject's current consent
 * for the purpose and its blanket record for the channel ({@code *}), and the active suppression lists holding
 * the number. The check is the hottest path of the system; it needs no ORM session and no second round trip.
 */
@ApplicationScoped
public class CheckStateReader {

    private static final String QUERY = """
            select 'state', st.purpose, st.status, st.updated_at, st.expires_at, r.source, r.policy_version, r.id
            from subject_identifier i
            join consent_state st on st.tenant = i.tenant and st.subject_id = i.subject_id
            join consent_record r on r.id = st.record_id
            where i.tenant = $1 and i.identifier_hash = $2 and st.channel = $3 and st.purpose in ($4, '*')
            union all
            select 'suppressed', l.name, null, null, null, null, null, null
            from suppression_list l
            join suppression_entry e on e.import_id = l.active_import_id and e.number_hash = $5
            where $6 and l.tenant = $1 and (l.purposes is null or $4 = any(l.purposes))""";

    private final Pool pool;

    CheckStateReader(Pool pool) {
        this.pool = pool;
    }

    /** What a check knows: current consent (specific and channel-wide) and the lists suppressing the number. */
    public record CheckState(Optional<CurrentConsent> specific, Optional<CurrentConsent> channelWide,
            List<String> suppressingLists) {
    }

    /**
     * @param identifierHash the identifier's keyed hash, hex (the identifier index)
     * @param numberHash the same hash as bytes (the suppression lists), looked up only when {@code phone}
     */
    public Uni<CheckState> read(String tenant, String identifierHash, byte[] numberHash, boolean phone,
            String purpose, Channel channel) {
        return pool.preparedQuery(QUERY)
                .execute(Tuple.tuple(List.of(tenant, identifierHash, channel.wireName(), purpose,
                        io.vertx.core.buffer.Buffer.buffer(numberHash), phone)))
                .map(rows -> {
                    CurrentConsent specific = null;
                    CurrentConsent blanket = null;
                    List<String> lists = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getString(0).equals("suppressed")) {
                            lists.add(row.getString(1));
                        } else if (Purposes.isAll(row.getString(1))) {
                            blanket = BulkStateReader.consent(row, 2);
                        } else {
                            specific = BulkStateReader.consent(row, 2);
                        }
                    }
                    lists.sort(null);
                    return new CheckState(Optional.ofNullable(specific), Optional.ofNullable(blanket), List.copyOf(lists));
                });
    }
}
