package io.consentline.gateway.domain.choice;

import java.util.List;

/**
 * A visitor's answer to a site's banner, as sent, not yet checked against the site ({@link ChoiceRules}).
 *
 * @param visitorId the banner's cookie id for this browser
 * @param policyVersion the policy version the banner showed
 * @param language the language the banner was shown in
 * @param granted category ids the visitor accepted
 * @param denied category ids the visitor refused
 */
public record BannerChoice(String siteId, String visitorId, String policyVersion, String language,
        List<String> granted, List<String> denied) {
}
