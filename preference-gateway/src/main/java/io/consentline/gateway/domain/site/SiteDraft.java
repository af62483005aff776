package io.consentline.gateway.domain.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.consentline.gateway.domain.LanguageTags;

/**
 * A site definition as an admin sent it, not yet checked. {@link #validate(int)} names the first field at
 * fault or answers the normalised {@link SiteDefinition}.
 */
public record SiteDraft(String name, List<String> allowedOrigins, List<Category> categories, String policyVersion,
        String policyUrl, Integer consentLifetimeDays, List<String> smsPurposes) {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_ORIGINS = 20;
    static final int MAX_CATEGORIES = 32;
    static final int MAX_DESCRIPTION_LENGTH = 4000;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_LIFETIME_DAYS = 3650;
    static final int MAX_SMS_PURPOSES = 32;
    private static final Pattern POLICY_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public SiteDraft(String name, List<String> allowedOrigins, List<Category> categories, String policyVersion,
            String policyUrl, Integer consentLifetimeDays) {
        this(name, allowedOrigins, categories, policyVersion, policyUrl, consentLifetimeDays, null);
    }

    public SiteDefinition validate(int defaultLifetimeDays) {
        return new SiteDefinition(checkedName(), checkedOrigins(), checkedCategories(), checkedPolicyVersion(),
                checkedPolicyUrl(), checkedLifetime(defaultLifetimeDays), checkedSmsPurposes());
    }

    /** Purposes are consent-service's purpose slugs; never the blanket {@code *}. */
    private List<String> checkedSmsPurposes() {
        if (smsPurposes == null) {
            return List.of();
        }
        if (smsPurposes.size() > MAX_SMS_PURPOSES) {
            throw new InvalidSiteException("smsPurposes", "at most " + MAX_SMS_PURPOSES + " SMS purposes are allowed");
        }
        Set<String> purposes = new LinkedHashSet<>();
        for (int i = 0; i < smsPurposes.size(); i++) {
            if (!CategoryIds.isValid(smsPurposes.get(i))) {
                throw new InvalidSiteException("smsPurposes[" + i + "]",
                        "a purpose is a lower-case slug such as sms_marketing");
            }
            purposes.add(smsPurposes.get(i));
        }
        return List.copyOf(purposes);
    }

    private String checkedName() {
        if (name == null || name.isBlank()) {
            throw new InvalidSiteException("name", "name is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            throw new InvalidSiteException("name", "name has more than " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }

    private List<String> checkedOrigins() {
        if (allowedOrigins == null || allowedOrigins.isEmpty()) {
            throw new InvalidSiteException("allowedOrigins", "at least one origin such as https://shop.example is required");
        }
        if (allowedOrigins.size() > MAX_ORIGINS) {
            throw new InvalidSiteException("allowedOrigins", "at most " + MAX_ORIGINS + " origins are allowed");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (int i = 0; i < allowedOrigins.size(); i++) {
            origins.add(origin("allowedOrigins[" + i + "]", allowedOrigins.get(i)));
        }
        return List.copyOf(origins);
    }

    /** A web origin (RFC 6454): scheme, host and port only, lower-cased. */
    private static String origin(String field, String value) {
        String detail = field + " must be an origin such as https://shop.example (scheme, host and port only)";
        if (value == null || value.length() > MAX_URL_LENGTH) {
            throw new InvalidSiteException(field, detail);
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
                throw new InvalidSiteException(field, detail);
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            throw new InvalidSiteException(field, detail);
        }
    }

    private List<Category> checkedCategories() {
        if (categories == null) {
            throw new InvalidSiteException("categories", "categories are required");
        }
        if (categories.size() > MAX_CATEGORIES) {
            throw new InvalidSiteException("categories", "at most " + MAX_CATEGORIES + " categories are allowed");
        }
        List<Category> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            Category category = checkedCategory("categories[" + i + "]", categories.get(i));
            if (!seen.add(category.id())) {
                throw new InvalidSiteException("categories[" + i + "].id", "category '" + category.id() + "' is listed twice");
            }
            checked.add(category);
        }
        // Strictly necessary is always there, first, and never refusable.
        if (!seen.contains(Category.NECESSARY)) {
            checked.add(0, Category.necessary());
        }
        return checked;
    }

    private static Category checkedCategory(String field, Category category) {
        if (category == null) {
            throw new InvalidSiteException(field, field + " is empty");
        }
        if (!CategoryIds.isValid(category.id())) {
            throw new InvalidSiteException(field + ".id",
                    "a category id is a lower-case slug such as analytics or social_media");
        }
        if (category.id().equals(Category.NECESSARY) && !category.required()) {
            throw new InvalidSiteException(field + ".required", "the necessary category is always required");
        }
        for (Map.Entry<String, String> description : category.descriptions().entrySet()) {
            if (!LanguageTags.isValid(description.getKey())) {
                throw new InvalidSiteException(field + ".descriptions",
                        "descriptions are keyed by language tags such as en or de-CH");
            }
            String text = description.getValue();
            if (text == null || text.isBlank() || text.length() > MAX_DESCRIPTION_LENGTH) {
                throw new InvalidSiteException(field + ".descriptions." + description.getKey(),
                        "a description has 1 to " + MAX_DESCRIPTION_LENGTH + " characters");
            }
        }
        return category;
    }

    private String checkedPolicyVersion() {
        if (policyVersion == null || !POLICY_VERSION.matcher(policyVersion).matches()) {
            throw new InvalidSiteException("policyVersion",
                    "policyVersion is required: up to 64 letters, digits, '.', '_', ':' or '-', such as 2026-01");
        }
        return policyVersion;
    }

    private String checkedPolicyUrl() {
        if (policyUrl == null || policyUrl.isBlank()) {
            return null;
        }
        String detail = "policyUrl must be an absolute http(s) URL";
        if (policyUrl.length() > MAX_URL_LENGTH) {
            throw new InvalidSiteException("policyUrl", detail);
        }
        try {
            URI uri = new URI(policyUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidSiteException("policyUrl", detail);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidSiteException("policyUrl", detail);
        }
    }

    private int checkedLifetime(int defaultLifetimeDays) {
        if (consentLifetimeDays == null) {
            return defaultLifetimeDays;
        }
        if (consentLifetimeDays < 1 || consentLifetimeDays > MAX_LIFETIME_DAYS) {
            throw new InvalidSiteException("consentLifetimeDays",
                    "consentLifetimeDays must be between 1 and " + MAX_LIFETIME_DAYS);
        }
        return consentLifetimeDays;
    }
}
