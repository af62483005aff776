package io.consentline.audit.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;
import io.consentline.audit.domain.chain.VerifyReport.CheckpointCheck;
import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.audit.domain.checkpoint.CheckpointKeys;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.CheckpointRepository;
import io.consentline.audit.repository.VerifyRepository;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Verifies a tenant's chain: recomputes every link in a range (streamed out of the database and hashed in Java,
 * in parallel slices, see {@link VerifyRepository}) and compares the latest checkpoint with the log, so a rewrite
 * is found even when the rewriter recomputed the hashes after it. The fast verify proves every field of every
 * row but the two blobs (facts and sealed data), which it covers by their digests; the deep verify also proves
 * that each blob still matches its digest.
 */
@ApplicationScoped
public class VerificationService {

    /** Below this many rows a range is not worth splitting. */
    static final long MIN_SLICE = 20_000;

    private final VerifyRepository links;
    private final ChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final AuditLogRepository log;
    private final CheckpointKeys keys;

    VerificationService(VerifyRepository links, ChainRepository chains, CheckpointRepository checkpoints,
            AuditLogRepository log, CheckpointKeys keys) {
        this.links = links;
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.log = log;
        this.keys = keys;
    }

    /**
     * @param fromSeq the first row to check, from 1
     * @param toSeq the last row to check; null for the chain's head
     * @param deep also check every v2 row's facts and sealed data against their digests
     */
    public Uni<VerifyReport> verify(String tenant, long fromSeq, Long toSeq, boolean deep) {
        return chains.head(tenant).chain(head -> {
            long headSeq = head == null ? 0 : head.seq();
            long to = toSeq == null ? headSeq : toSeq;
            if (to < fromSeq) {
                return checkpoint(tenant).map(cp -> new VerifyReport(tenant, fromSeq, to, 0, null, cp, deep));
            }
            // the checkpoint is compared while the links are checked: two round trips fewer after the scan
            return Uni.combine().all().unis(links(tenant, fromSeq, Math.min(to, Math.max(headSeq, fromSeq)), deep),
                    checkpoint(tenant).map(Optional::ofNullable)).asTuple().map(both -> {
                        VerifyRepository.Result result = both.getItem1();
                        BrokenLink broken = result.firstBroken();
                        long expected = Math.min(to, headSeq) - fromSeq + 1;
                        if (broken == null && result.checked() < expected) {
                            broken = new BrokenLink(fromSeq + result.checked(), null,
                                    "rows are missing: the chain's head is at " + headSeq);
                        }
                        return new VerifyReport(tenant, fromSeq, to, result.checked(), broken,
                                both.getItem2().orElse(null), deep);
                    });
        }).onFailure(e -> !(e instanceof ProblemException)).transform(EntryService::unavailable);
    }

    public Uni<VerifyReport> verify(String tenant, long fromSeq, Long toSeq) {
        return verify(tenant, fromSeq, toSeq, false);
    }

    /** The range in slices, one per core, each checked on a worker thread with its own connection. */
    private Uni<VerifyRepository.Result> links(String tenant, long from, long to, boolean deep) {
        List<Uni<VerifyRepository.Result>> parts = new ArrayList<>();
        for (long[] slice : slices(from, to, Runtime.getRuntime().availableProcessors(), MIN_SLICE)) {
            parts.add(Uni.createFrom().item(() -> links.verify(tenant, slice[0], slice[1], deep))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
        return Uni.join().all(parts).andFailFast().map(VerificationService::combine);
    }

    /**
     * Adjacent {first, last} ranges covering from..to in order: as many as there are cores, but none shorter
     * than {@code minSlice} rows (short ranges are not worth a connection each). Each slice is checked from the
     * row before it, so the links between slices are checked too.
     */
    static List<long[]> slices(long from, long to, int cores, long minSlice) {
        int count = (int) Math.max(1, Math.min(cores, (to - from + 1) / minSlice));
        long size = (to - from + 1 + count - 1) / count;
        List<long[]> slices = new ArrayList<>(count);
        for (long start = from; start <= to; start += size) {
            slices.add(new long[] { start, Math.min(to, start + size - 1) });
        }
        return slices;
    }

    private static VerifyRepository.Result combine(List<VerifyRepository.Result> parts) {
        long checked = 0;
        BrokenLink first = null;
        for (VerifyRepository.Result part : parts) {
            checked += part.checked();
            if (first == null && part.firstBroken() != null) {
                first = part.firstBroken(); // slices are in seq order
            }
        }
        return new VerifyRepository.Result(checked, first);
    }

    /** The latest checkpoint against the log; null when the tenant has none. */
    private Uni<CheckpointCheck> checkpoint(String tenant) {
        return checkpoints.latest(tenant).chain(cp -> cp == null ? Uni.createFrom().nullItem()
                : log.atSeq(tenant, cp.seq()).map(row -> check(cp,
                        row != null && Arrays.equals(row.record().hash(), cp.head()))));
    }

    private CheckpointCheck check(Checkpoint cp, boolean matchesLog) {
        return new CheckpointCheck(cp.seq(), ChainHash.hex(cp.head()), cp.createdAt(), cp.keyId(),
                keys.verify(cp), matchesLog);
    }
}
