package io.consentline.audit.rest;

import io.consentline.audit.service.SubjectService.SubjectRef;
import io.consentline.kit.problem.ProblemException;

/**
 * The subject of an access request or an erasure: {@code identifierType} + {@code identifier}, or
 * {@code subjectId}. In the body, not the URL, so identifiers stay out of access logs.
 */
public record SubjectRequest(String identifierType, String identifier, String subjectId) {

    SubjectRef toSubject() {
        boolean byIdentifier = EntriesQuery.present(identifierType) || EntriesQuery.present(identifier);
        if (byIdentifier && EntriesQuery.present(subjectId)) {
            throw ProblemException.invalidField("subjectId",
                    "give either identifierType and identifier, or subjectId, not both");
        }
        if (byIdentifier) {
            return new SubjectRef(EntriesQuery.parseIdentifier(identifierType, identifier), null);
        }
        if (!EntriesQuery.present(subjectId)) {
            throw ProblemException.invalidField("identifier",
                    "identifierType and identifier, or subjectId, are required");
        }
        return new SubjectRef(null, EntriesQuery.parseSubjectId(subjectId));
    }
}
