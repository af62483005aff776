package io.consentline.consent.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.PurposeChoice;

/**
 * Turns a submission into the consent records to write. A choice that repeats the current status under the
 * same policy version changes nothing; a new policy version is recorded even when the answer is the same,
 * because the proof must name the text the person saw.
 */
public final class SubmissionPlanner {

    private SubmissionPlanner() {
    }

    public static List<PlannedChange> plan(Map<ConsentKey, CurrentConsent> current, ConsentSubmission submission) {
        Map<String, ConsentStatus> lastChoicePerPurpose = new LinkedHashMap<>();
        for (PurposeChoice choice : submission.choices()) {
            if (!Purposes.isValidOrAll(choice.purpose())) {
                throw new InvalidSubmissionException("invalid purpose name");
            }
            lastChoicePerPurpose.put(choice.purpose(), choice.status());
        }
        List<PlannedChange> changes = new ArrayList<>();
        lastChoicePerPurpose.forEach((purpose, status) -> {
            CurrentConsent now = current.get(new ConsentKey(purpose, submission.channel()));
            ConsentStatus before = now == null ? null : now.status();
            boolean samePolicy = now != null && java.util.Objects.equals(now.policyVersion(), submission.policyVersion());
            if (before != status || !samePolicy) {
                changes.add(new PlannedChange(purpose, submission.channel(), before, status));
            }
        });
        return changes;
    }
}
