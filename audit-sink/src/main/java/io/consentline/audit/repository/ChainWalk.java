package io.consentline.audit.repository;

import io.consentline.audit.domain.chain.LinkCheck;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;

/** Hands rows to the link check and keeps the event id of the first broken one. */
abstract class ChainWalk implements CopyTuples.Sink {

    final LinkCheck check;
    String brokenEventId;

    ChainWalk(LinkCheck check) {
        this.check = check;
    }

    /** The result once every row has been walked (by this walk alone). */
    VerifyRepository.Result result() {
        return new VerifyRepository.Result(check.checked(), check.brokenSeq() < 0 ? null
                : new BrokenLink(check.brokenSeq(), brokenEventId, check.brokenReason()));
    }
}
