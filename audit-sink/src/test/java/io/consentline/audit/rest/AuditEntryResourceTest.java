package io.consentline.audit.rest;

import static io.consentline.audit.TestChanges.change;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.audit.TestChanges;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AuditEntryResourceTest {

    private static final String ENTRIES = "/v1/audit/entries";

    @Inject
    RecordingService recording;

    private static RequestSpecification queryAs(String token) {
        return queryAs(token, Map.of());
    }

    /** A valid entries query, with some parameters replaced. */
    private static RequestSpecification queryAs(String token, Map<String, String> replaced) {
        Map<String, String> params = new HashMap<>(Map.of("identifierType", "visitor", "identifier", "v-nobody"));
        params.putAll(replaced);
        return given().auth().oauth2(token).queryParams(params);
    }

    private CloudEvent<ConsentChanged> recorded(CloudEvent<ConsentChanged> event) {
        return TestChanges.recorded(recording, event);
    }

    @Nested
    class Refusals {

        @Test
        void withoutATokenIs401() {
            given().queryParam("subjectId", "s-1").when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void garbageTokenIs401() {
            queryAs("not-a-jwt").when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void tokenSignedByAnUntrustedKeyIs401() {
            queryAs(TestTokens.tenant("acme").roles("compliance").signedByStranger().sign())
                    .when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void expiredTokenIs401() {
            queryAs(TestTokens.tenant("acme").roles("compliance").expired().sign())
                    .when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void tokenFromAnotherIssuerIs401() {
            queryAs(TestTokens.tenant("acme").roles("compliance").issuer("https://evil.example").sign())
                    .when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void tokenForAnotherAudienceIs401() {
            queryAs(TestTokens.tenant("acme").roles("compliance").audience("someone-else").sign())
                    .when().get(ENTRIES).then().statusCode(401);
        }

        @Test
        void rolesOtherThanComplianceAre403() {
            for (String role : new String[] { "agent", "dialer", "admin" }) {
                queryAs(TestTokens.of("acme", role)).when().get(ENTRIES).then().statusCode(403);
            }
        }

        @Test
        void tokenWithoutTenantIs403() {
            queryAs(TestTokens.tenant(null).roles("compliance").sign())
                    .when().get(ENTRIES).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:consentline:problem:no-tenant"));
        }
    }

    @Nested
    class BadInput {

        private final String compliance = TestTokens.of("acme", "compliance");

        private void refusedNaming(Map<String, String> params, String field) {
            given().auth().oauth2(compliance).queryParams(params).when().get(ENTRIES)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("field", equalTo(field))
                    .body("detail", notNullValue());
        }

        @Test
        void identifierAndSubjectIdTogetherAreRefused() {
            refusedNaming(Map.of("identifierType", "visitor", "identifier", "v-1", "subjectId", "s-1"), "subjectId");
        }

        @Test
        void anIdentifierTooLongForAnyUrlIs414NamingIt() {
            given().auth().oauth2(compliance).queryParam("identifierType", "email")
                    .queryParam("identifier", "a".repeat(20_000) + "@example.com").when().get(ENTRIES)
                    .then().statusCode(414).contentType("application/problem+json")
                    .body("type", equalTo("urn:consentline:problem:url-too-long"))
                    .body("field", equalTo("identifier"));
        }

        @Test
        void unknownIdentifierTypeIsNamed() {
            refusedNaming(Map.of("identifierType", "passport", "identifier", "X123"), "identifierType");
        }

        @Test
        void identifierWithoutItsTypeIsNamed() {
            refusedNaming(Map.of("identifier", "v-1"), "identifierType");
        }

        @Test
        void identifierTypeWithoutIdentifierIsNamed() {
            refusedNaming(Map.of("identifierType", "visitor"), "identifier");
        }

        @Test
        void oversizedIdentifierIsNamed() {
            refusedNaming(Map.of("identifierType", "visitor", "identifier", "x".repeat(300)), "identifier");
        }

        @Test
        void invalidPurposeIsNamed() {
            refusedNaming(Map.of("subjectId", "s-1", "purpose", "Robert'); DROP TABLE"), "purpose");
        }

        @Test
        void limitOutOfRangeIsNamed() {
            refusedNaming(Map.of("subjectId", "s-1", "limit", "0"), "limit");
            refusedNaming(Map.of("subjectId", "s-1", "limit", "501"), "limit");
            refusedNaming(Map.of("subjectId", "s-1", "limit", "ten"), "limit");
        }

        @Test
        void badCursorIsNamed() {
            refusedNaming(Map.of("subjectId", "s-1", "after", "not-a-cursor"), "after");
            refusedNaming(Map.of("subjectId", "s-1", "after", "-5"), "after");
        }
    }

    @Test
    void aSubjectIsFoundByTheIdentifierItsChangesWereMadeThrough() {
        String subjectId = UUID.randomUUID().toString();
        String visitor = "v-" + subjectId;
        CloudEvent<ConsentChanged> event = recorded(change(subjectId, visitor, "analytics", null,
                ConsentStatus.GRANTED));

        queryAs(TestTokens.of("acme", "compliance"), Map.of("identifier", visitor))
                .when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries.eventId", contains(event.id()))
                .body("entries[0].subjectId", equalTo(subjectId))
                .body("entries[0].identifierType", equalTo("visitor"))
                .body("nextCursor", nullValue());
    }

    @Test
    void anUnknownSubjectHasNoEntries() {
        queryAs(TestTokens.of("acme", "compliance")).when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries", empty())
                .body("nextCursor", nullValue());
    }

    @Test
    void entriesCanBeNarrowedToOnePurpose() {
        String subjectId = UUID.randomUUID().toString();
        recorded(change(subjectId, "v-" + subjectId, "analytics", null, ConsentStatus.GRANTED));
        CloudEvent<ConsentChanged> marketing = recorded(change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.DENIED));

        given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("subjectId", subjectId).queryParam("purpose", "marketing")
                .when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries.eventId", contains(marketing.id()));
    }

    @Test
    void pagesFollowTheRecordingOrderAndTheLastPageHasNoCursor() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> first = recorded(change(subjectId, "v-1", "marketing", null, ConsentStatus.GRANTED));
        CloudEvent<ConsentChanged> second = recorded(change(subjectId, "v-1", "marketing", ConsentStatus.GRANTED,
                ConsentStatus.DENIED));
        CloudEvent<ConsentChanged> third = recorded(change(subjectId, "v-1", "marketing", ConsentStatus.DENIED,
                ConsentStatus.GRANTED));
        String compliance = TestTokens.of("acme", "compliance");

        String cursor = given().auth().oauth2(compliance).queryParam("subjectId", subjectId).queryParam("limit", 2)
                .when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries.eventId", contains(first.id(), second.id()))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");

        given().auth().oauth2(compliance).queryParam("subjectId", subjectId).queryParam("limit", 2)
                .queryParam("after", cursor)
                .when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries.eventId", contains(third.id()))
                .body("nextCursor", nullValue());
    }

    @Nested
    class TenantIsolation {

        @Test
        void anotherTenantNeverSeesTheEntriesBySubjectId() {
            String subjectId = UUID.randomUUID().toString();
            recorded(change(subjectId, "v-" + subjectId, "marketing", null, ConsentStatus.GRANTED));

            given().auth().oauth2(TestTokens.of("other", "compliance")).queryParam("subjectId", subjectId)
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries", empty());
            given().auth().oauth2(TestTokens.of("acme", "compliance")).queryParam("subjectId", subjectId)
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries", hasSize(1));
        }

        @Test
        void anotherTenantNeverSeesTheEntriesByIdentifier() {
            String subjectId = UUID.randomUUID().toString();
            String visitor = "v-" + subjectId;
            recorded(change(subjectId, visitor, "marketing", null, ConsentStatus.GRANTED));

            queryAs(TestTokens.of("other", "compliance"), Map.of("identifier", visitor))
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries", empty());
        }

        @Test
        void aTenantNamedInTheRequestIsIgnored() {
            String subjectId = UUID.randomUUID().toString();
            recorded(change(subjectId, "v-" + subjectId, "marketing", null, ConsentStatus.GRANTED));

            given().auth().oauth2(TestTokens.of("other", "compliance"))
                    .queryParam("subjectId", subjectId).queryParam("tenant", "acme")
                    .header("X-Tenant", "acme")
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries", empty());
        }

        @Test
        void eachTenantSeesOnlyItsOwnEntriesForTheSameSubjectId() {
            String subjectId = UUID.randomUUID().toString();
            CloudEvent<ConsentChanged> acme = recorded(change("acme", subjectId, "v-1", "marketing", null,
                    ConsentStatus.GRANTED));
            CloudEvent<ConsentChanged> other = recorded(change("other", subjectId, "v-1", "marketing", null,
                    ConsentStatus.DENIED));

            given().auth().oauth2(TestTokens.of("other", "compliance")).queryParam("subjectId", subjectId)
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries.eventId", contains(other.id()));
            given().auth().oauth2(TestTokens.of("acme", "compliance")).queryParam("subjectId", subjectId)
                    .when().get(ENTRIES)
                    .then().statusCode(200).body("entries.eventId", contains(acme.id()));
        }
    }
}
