package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.consentline.testsupport.TestTokens;
import io.consentline.testsupport.badinput.BadCase;
import io.consentline.testsupport.badinput.BadInputRun;
import io.consentline.testsupport.badinput.BadInputs;
import io.consentline.testsupport.badinput.CommonCases;
import io.consentline.testsupport.badinput.Json;
import io.consentline.testsupport.badinput.JsonBodyCases;
import io.consentline.testsupport.badinput.OpenApiOperations;
import io.consentline.testsupport.badinput.RowCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated bad input against every operation of consent-service's OpenAPI document (issue #7): each case must be
 * a 4xx problem+json naming the field at fault, and nothing may be stored (row counts of every table, the outbox
 * included, are the same after each operation's run). Cases come from jqwik generators with a fixed seed (see
 * {@link BadInputRun}); the shared ones are in test-support's {@code badinput} package.
 */
@QuarkusTest
class GeneratedBadInputTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int CASES = 2000;
    private static final String VALID_CONSENT = """
            {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["sales_calls"],"channels":["voice"],
             "status":"GRANTED","policyVersion":"2026-01","policyTextHash":"sha256:abc123",
             "evidence":{"recordingReference":"rec-1"},"expiresAt":"2099-01-01T00:00:00Z"}""";
    private static final String VALID_POLICY = """
            {"defaultRegion":"GB","callingWindow":{"opens":"08:00","closes":"21:00"},
             "purposes":["marketing","sales_calls","service_messages"],
             "optInNotRequired":[{"purpose":"service_messages","channel":"sms"}],"consentLifetime":"P395D"}""";
    private static final List<String> CHANNELS = List.of("voice", "sms", "email", "web");
    private static final List<String> IDENTIFIER_TYPES = List.of("phone", "email", "visitor", "customer");

    private static String tenant;

    @BeforeEach
    void tenantWithAPolicy() {
        if (tenant == null) {
            tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON).body(VALID_POLICY)
                    .when().put("/v1/admin/policy").then().statusCode(200);
        }
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasAGenerator() {
        assertThat(endpoints().keySet()).containsExactlyInAnyOrderElementsOf(OpenApiOperations.of(base()));
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedAndNothingIsStored() {
        BadInputRun run = new BadInputRun(base(), this::state);
        // built again for each operation, so its tokens are fresh
        return endpoints().keySet().stream().map(operation -> DynamicTest.dynamicTest(operation,
                () -> run.run(operation, endpoints().get(operation), BadInputRun.scaled(CASES))));
    }

    private Map<String, Arbitrary<BadCase>> endpoints() {
        Map<String, Arbitrary<BadCase>> all = new LinkedHashMap<>();
        all.put("GET /v1/check", check());
        all.put("POST /v1/check/bulk", bulkCheck());
        all.put("POST /v1/consents", record());
        all.put("POST /v1/consents/imports", importConsents());
        all.put("GET /v1/subjects", subjects());
        all.put("GET /v1/admin/policy", CommonCases.unacceptable(get("/v1/admin/policy", "admin")));
        all.put("PUT /v1/admin/policy", putPolicy());
        all.put("GET /v1/admin/suppression-lists",
                CommonCases.unacceptable(get("/v1/admin/suppression-lists", "admin")));
        all.put("PUT /v1/admin/suppression-lists/{name}", replaceList());
        all.put("DELETE /v1/admin/suppression-lists/{name}", deleteList());
        all.put("GET /v1/keys", CommonCases.unacceptable(BadCase.of("keys", "GET", "/v1/keys")));
        return all;
    }

    // --- GET /v1/check ---------------------------------------------------------------------------------------

    private Arbitrary<BadCase> check() {
        return Arbitraries.oneOf(
                checkQuery("phone", BadInputs.invalidPhone(), "phone"),
                checkQuery("purpose", badPurpose(), "purpose"),
                checkQuery("channel", badChannel(), "channel"),
                checkQuery("at", Arbitraries.oneOf(BadInputs.badInstant(), BadInputs.outOfRangeInstant())
                        .filter(s -> !s.isBlank()), "at"),
                // identifierType + identifier instead of phone
                Combinators.combine(BadInputs.fitsInUrl(badIdentifierType()), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8))
                        .as((type, id) -> checkCase(Map.of("identifierType", type, "identifier", id, "purpose",
                                "sales_calls", "channel", "voice"), "identifierType")),
                Combinators.combine(Arbitraries.of("email", "visitor", "customer"), BadInputs.fitsInUrl(badOpaqueId()))
                        .as((type, id) -> checkCase(Map.of("identifierType", type, "identifier", id, "purpose",
                                "sales_calls", "channel", "voice"), "identifier")),
                Arbitraries.of("purpose", "channel").map(missing -> {
                    Map<String, String> q = new LinkedHashMap<>(Map.of("phone", "+447911123456", "purpose",
                            "sales_calls", "channel", "voice"));
                    q.remove(missing);
                    return checkCase(q, missing);
                }),
                Arbitraries.just(checkCase(Map.of("purpose", "sales_calls", "channel", "voice"), "phone")),
                Arbitraries.just(checkCase(Map.of("phone", "+447911123456", "identifierType", "visitor", "identifier",
                        "v-12345678", "purpose", "sales_calls", "channel", "voice"), "phone")),
                CommonCases.unacceptable(checkCase(Map.of("phone", "+447911123456", "purpose", "sales_calls",
                        "channel", "voice"), null)));
    }

    private Arbitrary<BadCase> checkQuery(String name, Arbitrary<String> values, String field) {
        return BadInputs.fitsInUrl(values).map(v -> {
            Map<String, String> q = new LinkedHashMap<>(Map.of("phone", "+447911123456", "purpose", "sales_calls",
                    "channel", "voice", "at", "2026-11-23T12:00:00Z"));
            q.put(name, v);
            return checkCase(q, field).label("bad " + name);
        });
    }

    private BadCase checkCase(Map<String, String> query, String field) {
        return BadCase.of("check", "GET", BadCase.target("/v1/check", query)).headers(auth("dialer")).field(field);
    }

    // --- POST /v1/check/bulk -----------------------------------------------------------------------------------

    private Arbitrary<BadCase> bulkCheck() {
        BadCase valid = BadCase.of("bulk", "POST", BadCase.target("/v1/check/bulk",
                Map.of("purpose", "sales_calls", "channel", "voice"))).headers(auth("dialer"))
                .header("Content-Type", "text/plain").body("+447911123456\n");
        return Arbitraries.oneOf(
                bulkQuery("purpose", badPurpose(), "purpose"),
                bulkQuery("channel", badChannel(), "channel"),
                bulkQuery("at", Arbitraries.oneOf(BadInputs.badInstant(), BadInputs.outOfRangeInstant())
                        .filter(s -> !s.isBlank()), "at"),
                Arbitraries.of("purpose", "channel").map(missing -> {
                    Map<String, String> q = new LinkedHashMap<>(Map.of("purpose", "sales_calls", "channel", "voice"));
                    q.remove(missing);
                    return valid.label("bulk without " + missing).field(missing)
.target(BadCase.target("/v1/check/bulk", q));
                }),
                BadInputs.notJsonMediaType().filter(t -> !t.equals("text/plain") && !t.equals("text/csv")
                        && !t.equals("application/x-ndjson"))
                        .map(t -> valid.header("Content-Type", t).label("bulk as " + t).field("Content-Type").status(415)),
                CommonCases.unacceptable(valid));
    }

    private Arbitrary<BadCase> bulkQuery(String name, Arbitrary<String> values, String field) {
        return BadInputs.fitsInUrl(values).map(v -> {
            Map<String, String> q = new LinkedHashMap<>(Map.of("purpose", "sales_calls", "channel", "voice"));
            q.put(name, v);
            return BadCase.of("bulk bad " + name, "POST", BadCase.target("/v1/check/bulk", q)).headers(auth("dialer"))
                    .header("Content-Type", "text/plain").body("+447911123456\n").field(field);
        });
    }

    // --- POST /v1/consents -------------------------------------------------------------------------------------

    private Arbitrary<BadCase> record() {
        BadCase valid = BadCase.of("record", "POST", "/v1/consents").headers(auth("agent"))
                .header("Content-Type", "application/json").body(VALID_CONSENT);
        Arbitrary<JsonBodyCases.Body> bodies = consentRules(JsonBodyCases.of(VALID_CONSENT)).maxBytes(65_536).build();
        return Arbitraries.oneOf(
                bodies.map(valid::json),
                Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMinLength(256).ofMaxLength(400),
                        Arbitraries.of("has space", "tab\there", "x".repeat(256)))
                        .map(key -> valid.header("Idempotency-Key", key).label("bad Idempotency-Key")
                                .field("Idempotency-Key")),
                CommonCases.wrongContentType(valid),
                CommonCases.unacceptable(valid.body("{\"identifiers\":[]}").field(null)));
    }

    /** What makes a consent invalid, for the API and for import lines alike. */
    private static JsonBodyCases consentRules(JsonBodyCases cases) {
        return cases
                .required("identifiers", "purposes", "channels", "status", "identifiers[0].type",
                        "identifiers[0].value")
                .invalid("identifiers", Arbitraries.oneOf(BadInputs.notAnArray(), Arbitraries.just(JSON.arrayNode()),
                        Arbitraries.integers().between(6, 40).map(GeneratedBadInputTest::manyPhones)))
                .invalid("identifiers[0]", BadInputs.notAnObject())
                .invalid("identifiers[0].type", BadInputs.notAnEnumValue(IDENTIFIER_TYPES))
                .invalidText("identifiers[0].value", BadInputs.invalidPhone())
                .invalid("identifiers[0]", Combinators.combine(Arbitraries.of("email"), BadInputs.invalidEmail())
                        .as(GeneratedBadInputTest::identifier), "identifiers[0].value")
                .invalid("identifiers[0]", Combinators.combine(Arbitraries.of("visitor", "customer"), badOpaqueId())
                        .as(GeneratedBadInputTest::identifier), "identifiers[0].value")
                .invalid("purposes", Arbitraries.oneOf(BadInputs.notAnArray(), Arbitraries.just(JSON.arrayNode()),
                        Arbitraries.integers().between(21, 60).map(n -> texts(n, "marketing"))))
                .invalidText("purposes[0]", badPurpose())
                .invalid("purposes[0]", BadInputs.notAString())
                .invalid("channels", Arbitraries.oneOf(BadInputs.notAnArray(), Arbitraries.just(JSON.arrayNode()),
                        Arbitraries.integers().between(5, 30).map(n -> texts(n, "voice"))))
                .invalid("channels[0]", BadInputs.notAnEnumValue(CHANNELS))
                .invalid("status", BadInputs.notAnEnumValue(List.of("GRANTED", "DENIED")))
                .invalidText("policyVersion", Arbitraries.oneOf(BadInputs.hugeString(65), BadInputs.unstorableText()))
                .invalid("policyVersion", BadInputs.notAString())
                .invalidText("policyTextHash", Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(129)))
                .invalid("evidence", BadInputs.notAnObject())
                .invalidText("evidence.recordingReference", Arbitraries.oneOf(BadInputs.hugeString(257),
                        BadInputs.unstorableText()))
                .invalidText("evidence.userAgent", Arbitraries.oneOf(BadInputs.hugeString(513),
                        BadInputs.unstorableText()))
                .invalidText("evidence.ipAddress", BadInputs.hugeString(65))
                .invalidText("expiresAt", Arbitraries.oneOf(BadInputs.badInstant(), BadInputs.outOfRangeInstant(),
                        Arbitraries.of("2001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2020-02-29T23:59:59Z")));
    }

    // --- POST /v1/consents/imports -----------------------------------------------------------------------------

    private Arbitrary<BadCase> importConsents() {
        BadCase valid = BadCase.of("import", "POST", "/v1/consents/imports").headers(auth("admin"))
                .header("Content-Type", "application/x-ndjson").body(VALID_CONSENT.replace("\n", "") + "\n");
        // lines are answered one by one (200): every bad line must be an error naming its field, none imported
        Arbitrary<BadCase> lines = consentRules(JsonBodyCases.of(Json.withExtra(VALID_CONSENT,
                List.of("recordedAt"), List.of(JSON.textNode("2026-01-01T00:00:00Z"))))).bodyField("line")
                .build().map(line -> valid.json(line).label("import line: " + line.label()).status(200))
                .map(c -> c.body(withoutNewlines(c.body())));
        return Arbitraries.oneOf(lines, lines,
                BadInputs.notJsonMediaType().filter(t -> !t.equals("application/x-ndjson"))
                        .map(t -> valid.header("Content-Type", t).label("import as " + t).field("Content-Type")
                                .status(415)),
                CommonCases.unacceptable(valid));
    }

    // --- GET /v1/subjects --------------------------------------------------------------------------------------

    private Arbitrary<BadCase> subjects() {
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(BadInputs.invalidPhone()).filter(p -> !p.isBlank()).map(p -> subjectCase(Map.of("phone", p), "phone")),
                BadInputs.fitsInUrl(badIdentifierType()).map(t -> subjectCase(Map.of("identifierType", t, "identifier", "x-1"),
                        "identifierType")),
                Combinators.combine(Arbitraries.of("email", "visitor", "customer"), BadInputs.fitsInUrl(badOpaqueId()))
                        .as((t, id) -> subjectCase(Map.of("identifierType", t, "identifier", id), "identifier")),
                Arbitraries.of("email", "visitor", "customer", "phone")
                        .map(t -> subjectCase(Map.of("identifierType", t), "identifier")),
                Arbitraries.just(subjectCase(Map.of(), "phone")),
                // well-formed but unknown: 404 naming the parameter
                Arbitraries.strings().numeric().ofLength(6).map(n -> subjectCase(Map.of("phone", "+447911" + n), "phone")),
                CommonCases.unacceptable(subjectCase(Map.of("phone", "+447911123456"), null)));
    }

    private BadCase subjectCase(Map<String, String> query, String field) {
        return BadCase.of("subjects", "GET", BadCase.target("/v1/subjects", query)).headers(auth("agent"))
                .field(field);
    }

    // --- PUT /v1/admin/policy ----------------------------------------------------------------------------------

    private Arbitrary<BadCase> putPolicy() {
        BadCase valid = BadCase.of("policy", "PUT", "/v1/admin/policy").headers(auth("admin"))
                .header("Content-Type", "application/json").body(VALID_POLICY);
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(VALID_POLICY)
                .invalid("defaultRegion", Arbitraries.oneOf(
                        Arbitraries.of("XX", "G", "GBR", "ZZ", "001", "", " GB", "EU", "UK")
                                .map(JSON::textNode),
                        BadInputs.unicodeEdge().map(JSON::textNode), BadInputs.notAString()))
                .invalid("callingWindow", BadInputs.notAnObject())
                .invalid("callingWindow.opens", Arbitraries.oneOf(
                        Arbitraries.of("25:00", "8", "08:60", "noon", "", "-01:00", "24:00", "08:00:00Z")
                                .map(JSON::textNode),
                        BadInputs.unicodeEdge().map(JSON::textNode), BadInputs.notAString()))
                .invalid("callingWindow.closes", Arbitraries.of("07:59", "08:00", "00:00", "99:99").map(JSON::textNode),
                        "callingWindow")
                .required("callingWindow.opens", "callingWindow.closes")
                .invalid("purposes", Arbitraries.oneOf(BadInputs.notAnArray(), Arbitraries.just(JSON.arrayNode())))
                .invalidText("purposes[0]", badPurpose())
                .invalid("purposes[0]", BadInputs.notAString())
                .invalid("optInNotRequired", BadInputs.notAnArray())
                .invalid("optInNotRequired[0]", BadInputs.notAnObject())
                .invalid("optInNotRequired[0].channel", BadInputs.notAnEnumValue(CHANNELS))
                .invalidText("optInNotRequired[0].purpose", Arbitraries.oneOf(badPurpose(),
                        Arbitraries.of("astrology", "not_configured")))
                .required("optInNotRequired[0].purpose", "optInNotRequired[0].channel")
                .invalid("consentLifetime", Arbitraries.oneOf(
                        Arbitraries.of("P-1D", "PT0S", "P0D", "-P1D", "1 year", "P", "PT", "P1Y", "abc", "")
                                .map(JSON::textNode),
                        BadInputs.unicodeEdge().map(JSON::textNode), BadInputs.notAString()))
                .maxBytes(65_536)
                .build();
        return Arbitraries.oneOf(bodies.map(valid::json), CommonCases.wrongContentType(valid),
                CommonCases.unacceptable(valid.body("{\"defaultRegion\":\"XX\"}").field(null)));
    }

    // --- suppression lists -------------------------------------------------------------------------------------

    private Arbitrary<BadCase> replaceList() {
        BadCase valid = BadCase.of("list", "PUT", "/v1/admin/suppression-lists/fuzz-list").headers(auth("admin"))
                .header("Content-Type", "text/plain").body("+447911123456\n");
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(badListName()).map(name -> valid.target("/v1/admin/suppression-lists/" + BadCase.encode(name))
                        .label("bad list name").field("name")),
                BadInputs.fitsInUrl(Arbitraries.oneOf(badPurpose(), Arbitraries.of("astrology", "marketing,,sales_calls", ",", "marketing,")
                        , badPurpose().map(p -> "marketing," + p)))
                        .filter(p -> !p.isBlank())
                        .map(p -> valid.target(BadCase.target("/v1/admin/suppression-lists/fuzz-list",
                                Map.of("purposes", p))).label("bad purposes").field("purposes")),
                BadInputs.notJsonMediaType().filter(t -> !t.equals("text/plain") && !t.equals("text/csv")
                        && !t.equals("application/x-ndjson"))
                        .map(t -> valid.header("Content-Type", t).label("list as " + t).field("Content-Type")
                                .status(415)),
                CommonCases.unacceptable(valid.target("/v1/admin/suppression-lists/" + BadCase.encode("Bad Name"))));
    }

    private Arbitrary<BadCase> deleteList() {
        BadCase base = BadCase.of("delete list", "DELETE", "/v1/admin/suppression-lists/x").headers(auth("admin"));
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(badListName()).map(name -> base.target("/v1/admin/suppression-lists/" + BadCase.encode(name))
                        .field("name")),
                // well-formed, not the tenant's: 404
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(20)
                        .map(name -> base.target("/v1/admin/suppression-lists/never-" + name).label("unknown list")));
    }

    private static Arbitrary<String> badListName() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65).map(s -> s.substring(0, 65)),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(65).ofMaxLength(300),
                Arbitraries.of("UPPER", "-dash-first", "_under", "has space", "a.b", "ü", "a/b", "..", "%2F"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> s + "!"))
                .filter(s -> !s.matches("[a-z0-9][a-z0-9_-]{0,63}") && !s.isEmpty() && !s.equals(".")
                        && !s.equals(".."));
    }

    // --- shared pieces -----------------------------------------------------------------------------------------

    private static Arbitrary<String> badPurpose() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65).map(s -> "a" + s),
                Arbitraries.of("Marketing", "1st", "_x", "sales-calls", "sales calls", "*", "**", "a.b"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> s.toUpperCase() + "!"));
    }

    private static Arbitrary<String> badChannel() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), Arbitraries.of("VOICE ", "pigeon", "fax", "0", "web,sms"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .filter(s -> CHANNELS.stream().noneMatch(c -> c.equalsIgnoreCase(s))))
                .filter(s -> !s.isBlank());
    }

    private static Arbitrary<String> badIdentifierType() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), Arbitraries.of("PHONE!", "mail", "cookie", "0"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .filter(s -> IDENTIFIER_TYPES.stream().noneMatch(c -> c.equalsIgnoreCase(s))))
                .filter(s -> !s.isBlank());
    }

    /** Visitor and customer ids that are not 1-256 printable characters without spaces. */
    private static Arbitrary<String> badOpaqueId() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(257).map(s -> "x".repeat(257) + s),
                Arbitraries.of("has space", "tab\tin", "a\u0000b", "\u200B", "caf\u00e9"))
                .filter(s -> !s.isBlank() && !s.strip().matches("[\\p{Graph}]{1,256}"));
    }

    private static byte[] withoutNewlines(byte[] line) {
        byte[] copy = line.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n' || copy[i] == '\r') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    private static JsonNode identifier(String type, String value) {
        return JSON.objectNode().put("type", type).put("value", value);
    }

    private static JsonNode manyPhones(int n) {
        var a = JSON.arrayNode();
        for (int i = 0; i < n; i++) {
            a.add(identifier("phone", "+4479111234" + String.format("%02d", i % 100)));
        }
        return a;
    }

    private static JsonNode texts(int n, String text) {
        var a = JSON.arrayNode();
        for (int i = 0; i < n; i++) {
            a.add(text);
        }
        return a;
    }

    private BadCase get(String path, String role) {
        return BadCase.of("get " + path, "GET", path).headers(auth(role));
    }

    private static Map<String, String> auth(String role) {
        return Map.of("Authorization", "Bearer " + TestTokens.of(tenant, role));
    }

    private static URI base() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    private Map<String, Long> state() {
        var config = ConfigProvider.getConfig();
        return new RowCounts(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse("")).of(tenant);
    }
}
