package io.consentline.gateway.domain.site;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A category of cookies or processing a banner asks about, such as {@code analytics} or {@code marketing}.
 * Its id becomes the consent purpose downstream.
 *
 * @param id lower-case slug ({@link CategoryIds})
 * @param required strictly necessary: shown, never asked, never refusable (ePrivacy Directive Art. 5(3))
 * @param descriptions the text shown per language tag
 */
public record Category(String id, boolean required, Map<String, String> descriptions) {

    /** The category every site has: what the site needs to work at all. */
    public static final String NECESSARY = "necessary";

    public Category {
        // sorted by language: a stable order in JSON and in comparisons
        descriptions = descriptions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(descriptions));
    }

    public static Category necessary() {
        return new Category(NECESSARY, true, Map.of());
    }
}
