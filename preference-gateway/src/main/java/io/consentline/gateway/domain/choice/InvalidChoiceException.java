package io.consentline.gateway.domain.choice;

import io.consentline.kit.problem.ProblemException;

/** 400: a choice that breaks one of the rules of {@link ChoiceRules}; nothing is recorded. */
public class InvalidChoiceException extends ProblemException {

    private InvalidChoiceException(String slug, String title, String field, String detail) {
        super(400, slug, title, detail, field);
    }

    static InvalidChoiceException badField(String field, String detail) {
        return new InvalidChoiceException("invalid-field", "Invalid field", field, detail);
    }

    static InvalidChoiceException unknownCategory(String field, String detail) {
        return new InvalidChoiceException("unknown-category", "Unknown category", field, detail);
    }

    static InvalidChoiceException contradictory(String category) {
        return new InvalidChoiceException("contradictory-choice", "Contradictory choice", "denied",
                "Category '" + category + "' is both granted and denied");
    }

    static InvalidChoiceException requiredDenied(String category) {
        return new InvalidChoiceException("required-category-denied", "Required category denied", "denied",
                "Category '" + category + "' is strictly necessary and cannot be refused");
    }

    static InvalidChoiceException nothingChosen() {
        return new InvalidChoiceException("no-choice", "No choice", "granted",
                "A choice grants or denies at least one category other than the strictly necessary ones");
    }
}
