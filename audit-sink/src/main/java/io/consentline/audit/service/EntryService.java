package io.consentline.audit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.AuditPage;
import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.repository.AuditEntryRepository;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Answers a compliance officer's question: what was recorded about this subject, in the order it was recorded.
 * Always within one tenant, the caller's.
 */
@ApplicationScoped
public class EntryService {

    private static final Logger LOG = Logger.getLogger(EntryService.class);

    private final AuditEntryRepository entries;
    private final IdentifierHasher hasher;

    EntryService(AuditEntryRepository entries, IdentifierHasher hasher) {
        this.entries = entries;
        this.hasher = hasher;
    }

    public Uni<AuditPage> find(String tenant, AuditQuery query) {
        // one more than asked for: it only tells whether a next page exists
        int fetch = query.limit() + 1;
        Uni<List<AuditEntry>> found = query.byIdentifier()
                ? entries.findByIdentifier(tenant, hasher.hash(tenant, query.identifier()), query.purpose(),
                        query.after(), fetch)
                : entries.findBySubject(tenant, query.subjectId(), query.purpose(), query.after(), fetch);
        return found.map(list -> AuditPage.of(list, query.limit()))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.warnf("audit log unavailable for a query (%s): answering 503", e.getClass().getSimpleName());
                    return ProblemException.unavailable("The audit log is unavailable; try again later");
                });
    }
}
