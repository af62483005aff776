package io.consentline.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.consentline.gateway.domain.sms.TwilioSignature;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.TestTokens;
import io.consentline.testsupport.badinput.BadCase;
import io.consentline.testsupport.badinput.BadInputRun;
import io.consentline.testsupport.badinput.BadInputs;
import io.consentline.testsupport.badinput.CommonCases;
import io.consentline.testsupport.badinput.JsonBodyCases;
import io.consentline.testsupport.badinput.OpenApiOperations;
import io.consentline.testsupport.badinput.RowCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated bad input against every operation of the gateway's OpenAPI document (issue #7): each case must be a
 * 4xx problem+json naming the field at fault; nothing may be stored (row counts of every table) and nothing
 * published (the end offsets of consent.submissions.v1). Public operations are called with a real site and an
 * allowed Origin, admin ones with a valid admin token, the webhook with a valid Twilio signature, so what is
 * exercised is the validation of the input itself. The rate limit is raised for this class only.
 */
@QuarkusTest
@TestProfile(GeneratedBadInputTest.NoRateLimit.class)
class GeneratedBadInputTest {

    /** Thousands of requests from one address to one site: the per-client rate limit would answer them all. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consentline.gateway.rate-limit.capacity", "10000000",
                    "consentline.gateway.rate-limit.refill-per-minute", "10000000");
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int CASES = 2000;
    private static final int MAX_BODY = 16_384;
    private static final String TWILIO_TOKEN = "test-only-twilio-auth-token";
    private static final String WEBHOOK = "/v1/sms/inbound";

    private static String tenant;
    private static String siteId;
    private static String providerNumber;

    @BeforeEach
    void tenantWithASiteAndANumber() {
        if (tenant == null) {
            tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
            siteId = Sites.create(tenant);
            providerNumber = SmsNumbers.register(tenant);
        }
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasAGenerator() {
        assertThat(endpoints().keySet()).containsExactlyInAnyOrderElementsOf(OpenApiOperations.of(base()));
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedAndNothingIsStoredOrPublished() {
        BadInputRun run = new BadInputRun(base(), this::state);
        return endpoints().keySet().stream().map(operation -> DynamicTest.dynamicTest(operation,
                () -> run.run(operation, endpoints().get(operation), BadInputRun.scaled(CASES))));
    }

    private Map<String, Arbitrary<BadCase>> endpoints() {
        Map<String, Arbitrary<BadCase>> all = new LinkedHashMap<>();
        all.put("POST /v1/choices", choices());
        all.put("GET /v1/sites/{siteId}/banner", banner());
        all.put("GET /v1/receipt-keys", CommonCases.unacceptable(BadCase.of("receipt keys", "GET", "/v1/receipt-keys")));
        all.put("POST /v1/otp/challenges", otpChallenges());
        all.put("POST /v1/otp/verifications", otpVerifications());
        all.put("POST /v1/sms/inbound", webhook());
        all.put("POST /v1/admin/sites", createSite());
        all.put("GET /v1/admin/sites/{id}", getSite());
        all.put("PUT /v1/admin/sites/{id}", reviseSite());
        all.put("POST /v1/admin/sms-numbers", registerNumber());
        all.put("GET /v1/admin/sms-numbers", CommonCases.unacceptable(
                BadCase.of("numbers", "GET", "/v1/admin/sms-numbers").headers(auth())));
        all.put("DELETE /v1/admin/sms-numbers/{number}", removeNumber());
        return all;
    }

    // --- public: choices, banner, OTP --------------------------------------------------------------------------

    private Arbitrary<BadCase> choices() {
        String valid = """
                {"siteId":"%s","visitorId":"visitor-12345678","policyVersion":"%s","language":"en",
                 "granted":["analytics"],"denied":["marketing"]}""".formatted(siteId, Sites.VERSION);
        BadCase request = publicPost("/v1/choices").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(valid)
                .required("siteId", "visitorId", "policyVersion", "language", "granted", "denied")
                .invalid("siteId", Arbitraries.oneOf(unknownSiteIds().map(JSON::textNode), BadInputs.notAString()))
                .invalidText("visitorId", badVisitorId())
                .invalid("visitorId", BadInputs.notAString())
                .invalidText("policyVersion", Arbitraries.of("1999-01", "2026-02", "", " ", "2026-01 "))
                .invalid("policyVersion", BadInputs.notAString())
                .invalidText("language", badLanguage())
                .invalid("language", BadInputs.notAString())
                .invalid("granted", Arbitraries.oneOf(BadInputs.notAnArray(),
                        Arbitraries.integers().between(33, 80).map(n -> texts(n, "analytics"))))
                .invalidText("granted[0]", badCategory())
                .invalid("granted[0]", BadInputs.notAString())
                .invalid("denied", Arbitraries.oneOf(BadInputs.notAnArray(),
                        Arbitraries.integers().between(33, 80).map(n -> texts(n, "marketing"))))
                .invalidText("denied[0]", Arbitraries.oneOf(badCategory(), Arbitraries.of("necessary", "analytics")))
                .invalid("denied[0]", BadInputs.notAString())
                .maxBytes(MAX_BODY).build();
        return Arbitraries.oneOf(
                bodies.map(request::json),
                bodies.map(request::json),
                Arbitraries.of("https://evil.example", "http://shop.example", "https://shop.example.evil.example",
                        "null", "https://shop.example:8443")
                        .map(origin -> request.header("Origin", origin).label("origin not allowed").field("Origin")),
                CommonCases.wrongContentType(request),
                CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private Arbitrary<BadCase> banner() {
        BadCase base = BadCase.of("banner", "GET", "/v1/sites/x/banner");
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(Arbitraries.oneOf(unknownSiteIds(), BadInputs.unicodeEdge(),
                        BadInputs.hugeString(65))).filter(s -> !s.isBlank() && !s.equals(".") && !s.equals(".."))
                        .map(id -> base.target("/v1/sites/" + BadCase.encode(id) + "/banner").field("siteId")),
                CommonCases.unacceptable(base.target("/v1/sites/" + siteId + "/banner")));
    }

    private Arbitrary<BadCase> otpChallenges() {
        String valid = """
                {"siteId":"%s","phone":"+447911123456","purpose":"%s","language":"en"}"""
                .formatted(siteId, Sites.SMS_PURPOSE);
        BadCase request = publicPost("/v1/otp/challenges").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(valid)
                .required("siteId", "phone", "purpose")
                .invalid("siteId", Arbitraries.oneOf(unknownSiteIds().map(JSON::textNode), BadInputs.notAString()))
                .invalidText("phone", BadInputs.invalidPhone())
                .invalid("phone", BadInputs.notAString())
                .invalidText("purpose", Arbitraries.oneOf(badCategory(), Arbitraries.of("analytics", "marketing")))
                .invalid("purpose", BadInputs.notAString())
                .invalidText("language", badLanguage())
                .maxBytes(MAX_BODY).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private Arbitrary<BadCase> otpVerifications() {
        String valid = """
                {"challengeId":"%s","phone":"+447911123456","code":"493817"}""".formatted(UUID.randomUUID());
        BadCase request = publicPost("/v1/otp/verifications").body(valid);
        // every failure of a verification is the same problem (no oracle for guessing): some field is named
        String any = JsonBodyCases.ANY_FIELD;
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(valid)
                .required("challengeId", "phone", "code")
                .invalid("challengeId", Arbitraries.oneOf(BadInputs.unicodeEdge().map(JSON::textNode),
                        Arbitraries.just(UUID.randomUUID().toString()).map(JSON::textNode), BadInputs.notAString()), any)
                .invalid("phone", Arbitraries.oneOf(BadInputs.invalidPhone().map(JSON::textNode),
                        BadInputs.notAString()), any)
                .invalid("code", Arbitraries.oneOf(Arbitraries.strings().numeric().ofLength(6).map(JSON::textNode),
                        BadInputs.hugeString(17).map(JSON::textNode), BadInputs.unicodeEdge().map(JSON::textNode),
                        BadInputs.notAString()), any)
                .maxBytes(MAX_BODY).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    // --- the Twilio webhook ------------------------------------------------------------------------------------

    private Arbitrary<BadCase> webhook() {
        Arbitrary<Map<String, String>> missingOrBad = Combinators.combine(
                Arbitraries.of("MessageSid", "From", "To"),
                Arbitraries.oneOf(Arbitraries.just((String) null), Arbitraries.of("", " ", "\t"),
                        BadInputs.hugeString(257)))
                .as((name, value) -> {
                    Map<String, String> params = message();
                    if (value == null) {
                        params.remove(name);
                    } else {
                        params.put(name, value);
                    }
                    params.put("_field", name);
                    return params;
                });
        Arbitrary<BadCase> signedButIncomplete = missingOrBad.map(params -> {
            String field = params.remove("_field");
            return webhookCase(params, sign(params)).label("signed, bad " + field).field(field);
        });
        Arbitrary<BadCase> badSignature = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.oneOf(Arbitraries.just(""), BadInputs.unicodeEdge().filter(BadInputs::isUtf8)
                        .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)),
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
                        Arbitraries.just("signature-of-another-body")))
                .as((present, signature) -> {
                    Map<String, String> params = message();
                    String value = signature.equals("signature-of-another-body")
                            ? sign(Map.of("Body", "START")) : signature;
                    return webhookCase(params, present ? value : null).label("unsigned or wrongly signed")
                            .field("X-Twilio-Signature").status(403);
                });
        Map<String, String> valid = message();
        BadCase signed = webhookCase(valid, sign(valid));
        return Arbitraries.oneOf(signedButIncomplete, signedButIncomplete, badSignature,
                BadInputs.notJsonMediaType().filter(t -> !t.startsWith("application/x-www-form-urlencoded"))
                        .map(t -> signed.header("Content-Type", t).label("webhook as " + t).field("Content-Type")
                                .status(415)),
                Arbitraries.integers().between(1, 4096).map(extra -> {
                    Map<String, String> big = message();
                    big.put("Body", "x".repeat(MAX_BODY + extra));
                    return webhookCase(big, sign(big)).label("over the body cap").field("body").status(413);
                }));
    }

    private Map<String, String> message() {
        Map<String, String> params = new TreeMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("From", "+447911123456");
        params.put("To", providerNumber);
        params.put("Body", "STOP");
        return params;
    }

    private static String sign(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignature.of(TWILIO_TOKEN, base() + WEBHOOK, multi);
    }

    private static BadCase webhookCase(Map<String, String> params, String signature) {
        String form = params.entrySet().stream()
                .map(e -> BadCase.encode(e.getKey()) + "=" + BadCase.encode(e.getValue()).replace("%20", "+"))
                .collect(Collectors.joining("&"));
        BadCase c = BadCase.of("webhook", "POST", WEBHOOK)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8").body(form);
        return signature == null ? c : c.header("X-Twilio-Signature", signature);
    }

    // --- admin: sites ------------------------------------------------------------------------------------------

    private JsonBodyCases siteRules(String valid) {
        return JsonBodyCases.of(valid)
                .required("name", "allowedOrigins", "categories", "policyVersion")
                .invalidText("id", Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65),
                        Arbitraries.of("ab", "UPPER", "-x-", "a b", "site.one", "")))
                .invalidText("name", Arbitraries.oneOf(BadInputs.hugeString(201), Arbitraries.of("", "  "),
                        BadInputs.unstorableText()))
                .invalid("allowedOrigins", Arbitraries.oneOf(BadInputs.notAnArray(), Arbitraries.just(JSON.arrayNode()),
                        Arbitraries.integers().between(21, 40).map(n -> texts(n, "https://shop.example"))))
                .invalidText("allowedOrigins[0]", Arbitraries.oneOf(BadInputs.unicodeEdge(),
                        Arbitraries.of("shop.example", "https://shop.example/path", "ftp://shop.example",
                                "javascript:alert(1)", "https://", "https://user@shop.example", "*", "null",
                                "https://shop.example?q=1"),
                        BadInputs.hugeString(2049).map(s -> "https://" + s)))
                .invalid("categories", Arbitraries.oneOf(BadInputs.notAnArray(),
                        Arbitraries.integers().between(33, 40).map(GeneratedBadInputTest::categories)))
                .invalid("categories[0]", BadInputs.notAnObject())
                .invalidText("categories[0].id", badSlug())
                .invalid("categories[0].descriptions", BadInputs.notAnObject())
                .invalid("categories[0].descriptions.en", Arbitraries.oneOf(
                        BadInputs.hugeString(4001).map(JSON::textNode), Arbitraries.of("", " ").map(JSON::textNode),
                        BadInputs.unstorableText().map(JSON::textNode), BadInputs.notAString()))
                .invalid("categories[0].required", Arbitraries.oneOf(BadInputs.notAString(),
                        Arbitraries.of("maybe", "yes!").map(JSON::textNode)))
                .invalidText("policyVersion", Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65),
                        Arbitraries.of("", " ", "-1", ".x")))
                .invalidText("policyUrl", Arbitraries.oneOf(BadInputs.unicodeEdge(),
                        Arbitraries.of("javascript:alert(1)", "not a url", "ftp://shop.example/p", "//shop.example"),
                        BadInputs.hugeString(2049).map(s -> "https://shop.example/" + s)))
                .invalid("consentLifetimeDays", Arbitraries.oneOf(
                        Arbitraries.integers().between(-100, 0).map(JSON::numberNode),
                        Arbitraries.integers().between(3651, Integer.MAX_VALUE).map(JSON::numberNode),
                        Arbitraries.of("abc", "", "1e99").map(JSON::textNode), BadInputs.notAString()))
                .invalid("smsPurposes", BadInputs.notAnArray())
                .invalidText("smsPurposes[0]", badSlug())
                .maxBytes(65_536);
    }

    private Arbitrary<BadCase> createSite() {
        String valid = Sites.definition("fuzz-new-site", Sites.VERSION);
        BadCase request = BadCase.of("create site", "POST", "/v1/admin/sites").headers(auth())
                .header("Content-Type", "application/json").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = siteRules(valid).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                // an id that is taken: 409 naming it
                Arbitraries.just(request.body(Sites.definition(siteId, Sites.VERSION)).label("id taken").field("id")),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private Arbitrary<BadCase> reviseSite() {
        String valid = Sites.definition(siteId, Sites.VERSION);
        BadCase request = BadCase.of("revise site", "PUT", "/v1/admin/sites/" + siteId).headers(auth())
                .header("Content-Type", "application/json").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = siteRules(valid).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                unknownSiteIds().map(id -> request.target("/v1/admin/sites/" + id).label("not the tenant's site")
                        .field("id")),
                // what visitors see changed, the policy version did not: 409
                Arbitraries.just(request.body(valid.replace("Usage statistics", "Usage statistics, changed"))
                        .label("text changed, version kept").field("policyVersion")),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private Arbitrary<BadCase> getSite() {
        BadCase base = BadCase.of("get site", "GET", "/v1/admin/sites/x").headers(auth());
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(Arbitraries.oneOf(unknownSiteIds(), BadInputs.unicodeEdge(), BadInputs.hugeString(65)))
                        .filter(s -> !s.isBlank() && !s.equals(".") && !s.equals(".."))
                        .map(id -> base.target("/v1/admin/sites/" + BadCase.encode(id)).field("id")),
                CommonCases.unacceptable(base.target("/v1/admin/sites/" + siteId)));
    }

    // --- admin: provider numbers -------------------------------------------------------------------------------

    private Arbitrary<BadCase> registerNumber() {
        String valid = "{\"number\":\"+447700900999\"}";
        BadCase request = BadCase.of("register number", "POST", "/v1/admin/sms-numbers").headers(auth())
                .header("Content-Type", "application/json").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(valid)
                .required("number")
                .invalidText("number", Arbitraries.oneOf(BadInputs.invalidPhone(),
                        Arbitraries.of("07700900999", "447700900999", "+44 7700 900999", "00447700900999")))
                .invalid("number", BadInputs.notAString())
                .maxBytes(65_536).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                // registered already (by this tenant): 409 naming it
                Arbitraries.just(request.body("{\"number\":\"" + providerNumber + "\"}").label("taken").field("number")),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private Arbitrary<BadCase> removeNumber() {
        BadCase base = BadCase.of("remove number", "DELETE", "/v1/admin/sms-numbers/x").headers(auth());
        return BadInputs.fitsInUrl(Arbitraries.oneOf(BadInputs.invalidPhone(),
                        Arbitraries.strings().numeric().ofLength(6).map(n -> "+447700" + n)))
                .filter(s -> !s.isBlank() && !s.equals(providerNumber) && !s.equals(".") && !s.equals(".."))
                .map(n -> base.target("/v1/admin/sms-numbers/" + BadCase.encode(n)).field("number"));
    }

    // --- shared pieces -----------------------------------------------------------------------------------------

    private static BadCase publicPost(String path) {
        return BadCase.of(path, "POST", path).header("Content-Type", "application/json")
                .header("Origin", Sites.ORIGIN);
    }

    private static Arbitrary<String> unknownSiteIds() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(20).map(s -> "nosuch-" + s);
    }

    private static Arbitrary<String> badVisitorId() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(7),
                Arbitraries.of("visitor 12345678", "visitor.12345678", "", "        "));
    }

    private static Arbitrary<String> badLanguage() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(36),
                Arbitraries.of("english!", "e", "12", "en_", "-en", "en--GB", "", " "));
    }

    /** Never a category or purpose id, whatever the site: not a lower-case slug. */
    private static Arbitrary<String> badSlug() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65).map(s -> "a" + s),
                Arbitraries.of("Analytics", "a b", "", "*", "1st", "-x"));
    }

    private static Arbitrary<String> badCategory() {
        return Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65),
                Arbitraries.of("astrology", "Analytics", "analytics ", "", "*"));
    }

    private static com.fasterxml.jackson.databind.JsonNode categories(int n) {
        var a = JSON.arrayNode();
        for (int i = 0; i < n; i++) {
            a.addObject().put("id", "category_" + i).putObject("descriptions").put("en", "Text " + i);
        }
        return a;
    }

    private static com.fasterxml.jackson.databind.JsonNode texts(int n, String text) {
        var a = JSON.arrayNode();
        for (int i = 0; i < n; i++) {
            a.add(text + (i == 0 ? "" : i));
        }
        return a;
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + TestTokens.of(tenant, "admin"));
    }

    private static URI base() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    private Map<String, Long> state() {
        var config = ConfigProvider.getConfig();
        Map<String, Long> state = new TreeMap<>(new RowCounts(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse("")).of(tenant));
        try (KafkaTestClient kafka = new KafkaTestClient(config.getValue("kafka.bootstrap.servers", String.class))) {
            state.put("kafka " + Submissions.topic() + " end offsets", kafka.endOffsets(Submissions.topic()));
        }
        return state;
    }
}
