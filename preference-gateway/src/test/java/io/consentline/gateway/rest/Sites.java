package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.consentline.testsupport.TestTokens;
import io.restassured.http.ContentType;

/** Test sites, created through the admin API as an admin of the tenant would. */
final class Sites {

    static final String VERSION = "2026-01";

    private Sites() {
    }

    static String uniqueId() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The origin every test site allows. */
    static final String ORIGIN = "https://shop.example";
    /** The purpose every test site offers for SMS opt-in. */
    static final String SMS_PURPOSE = "sms_marketing";

    /**
     * A site definition with analytics and marketing (a sale/sharing category by its id); necessary is added by
     * the gateway. sms_marketing may be opted into by SMS.
     */
    static String definition(String id, String policyVersion) {
        return """
                {"id": "%s", "name": "Shop", "allowedOrigins": ["https://shop.example"],
                 "categories": [
                   {"id": "analytics", "descriptions": {"en": "Usage statistics", "de": "Nutzungsstatistik"}},
                   {"id": "marketing", "descriptions": {"en": "Personalised offers"}}],
                 "policyVersion": "%s", "policyUrl": "https://shop.example/privacy",
                 "smsPurposes": ["sms_marketing"]}""".formatted(id, policyVersion);
    }

    /** Creates a site of the tenant and answers its id. */
    static String create(String tenant) {
        String id = uniqueId();
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body(definition(id, VERSION))
                .when().post("/v1/admin/sites")
                .then().statusCode(201);
        return id;
    }
}
