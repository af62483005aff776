package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SiteAdminResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return as(TestTokens.of("acme", "admin"));
    }

    @Test
    void anAdminCreatesASiteUnderTheGivenIdAndNecessaryIsAlwaysThere() {
        String id = Sites.uniqueId();

        asAdmin().body(Sites.definition(id, "2026-01"))
                .when().post("/v1/admin/sites")
                .then().statusCode(201)
                .header("Location", endsWith("/v1/admin/sites/" + id))
                .body("id", equalTo(id))
                .body("tenant", equalTo("acme"))
                .body("categories.id", contains("necessary", "analytics", "marketing"))
                .body("categories[0].required", equalTo(true))
                .body("categories[1].required", equalTo(false))
                .body("categories[1].descriptions.de", equalTo("Nutzungsstatistik"))
                .body("allowedOrigins", contains("https://shop.example"))
                .body("policyVersion", equalTo("2026-01"))
                .body("consentLifetimeDays", equalTo(365))
                .body("createdAt", notNullValue());
    }

    @Test
    void withoutAnIdTheSiteGetsAGeneratedOne() {
        asAdmin().body("""
                {"name": "Blog", "allowedOrigins": ["https://blog.example"], "categories": [], "policyVersion": "1"}""")
                .when().post("/v1/admin/sites")
                .then().statusCode(201)
                .body("id", matchesPattern("site_[0-9a-f]{20}"))
                .body("categories.id", contains("necessary"));
    }

    @Test
    void theTenantComesFromTheTokenNeverFromTheBody() {
        String id = Sites.uniqueId();
        String body = Sites.definition(id, "2026-01").replaceFirst("\\{", "{\"tenant\": \"globex\", ");

        asAdmin().body(body).when().post("/v1/admin/sites").then().statusCode(201).body("tenant", equalTo("acme"));
        as(TestTokens.of("globex", "admin")).when().get("/v1/admin/sites/" + id).then().statusCode(404);
    }

    @Test
    void aCreatedSiteCanBeReadBack() {
        String id = Sites.create("acme");

        asAdmin().when().get("/v1/admin/sites/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Shop"))
                .body("policyUrl", equalTo("https://shop.example/privacy"))
                .body("categories.id", contains("necessary", "analytics", "marketing"));
    }

    @Test
    void anAdminPublishesANewPolicyVersionWithNewCategoriesAndOrigins() {
        String id = Sites.create("acme");

        asAdmin().body("""
                {"name": "Shop", "allowedOrigins": ["https://shop.example", "https://shop.example.de"],
                 "categories": [{"id": "analytics"}, {"id": "personalisation"}], "policyVersion": "2026-02",
                 "consentLifetimeDays": 180}""")
                .when().put("/v1/admin/sites/" + id)
                .then().statusCode(200)
                .body("policyVersion", equalTo("2026-02"))
                .body("categories.id", contains("necessary", "analytics", "personalisation"))
                .body("allowedOrigins", contains("https://shop.example", "https://shop.example.de"))
                .body("consentLifetimeDays", equalTo(180));
        asAdmin().when().get("/v1/admin/sites/" + id).then().statusCode(200)
                .body("policyVersion", equalTo("2026-02"))
                .body("categories.id", contains("necessary", "analytics", "personalisation"));
    }

    @Nested
    class Refusals {

        @Test
        void withoutATokenIs401() {
            given().contentType(ContentType.JSON).body(Sites.definition(Sites.uniqueId(), "1"))
                    .when().post("/v1/admin/sites").then().statusCode(401);
            given().when().get("/v1/admin/sites/any-site").then().statusCode(401);
        }

        @Test
        void expiredTokenIs401() {
            as(TestTokens.tenant("acme").roles("admin").expired().sign())
                    .when().get("/v1/admin/sites/any-site").then().statusCode(401);
        }

        @Test
        void tokenSignedByAnUntrustedKeyIs401() {
            as(TestTokens.tenant("acme").roles("admin").signedByStranger().sign())
                    .body(Sites.definition(Sites.uniqueId(), "1"))
                    .when().post("/v1/admin/sites").then().statusCode(401);
        }

        @Test
        void tokenFromAnotherIssuerIs401() {
            as(TestTokens.tenant("acme").roles("admin").issuer("https://evil.example").sign())
                    .when().get("/v1/admin/sites/any-site").then().statusCode(401);
        }

        @Test
        void rolesOtherThanAdminAre403() {
            for (String role : new String[] { "agent", "dialer", "compliance" }) {
                as(TestTokens.of("acme", role)).body(Sites.definition(Sites.uniqueId(), "1"))
                        .when().post("/v1/admin/sites").then().statusCode(403);
                as(TestTokens.of("acme", role)).when().get("/v1/admin/sites/any-site").then().statusCode(403);
            }
        }

        @Test
        void tokenWithoutTenantIs403() {
            as(TestTokens.tenant(null).roles("admin").sign()).body(Sites.definition(Sites.uniqueId(), "1"))
                    .when().post("/v1/admin/sites")
                    .then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo("urn:consentline:problem:no-tenant"));
        }

        @Test
        void anotherTenantsSiteIsNotFound() {
            String id = Sites.create("acme");
            RequestSpecification globex = as(TestTokens.of("globex", "admin"));

            globex.when().get("/v1/admin/sites/" + id)
                    .then().statusCode(404).contentType(PROBLEM).body("field", equalTo("id"));
            as(TestTokens.of("globex", "admin")).body(Sites.definition(id, "2026-09"))
                    .when().put("/v1/admin/sites/" + id).then().statusCode(404);
            asAdmin().when().get("/v1/admin/sites/" + id).then().statusCode(200).body("policyVersion", equalTo("2026-01"));
        }

        @Test
        void anUnknownSiteIsNotFound() {
            asAdmin().when().get("/v1/admin/sites/no-such-site").then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Nested
    class BadInput {

        private void assertRefused(String body, int status, String field) {
            asAdmin().body(body).when().post("/v1/admin/sites")
                    .then().statusCode(status).contentType(PROBLEM)
                    .body("status", equalTo(status))
                    .body("field", equalTo(field))
                    .body("detail", notNullValue());
        }

        @Test
        void malformedJsonIsRefused() {
            assertRefused("{\"name\": \"Shop\", ", 400, "body");
        }

        @Test
        void aMissingNameIsNamed() {
            assertRefused("""
                    {"allowedOrigins": ["https://shop.example"], "categories": [], "policyVersion": "1"}""", 400, "name");
        }

        @Test
        void aMissingPolicyVersionIsNamed() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"], "categories": []}""", 400,
                    "policyVersion");
        }

        @Test
        void aWrongTypeIsNamed() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"], "categories": [], "policyVersion": "1",
                     "consentLifetimeDays": "forever"}""", 400, "consentLifetimeDays");
        }

        @Test
        void aCategoryIdThatIsNoSlugIsNamed() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"], "categories": [{"id": "Ads!"}],
                     "policyVersion": "1"}""", 400, "categories[0].id");
        }

        @Test
        void aCategoryWithoutIdIsNamed() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"], "categories": [{"required": false}],
                     "policyVersion": "1"}""", 400, "categories[0].id");
        }

        @Test
        void necessaryCannotBeOptional() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"],
                     "categories": [{"id": "analytics"}, {"id": "necessary", "required": false}], "policyVersion": "1"}""",
                    400, "categories[1].required");
        }

        @Test
        void anOriginWithAPathIsNamed() {
            assertRefused("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example/cart"], "categories": [],
                     "policyVersion": "1"}""", 400, "allowedOrigins[0]");
        }

        @Test
        void anInvalidIdIsNamed() {
            assertRefused(Sites.definition("Not A Slug", "1"), 400, "id");
        }

        @Test
        void aTakenIdIsAConflict() {
            String id = Sites.create("acme");

            assertRefused(Sites.definition(id, "1"), 409, "id");
            // taken by another tenant: still taken, ids are global
            as(TestTokens.of("globex", "admin")).body(Sites.definition(id, "1"))
                    .when().post("/v1/admin/sites").then().statusCode(409);
        }

        @Test
        void changingCategoriesWithoutANewPolicyVersionIsAConflict() {
            String id = Sites.create("acme");

            asAdmin().body("""
                    {"name": "Shop", "allowedOrigins": ["https://shop.example"],
                     "categories": [{"id": "analytics"}, {"id": "marketing"}, {"id": "ads"}], "policyVersion": "%s"}"""
                    .formatted(Sites.VERSION))
                    .when().put("/v1/admin/sites/" + id)
                    .then().statusCode(409).contentType(PROBLEM).body("field", equalTo("policyVersion"));
        }

        @Test
        void theIdCannotChange() {
            String id = Sites.create("acme");

            asAdmin().body(Sites.definition("other-id", "2026-05"))
                    .when().put("/v1/admin/sites/" + id)
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("id"));
        }

        @Test
        void anEmptyBodyIsRefused() {
            asAdmin().when().post("/v1/admin/sites").then().statusCode(400).contentType(PROBLEM);
        }
    }
}
