package io.consentline.consent.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.CurrentConsent;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The current consent per subject, purpose and channel: derived from the records, kept for fast checks. */
@ApplicationScoped
public class ConsentStateRepository {

    private static final String CURRENT_COLUMNS = """
            select st.purpose, st.channel, st.status, st.updated_at, st.expires_at, r.source, r.policy_version, r.id
            from consent_state st join consent_record r on r.id = st.record_id
            """;

    public Uni<Map<ConsentKey, CurrentConsent>> currentOf(String tenant, UUID subjectId) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                CURRENT_COLUMNS + " where st.tenant = :tenant and st.subject_id = :subject")
                .setParameter("tenant", tenant)
                .setParameter("subject", subjectId)
                .getResultList())
                .map(ConsentStateRepository::toMap);
    }

    public Uni<Integer> upsert(ConsentRecordEntity record) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into consent_state (tenant, subject_id, purpose, channel, status, record_id, updated_at, expires_at)
                values (:tenant, :subject, :purpose, :channel, :status, :record, :at, :expires)
                on conflict (tenant, subject_id, purpose, channel) do update
                  set status = excluded.status, record_id = excluded.record_id,
                      updated_at = excluded.updated_at, expires_at = excluded.expires_at
                  where consent_state.updated_at <= excluded.updated_at""")
                .setParameter("tenant", record.tenant)
                .setParameter("subject", record.subjectId)
                .setParameter("purpose", record.purpose)
                .setParameter("channel", record.channel)
                .setParameter("status", record.status.name())
                .setParameter("record", record.id)
                .setParameter("at", record.recordedAt)
                .setParameter("expires", record.expiresAt)
                .executeUpdate());
    }

    private static Map<ConsentKey, CurrentConsent> toMap(List<Object[]> rows) {
        Map<ConsentKey, CurrentConsent> current = new HashMap<>();
        for (Object[] row : rows) {
            current.put(new ConsentKey((String) row[0], Channel.fromWireName((String) row[1])), toConsent(row));
        }
        return current;
    }

    private static CurrentConsent toConsent(Object[] row) {
        return new CurrentConsent(((Number) row[7]).longValue(), ConsentStatus.valueOf((String) row[2]),
                instant(row[3]), instant(row[4]), sourceOf((String) row[5]), (String) row[6]);
    }

    private static ConsentSource sourceOf(String name) {
        return ConsentSource.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
