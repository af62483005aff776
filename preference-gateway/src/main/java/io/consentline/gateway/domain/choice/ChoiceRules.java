package io.consentline.gateway.domain.choice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.consentline.gateway.domain.LanguageTags;
import io.consentline.gateway.domain.site.Category;
import io.consentline.gateway.domain.site.Site;

/**
 * Whether a banner choice can be recorded for a site, and what it records. The first broken rule is thrown,
 * naming its field; nothing about a refused choice is published.
 */
public final class ChoiceRules {

    private ChoiceRules() {
    }

    public static AcceptedChoice accept(Site site, BannerChoice choice) {
        return accept(site, choice, false);
    }

    /**
     * @param globalPrivacyControl the browser sent {@code Sec-GPC: 1}: every sale/sharing category of the site is
     *        refused, whatever the visitor sent for it (CCPA regulations, Cal. Code Regs. tit. 11 § 7025)
     */
    public static AcceptedChoice accept(Site site, BannerChoice choice, boolean globalPrivacyControl) {
        if (!VisitorIds.isValid(choice.visitorId())) {
            throw InvalidChoiceException.badField("visitorId", "visitorId has 8 to 64 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (!LanguageTags.isValid(choice.language())) {
            throw InvalidChoiceException.badField("language", "language is a short BCP 47 tag such as en or de-CH");
        }
        if (choice.policyVersion() == null || choice.policyVersion().isBlank()) {
            throw InvalidChoiceException.badField("policyVersion", "policyVersion is required");
        }
        if (!choice.policyVersion().equals(site.policyVersion())) {
            throw new StalePolicyVersionException(site.policyVersion());
        }
        Set<String> granted = known(site, "granted", choice.granted());
        Set<String> denied = known(site, "denied", choice.denied());
        for (String category : denied) {
            if (granted.contains(category)) {
                throw InvalidChoiceException.contradictory(category);
            }
            if (site.category(category).map(Category::required).orElse(false)) {
                throw InvalidChoiceException.requiredDenied(category);
            }
        }
        // Strictly necessary categories rest on no consent (ePrivacy Art. 5(3)): they are not recorded as one.
        List<String> grantedOptional = optionalOnly(site, granted);
        List<String> deniedOptional = optionalOnly(site, denied);
        if (grantedOptional.isEmpty() && deniedOptional.isEmpty()) {
            throw InvalidChoiceException.nothingChosen();
        }
        List<String> refusedBySignal = globalPrivacyControl ? refusedByGlobalPrivacyControl(site) : List.of();
        if (!refusedBySignal.isEmpty()) {
            grantedOptional = grantedOptional.stream().filter(id -> !refusedBySignal.contains(id)).toList();
            Set<String> deniedAll = new LinkedHashSet<>(deniedOptional);
            deniedAll.addAll(refusedBySignal);
            deniedOptional = List.copyOf(deniedAll);
        }
        return new AcceptedChoice(site.id(), site.tenant(), choice.visitorId(), site.policyVersion(),
                choice.language(), grantedOptional, deniedOptional, globalPrivacyControl, refusedBySignal);
    }

    private static List<String> refusedByGlobalPrivacyControl(Site site) {
        return site.categories().stream().filter(Category::refusedByGlobalPrivacyControl).map(Category::id).toList();
    }

    /** The listed categories, in order and without repeats; each must be one of the site's. */
    private static Set<String> known(Site site, String field, List<String> categoryIds) {
        if (categoryIds == null) {
            throw InvalidChoiceException.badField(field, field + " is required (an empty list is fine)");
        }
        Set<String> known = new LinkedHashSet<>();
        for (int i = 0; i < categoryIds.size(); i++) {
            String id = categoryIds.get(i);
            if (id == null || site.category(id).isEmpty()) {
                // The rejected value is not echoed: only its position and what is allowed.
                throw InvalidChoiceException.unknownCategory(field, field + "[" + i
                        + "] is not a category of this site; its categories are " + idsOf(site));
            }
            known.add(id);
        }
        return known;
    }

    private static List<String> optionalOnly(Site site, Set<String> categoryIds) {
        List<String> optional = new ArrayList<>();
        for (String id : categoryIds) {
            if (!site.category(id).map(Category::required).orElse(false)) {
                optional.add(id);
            }
        }
        return List.copyOf(optional);
    }

    private static String idsOf(Site site) {
        return site.categories().stream().map(Category::id).collect(Collectors.joining(", "));
    }
}
