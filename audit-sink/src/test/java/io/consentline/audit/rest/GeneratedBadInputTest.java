package io.consentline.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.consentline.testsupport.TestTokens;
import io.consentline.testsupport.badinput.BadCase;
import io.consentline.testsupport.badinput.BadInputRun;
import io.consentline.testsupport.badinput.BadInputs;
import io.consentline.testsupport.badinput.CommonCases;
import io.consentline.testsupport.badinput.JsonBodyCases;
import io.consentline.testsupport.badinput.OpenApiOperations;
import io.consentline.testsupport.badinput.RowCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generated bad input against every operation of audit-sink's OpenAPI document (issue #7): each case must be a
 * 4xx problem+json naming the parameter or field at fault, and nothing may be appended to the log, its chain,
 * checkpoints or subject keys (row counts of every table before and after each operation's run).
 */
@QuarkusTest
class GeneratedBadInputTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int CASES = 2000;
    private static final String TENANT = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyOperationOfTheOpenApiDocumentHasAGenerator() {
        assertThat(endpoints().keySet()).containsExactlyInAnyOrderElementsOf(OpenApiOperations.of(base()));
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedAndNothingIsStored() {
        BadInputRun run = new BadInputRun(base(), this::state);
        return endpoints().keySet().stream().map(operation -> DynamicTest.dynamicTest(operation,
                () -> run.run(operation, endpoints().get(operation), BadInputRun.scaled(CASES))));
    }

    private Map<String, Arbitrary<BadCase>> endpoints() {
        Map<String, Arbitrary<BadCase>> all = new LinkedHashMap<>();
        all.put("GET /v1/audit/entries", filtered("/v1/audit/entries", Map.of()));
        all.put("GET /v1/audit/export", Arbitraries.oneOf(filtered("/v1/audit/export", Map.of("format", "csv")),
                BadInputs.fitsInUrl(Arbitraries.oneOf(BadInputs.unicodeEdge(),
                        Arbitraries.of("CSV", "json", "xml", "ndjson ", "csv,ndjson", "tsv")))
                        .filter(f -> !f.isBlank() && !f.strip().equals("csv") && !f.strip().equals("ndjson"))
                        .map(f -> get("/v1/audit/export", Map.of("format", f), "compliance").field("format"))));
        all.put("GET /v1/audit/verify", verify());
        all.put("GET /v1/audit/checkpoints/latest", Arbitraries.oneOf(
                // a new tenant has no checkpoint yet: 404
                Arbitraries.just(get("/v1/audit/checkpoints/latest", Map.of(), "compliance")),
                CommonCases.unacceptable(get("/v1/audit/checkpoints/latest", Map.of(), "compliance"))));
        all.put("GET /v1/audit/keys", CommonCases.unacceptable(BadCase.of("keys", "GET", "/v1/audit/keys")));
        all.put("POST /v1/audit/access-requests", subjectBody("/v1/audit/access-requests", "compliance"));
        all.put("POST /v1/audit/erasures", subjectBody("/v1/audit/erasures", "admin"));
        return all;
    }

    /** The list's and the export's filters, one of them bad (the others valid or absent). */
    private Arbitrary<BadCase> filtered(String path, Map<String, String> fixed) {
        Arbitrary<BadCase> oneBad = Arbitraries.oneOf(
                bad("identifierType", Arbitraries.oneOf(BadInputs.unicodeEdge(),
                        Arbitraries.of("PHONE!", "mail", "cookie", "0", "subject")), Map.of("identifier", "v-1"), path,
                        fixed),
                bad("identifier", Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z')
                        .ofMinLength(257).ofMaxLength(600), Arbitraries.of(" ", "\t")),
                        Map.of("identifierType", "visitor"), path, fixed),
                bad("subjectId", Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(129)
                        .ofMaxLength(600), BadInputs.unstorableText()), Map.of(), path, fixed),
                // both ways of naming a subject at once
                bad("subjectId", Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Map.of("identifierType", "visitor", "identifier", "v-1"), path, fixed),
                bad("purpose", Arbitraries.oneOf(BadInputs.unicodeEdge(), BadInputs.hugeString(65),
                        Arbitraries.of("Marketing", "1st", "a b", "**")), Map.of(), path, fixed),
                bad("channel", Arbitraries.oneOf(BadInputs.unicodeEdge(), Arbitraries.of("pigeon", "VOICE!", "0")),
                        Map.of(), path, fixed),
                bad("source", Arbitraries.oneOf(BadInputs.unicodeEdge(), Arbitraries.of("website", "BANNER!", "sms")),
                        Map.of(), path, fixed),
                bad("type", Arbitraries.oneOf(BadInputs.unicodeEdge(), Arbitraries.of("changes", "delete", "0")),
                        Map.of(), path, fixed),
                bad("from", Arbitraries.oneOf(BadInputs.badInstant(), BadInputs.outOfRangeInstant()), Map.of(), path,
                        fixed),
                bad("to", Arbitraries.oneOf(BadInputs.badInstant(), BadInputs.outOfRangeInstant()), Map.of(), path,
                        fixed),
                // reversed or empty ranges: 400 naming to
                Arbitraries.of("2026-11-23T10:00:00Z", "2026-12-01T00:00:00Z").map(from -> query(path,
                        merge(fixed, Map.of("from", from, "to", "2026-11-23T10:00:00Z"))).field("to")),
                bad("limit", Arbitraries.oneOf(BadInputs.badInteger(), Arbitraries.integers().between(-1000, 0)
                        .map(String::valueOf), Arbitraries.integers().between(501, Integer.MAX_VALUE)
                        .map(String::valueOf)), Map.of(), path, fixed),
                bad("after", BadInputs.badCursor(), Map.of(), path, fixed));
        return Arbitraries.oneOf(oneBad, oneBad, oneBad,
                CommonCases.unacceptable(query(path, merge(fixed, Map.of("limit", "0")))));
    }

    private Arbitrary<BadCase> bad(String name, Arbitrary<String> values, Map<String, String> others, String path,
            Map<String, String> fixed) {
        return BadInputs.fitsInUrl(values).filter(v -> !v.isBlank() || name.equals("identifier"))
                .map(v -> {
                    Map<String, String> q = new LinkedHashMap<>(merge(fixed, others));
                    q.put(name, v);
                    return query(path, q).label("bad " + name).field(name);
                });
    }

    private Arbitrary<BadCase> verify() {
        return Arbitraries.oneOf(
                BadInputs.fitsInUrl(Arbitraries.oneOf(BadInputs.badInteger(),
                        Arbitraries.longs().between(Long.MIN_VALUE, 0).map(String::valueOf)))
                        .filter(v -> !v.isBlank())
                        .flatMap(v -> Arbitraries.of("fromSeq", "toSeq")
                                .map(name -> get("/v1/audit/verify", Map.of(name, v), "compliance").field(name))),
                Arbitraries.longs().between(2, 1_000_000).map(from -> get("/v1/audit/verify",
                        Map.of("fromSeq", String.valueOf(from), "toSeq", String.valueOf(from - 1)), "compliance")
                        .field("toSeq")),
                CommonCases.unacceptable(get("/v1/audit/verify", Map.of("fromSeq", "0"), "compliance")));
    }

    private Arbitrary<BadCase> subjectBody(String path, String role) {
        String valid = "{\"identifierType\":\"phone\",\"identifier\":\"+447911123456\"}";
        BadCase request = BadCase.of(path, "POST", path).headers(auth(role))
                .header("Content-Type", "application/json").body(valid);
        Arbitrary<JsonBodyCases.Body> bodies = JsonBodyCases.of(valid)
                .invalid("identifierType", Arbitraries.oneOf(BadInputs.notAString(),
                        Arbitraries.of("PHONE!", "mail", "", " ").map(JSON::textNode),
                        BadInputs.unicodeEdge().map(JSON::textNode)))
                .invalid("identifier", Arbitraries.oneOf(BadInputs.notAString(),
                        Arbitraries.of("", " ").map(JSON::textNode), BadInputs.hugeString(257).map(JSON::textNode),
                        BadInputs.unstorableText().map(JSON::textNode)))
                .invalidBodies(Arbitraries.oneOf(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(id -> new JsonBodyCases.Body(
                                "identifier and subjectId", ("{\"identifierType\":\"phone\",\"identifier\":\"+447911123456\","
                                        + "\"subjectId\":\"" + id + "\"}").getBytes(), "subjectId", 0)),
                        BadInputs.hugeString(129).map(id -> new JsonBodyCases.Body("subjectId too long",
                                io.consentline.testsupport.badinput.Json.write(JSON.objectNode().put("subjectId", id))
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "subjectId", 0)),
                        Arbitraries.of("{}", "{\"identifierType\":null,\"identifier\":null,\"subjectId\":null}",
                                "{\"subjectId\":\"\"}").map(text -> new JsonBodyCases.Body("no subject",
                                        text.getBytes(), "identifier", 0)),
                        // well-formed, but the log knows no such subject: 404
                        Arbitraries.strings().numeric().ofLength(6).map(n -> new JsonBodyCases.Body("unknown subject",
                                ("{\"identifierType\":\"phone\",\"identifier\":\"+447911" + n + "\"}").getBytes(), null,
                                404))))
                .maxBytes(65_536).build();
        return Arbitraries.oneOf(bodies.map(request::json), bodies.map(request::json),
                CommonCases.wrongContentType(request), CommonCases.unacceptable(request.body("{}").field(null)));
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }

    private BadCase query(String path, Map<String, String> query) {
        return get(path, query, "compliance");
    }

    private static BadCase get(String path, Map<String, String> query, String role) {
        return BadCase.of(path, "GET", BadCase.target(path, query)).headers(auth(role));
    }

    private static Map<String, String> auth(String role) {
        return Map.of("Authorization", "Bearer " + TestTokens.of(TENANT, role));
    }

    private static URI base() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    private Map<String, Long> state() {
        var config = ConfigProvider.getConfig();
        // as the owner: the service's own role may not even read every table (e.g. the chain's skeleton)
        return new RowCounts(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class)).of(TENANT);
    }
}
