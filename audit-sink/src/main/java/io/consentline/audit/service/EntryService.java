package io.consentline.audit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.AuditPage;
import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.repository.EntryQueryRepository;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Answers a compliance officer's questions about the log: a page of entries, or all of them as a stream, in log
 * order. Always within one tenant, the caller's.
 */
@ApplicationScoped
public class EntryService {

    /** Rows fetched per round trip when streaming an export. */
    static final int EXPORT_PAGE = 1000;
    private static final Logger LOG = Logger.getLogger(EntryService.class);

    private final EntryQueryRepository entries;
    private final IdentifierHasher hasher;

    EntryService(EntryQueryRepository entries, IdentifierHasher hasher) {
        this.entries = entries;
        this.hasher = hasher;
    }

    public Uni<AuditPage> find(String tenant, AuditQuery query) {
        // one more than asked for: it only tells whether a next page exists
        return fetch(tenant, query, query.limit() + 1).map(list -> AuditPage.of(list, query.limit()))
                .onFailure(e -> !(e instanceof ProblemException)).transform(EntryService::unavailable);
    }

    /**
     * Every matching entry, in log order, read a page at a time as the consumer asks for more: an export of
     * millions of rows never holds more than one page.
     */
    public Multi<AuditEntry> export(String tenant, AuditQuery query) {
        return Multi.createBy().repeating()
                .uni(() -> new long[] { query.after() }, position -> fetch(tenant, query.startingAfter(position[0]), EXPORT_PAGE)
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                position[0] = page.get(page.size() - 1).position();
                            }
                        }))
                .whilst(page -> page.size() == EXPORT_PAGE)
                .onItem().disjoint();
    }

    private Uni<List<AuditEntry>> fetch(String tenant, AuditQuery query, int limit) {
        String identifierHash = query.identifier() == null ? null : hasher.hash(tenant, query.identifier());
        return entries.find(tenant, identifierHash, query, limit)
                .map(stored -> stored.stream().map(AuditEntry::of).toList());
    }

    static ProblemException unavailable(Throwable e) {
        LOG.warnf("audit log unavailable (%s): answering 503", FailureText.of(e));
        return ProblemException.unavailable("The audit log is unavailable; try again later");
    }
}
