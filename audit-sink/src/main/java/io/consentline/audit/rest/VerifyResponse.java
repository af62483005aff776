package io.consentline.audit.rest;

import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;
import io.consentline.audit.domain.chain.VerifyReport.CheckpointCheck;

/**
 * The verification of a tenant's chain.
 *
 * @param valid true when every link from fromSeq to toSeq holds and the latest checkpoint matches the log
 * @param firstBroken the first entry whose link does not hold; null when all hold
 * @param checkpoint the latest checkpoint against the log; null when there is none yet
 * @param deep true when the entries' facts and sealed data were also re-hashed against their digests
 */
public record VerifyResponse(String tenant, long fromSeq, long toSeq, long rowsChecked, boolean valid,
        BrokenLink firstBroken, CheckpointCheck checkpoint, boolean deep) {

    static VerifyResponse of(VerifyReport r) {
        return new VerifyResponse(r.tenant(), r.fromSeq(), r.toSeq(), r.rowsChecked(), r.valid(), r.firstBroken(),
                r.checkpoint(), r.deep());
    }
}
