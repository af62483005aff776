package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What a website embeds: banner.js, the banner configuration it loads, and the demo page. */
@QuarkusTest
class BannerTest {

    @Test
    void theBannerConfigurationNamesCategoriesTextsPolicyAndConsentModeSignals() {
        String site = Sites.create("acme");

        given().header("Origin", Sites.ORIGIN).when().get("/v1/sites/" + site + "/banner")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(Sites.ORIGIN))
                .body("siteId", equalTo(site))
                .body("policyVersion", equalTo(Sites.VERSION))
                .body("policyUrl", equalTo("https://shop.example/privacy"))
                .body("consentLifetimeDays", equalTo(365))
                .body("categories.id", contains("necessary", "analytics", "marketing"))
                .body("categories[0].required", equalTo(true))
                .body("categories[1].descriptions.de", equalTo("Nutzungsstatistik"))
                .body("categories[1].consentModeSignals", contains("analytics_storage"))
                .body("categories[2].saleOrSharing", equalTo(true))
                .body("categories[2].consentModeSignals", contains("ad_storage", "ad_user_data", "ad_personalization"))
                .body("tenant", nullValue());
    }

    @Test
    void aPageOfAnotherOriginCannotReadIt() {
        given().header("Origin", "https://evil.example").when().get("/v1/sites/" + Sites.create("acme") + "/banner")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anUnknownSiteIsAProblemNamingTheSite() {
        given().when().get("/v1/sites/no-such-site/banner").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("siteId"));
        given().when().get("/v1/sites/NOT%20A%20SITE/banner").then().statusCode(400).body("field", equalTo("siteId"));
    }

    @Test
    void bannerJsIsServedAsAScript() {
        given().when().get("/banner.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("consentline:choice"))
                .body(containsString("gtag"));
    }

    @Test
    void theDemoPageEmbedsTheBannerAndItsDemoSiteExists() {
        given().when().get("/demo/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/banner.js"));
        given().when().get("/v1/sites/demo/banner").then().statusCode(200)
                .body("categories.id", contains("necessary", "analytics", "marketing"));
    }
}
