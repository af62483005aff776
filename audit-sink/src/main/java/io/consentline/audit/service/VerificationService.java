package io.consentline.audit.service;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;
import io.consentline.audit.domain.chain.VerifyReport.CheckpointCheck;
import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.CheckpointRepository;
import io.consentline.audit.repository.VerifyRepository;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a tenant's chain: recomputes every link in a range (in the database, see {@link VerifyRepository})
 * and compares the latest checkpoint with the log, so a rewrite is found even when the rewriter recomputed the
 * hashes after it.
 */
@ApplicationScoped
public class VerificationService {

    private final VerifyRepository links;
    private final ChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final AuditLogRepository log;
    private final CheckpointSigner signer;

    VerificationService(VerifyRepository links, ChainRepository chains, CheckpointRepository checkpoints,
            AuditLogRepository log, CheckpointSigner signer) {
        this.links = links;
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.log = log;
        this.signer = signer;
    }

    /**
     * @param fromSeq the first row to check, from 1
     * @param toSeq the last row to check; null for the chain's head
     */
    public Uni<VerifyReport> verify(String tenant, long fromSeq, Long toSeq) {
        return chains.head(tenant).chain(head -> {
            long headSeq = head == null ? 0 : head.seq();
            long to = toSeq == null ? headSeq : toSeq;
            if (to < fromSeq) {
                return checkpoint(tenant).map(cp -> new VerifyReport(tenant, fromSeq, to, 0, null, cp));
            }
            return links.verify(tenant, fromSeq, to).chain(result -> checkpoint(tenant).map(cp -> {
                BrokenLink broken = result.firstBroken();
                long expected = Math.min(to, headSeq) - fromSeq + 1;
                if (broken == null && result.checked() < expected) {
                    broken = new BrokenLink(fromSeq + result.checked(), null,
                            "rows are missing: the chain's head is at " + headSeq);
                }
                return new VerifyReport(tenant, fromSeq, to, result.checked(), broken, cp);
            }));
        }).onFailure(e -> !(e instanceof ProblemException)).transform(EntryService::unavailable);
    }

    /** The latest checkpoint against the log; null when the tenant has none. */
    private Uni<CheckpointCheck> checkpoint(String tenant) {
        return checkpoints.latest(tenant).chain(cp -> cp == null ? Uni.createFrom().nullItem()
                : log.atSeq(tenant, cp.seq()).map(row -> check(cp,
                        row != null && Arrays.equals(row.record().hash(), cp.head()))));
    }

    private CheckpointCheck check(Checkpoint cp, boolean matchesLog) {
        return new CheckpointCheck(cp.seq(), ChainHash.hex(cp.head()), cp.createdAt(), cp.keyId(),
                signer.verify(cp), matchesLog);
    }
}
