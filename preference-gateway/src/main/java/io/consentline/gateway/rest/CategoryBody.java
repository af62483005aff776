package io.consentline.gateway.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.consentline.gateway.domain.site.Category;

/** A site's category as JSON, in requests and answers. Checked by the domain, which names categories[i].id. */
@Schema(name = "Category")
public record CategoryBody(
        @Schema(required = true, description = "Lower-case slug; becomes the consent purpose", example = "analytics")
        String id,
        @Schema(description = "Strictly necessary: never asked, never refusable. Default false", example = "false")
        Boolean required,
        @Schema(description = "Text shown, per BCP 47 language tag",
                example = "{\"en\": \"Helps us understand how the shop is used\", \"de\": \"Hilft uns zu verstehen, wie der Shop genutzt wird\"}")
        Map<String, String> descriptions,
        @Schema(description = "Sells or shares personal data or serves targeted ads: refused by a Global Privacy "
                + "Control signal (Sec-GPC: 1). Default: true for ids such as marketing, advertising, ads",
                example = "false")
        Boolean saleOrSharing) {

    Category toCategory() {
        return new Category(id, Boolean.TRUE.equals(required), descriptions, saleOrSharing);
    }

    static CategoryBody of(Category category) {
        return new CategoryBody(category.id(), category.required(), category.descriptions(), category.saleOrSharing());
    }
}
