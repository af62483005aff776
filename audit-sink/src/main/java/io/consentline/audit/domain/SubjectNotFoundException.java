package io.consentline.audit.domain;

import io.consentline.kit.problem.ProblemException;

/** The log has no entry about the subject asked for: nothing to give access to or to erase. */
public class SubjectNotFoundException extends ProblemException {

    public SubjectNotFoundException(String field) {
        super(404, "unknown-subject", "Unknown subject", "The audit log has no entry about this subject", field);
    }
}
