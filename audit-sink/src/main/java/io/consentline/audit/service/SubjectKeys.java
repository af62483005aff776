package io.consentline.audit.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.config.AuditConfig;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.crypto.Envelope;
import io.consentline.audit.domain.crypto.SubjectKeyWrapper;
import io.consentline.audit.repository.SubjectKeyRepository;
import io.consentline.audit.repository.SubjectKeyRepository.StoredKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Per-subject data keys: one per tenant and identifier hash, made on first use, stored wrapped. Entries' personal
 * data is sealed under them (AES-GCM, bound to the entry's event id), and opened for access requests.
 */
@ApplicationScoped
public class SubjectKeys {

    /**
     * An entry with its personal data sealed, and the digests of its facts and sealed data that its link will
     * cover; {@code keyId}, {@code sealed} and {@code sealedHash} are null when it has no personal data.
     */
    public record Sealed(PendingEntry entry, UUID keyId, byte[] sealed, byte[] factsHash, byte[] sealedHash) {

        static Sealed of(PendingEntry entry, UUID keyId, byte[] sealed) {
            return new Sealed(entry, keyId, sealed, AuditRecord.digestOfFacts(entry.facts()),
                    AuditRecord.digestOfSealed(sealed));
        }
    }

    /** A subject's key in clear, for this transaction only (or the appenders' cache). */
    public record SubjectKey(UUID id, byte[] key) {
    }

    /** Whose key: a tenant's subject, by identifier hash. */
    record Owner(String tenant, String identifierHash) {
    }

    /**
     * Entries sealed for one append, with the keys they were sealed under and the tenants' erasure counts those
     * keys were looked up under (for {@link #remember} once the append committed).
     */
    public record SealedBatch(List<Sealed> entries, Map<Owner, SubjectKey> keys, Map<String, Long> erasures) {
    }

    private final SubjectKeyRepository repository;
    private final SubjectKeyWrapper wrapper;
    private final SubjectKeyCache cache;

    SubjectKeys(SubjectKeyRepository repository, SubjectKeyWrapper wrapper, AuditConfig config) {
        this.repository = repository;
        this.wrapper = wrapper;
        this.cache = new SubjectKeyCache(config.subjectKeyCacheSize());
    }

    /**
     * Seals each entry's personal data under its subject's key, making keys for subjects that have none. Keys
     * remembered from committed appends under the same erasure counts ({@link SubjectKeyCache}) are not looked up.
     *
     * @param erasures each tenant's erasure count, read before this call in the same transaction
     */
    public Uni<SealedBatch> forSealing(SqlClient tx, List<PendingEntry> entries, Map<String, Long> erasures) {
        Set<Owner> owners = new LinkedHashSet<>();
        for (PendingEntry entry : entries) {
            if (entry.personalJson() != null) {
                owners.add(new Owner(entry.tenant(), entry.identifierHash()));
            }
        }
        Map<Owner, SubjectKey> known = cache.known(owners, erasures);
        owners.removeAll(known.keySet());
        if (owners.isEmpty()) {
            return Uni.createFrom().item(new SealedBatch(seal(entries, known), known, erasures));
        }
        return find(tx, owners).chain(found -> {
            List<StoredKey> missing = new ArrayList<>();
            for (Owner owner : owners) {
                if (!found.containsKey(owner)) {
                    missing.add(new StoredKey(UUID.randomUUID(), owner.tenant(), owner.identifierHash(),
                            wrapper.wrap(Envelope.newKey(), owner.tenant(), owner.identifierHash())));
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            // in key order, so two appenders making overlapping keys cannot deadlock; read back after inserting:
            // a concurrent appender may have made some of these keys first
            missing.sort(Comparator.comparing(StoredKey::tenant).thenComparing(StoredKey::identifierHash));
            return repository.insert(tx, missing).chain(() -> find(tx, owners));
        }).map(found -> {
            Map<Owner, SubjectKey> keys = new HashMap<>(found);
            keys.putAll(known);
            return new SealedBatch(seal(entries, keys), keys, erasures);
        });
    }

    /** Keeps the keys of a batch whose append committed for later appends ({@link SubjectKeyCache}). */
    public void remember(SealedBatch batch) {
        cache.remember(batch.keys(), batch.erasures());
    }

    /** The subject's keys that still exist, by identifier hash (erased ones are absent). */
    public Uni<Map<String, SubjectKey>> of(String tenant, List<String> identifierHashes) {
        return repository.find(tenant, identifierHashes).map(stored -> {
            Map<String, SubjectKey> keys = new HashMap<>();
            for (StoredKey key : stored) {
                keys.put(key.identifierHash(), unwrap(key));
            }
            return keys;
        });
    }

    /** Opens an entry's sealed data with its subject's key. */
    public static String open(SubjectKey key, String eventId, byte[] sealed) {
        return new String(Envelope.open(key.key(), sealed, eventId), StandardCharsets.UTF_8);
    }

    private Uni<Map<Owner, SubjectKey>> find(SqlClient tx, Set<Owner> owners) {
        String[] tenants = owners.stream().map(Owner::tenant).toArray(String[]::new);
        String[] hashes = owners.stream().map(Owner::identifierHash).toArray(String[]::new);
        return repository.find(tx, tenants, hashes).map(stored -> {
            Map<Owner, SubjectKey> keys = new HashMap<>();
            for (StoredKey key : stored) {
                keys.put(new Owner(key.tenant(), key.identifierHash()), unwrap(key));
            }
            return keys;
        });
    }

    private SubjectKey unwrap(StoredKey stored) {
        return new SubjectKey(stored.id(), wrapper.unwrap(stored.wrappedKey(), stored.tenant(), stored.identifierHash()));
    }

    private static List<Sealed> seal(List<PendingEntry> entries, Map<Owner, SubjectKey> keys) {
        List<Sealed> sealed = new ArrayList<>(entries.size());
        for (PendingEntry entry : entries) {
            if (entry.personalJson() == null) {
                sealed.add(Sealed.of(entry, null, null));
                continue;
            }
            SubjectKey key = keys.get(new Owner(entry.tenant(), entry.identifierHash()));
            sealed.add(Sealed.of(entry, key.id(), Envelope.seal(key.key(),
                    entry.personalJson().getBytes(StandardCharsets.UTF_8), entry.eventId())));
        }
        return sealed;
    }
}
