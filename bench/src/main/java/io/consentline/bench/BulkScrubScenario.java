package io.consentline.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.deploy.LocalSystem;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;

/**
 * Scenario 2: one streamed bulk check of N numbers (10% on a suppression list, 30% with a grant, the rest
 * unknown), against the same lookups in a plain in-process loop over a HashMap (the in-memory limit).
 * The grants are seeded straight into consent-service's tables (COPY), because recording 300,000 consents
 * through the API would take longer than the benchmark itself.
 */
final class BulkScrubScenario {

    private BulkScrubScenario() {
    }

    static ScenarioResult run(LocalSystem system, Mode mode) throws Exception {
        int n = mode.bulkNumbers;
        String consent = system.settings().consentUrl();
        String admin = system.token(Bench.TENANT, "admin");
        Api.stream("PUT", consent + "/v1/admin/suppression-lists/bench-dnc?purposes=sales_calls", admin, "text/plain",
                () -> Numbers.lines(n, i -> i % 10 == 0));
        seedGrants(system, n);

        long started = System.nanoTime();
        String answer = Api.stream("POST", consent + "/v1/check/bulk?purpose=sales_calls&channel=voice"
                + "&at=2026-11-23T12:00:00Z", system.token(Bench.TENANT, "dialer"), "text/plain",
                () -> Numbers.lines(n, i -> true));
        double seconds = (System.nanoTime() - started) / 1e9;
        String last = answer.substring(answer.lastIndexOf('\n', answer.length() - 2) + 1);
        JsonNode trailer = new ObjectMapper().readTree(last).get("trailer");

        double baseline = hashMapLoop(n);
        double rate = trailer.get("count").asLong() / seconds;
        return ScenarioResult.named("bulk-scrub")
                .measured("numbers", n)
                .measured("answered", trailer.get("count").asLong())
                .measured("allowed", trailer.get("allowed").asLong())
                .measured("denied", trailer.get("denied").asLong())
                .measured("errors", trailer.get("errors").asLong())
                .measured("seconds", SingleCheckScenario.round(seconds))
                .measured("numbers_per_s", SingleCheckScenario.round(rate))
                .baseline("loop", "HashMap lookups of the same numbers, in process")
                .baseline("numbers_per_s", SingleCheckScenario.round(baseline))
                .ratio("vs_hashmap", rate / baseline)
                .target(">= 1,000,000 numbers/s")
                .notes("10% suppressed, 30% granted, rest unknown; includes upload, spool, parse, libphonenumber, "
                        + "HMAC, 2 queries per 1,000 numbers, decision, NDJSON, digest and signed trailer")
                .build();
    }

    private static void seedGrants(LocalSystem system, int n) throws Exception {
        IdentifierHasher hasher = new IdentifierHasher(system.secrets().identityHmacKey());
        String[] login = system.jdbcLogin("consent");
        try (Connection c = DriverManager.getConnection(login[0], login[1], login[2]);
                Statement s = c.createStatement()) {
            s.execute("create temp table seed (subject_id uuid, hash text)");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy seed from stdin");
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i % 10 >= 1 && i % 10 <= 3) {
                    String hash = hasher.hash(Bench.TENANT, new Identifier(IdentifierType.PHONE, Numbers.number(i)));
                    rows.append(UUID.randomUUID()).append('\t').append(hash).append('\n');
                }
                if (rows.length() > 1 << 16 || i == n - 1) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.US_ASCII);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            s.execute("insert into subject select subject_id, '" + Bench.TENANT + "', now() from seed");
            s.execute("insert into subject_identifier select '" + Bench.TENANT + "', hash, 'phone', subject_id from seed");
            s.execute("insert into consent_record (tenant, subject_id, purpose, channel, status, source, recorded_at, "
                    + "causation_id) select '" + Bench.TENANT + "', subject_id, 'sales_calls', 'voice', 'GRANTED', "
                    + "'import', now(), 'bench-seed' from seed");
            s.execute("insert into consent_state select r.tenant, r.subject_id, r.purpose, r.channel, r.status, r.id, "
                    + "r.recorded_at, null from consent_record r where r.causation_id = 'bench-seed'");
            s.execute("analyze");
        }
    }

    /** The in-memory limit: the same numbers looked up in a HashMap of state. */
    private static double hashMapLoop(int n) {
        Map<String, String> state = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                state.put(Numbers.number(i), "SUPPRESSED");
            } else if (i % 10 <= 3) {
                state.put(Numbers.number(i), "GRANTED");
            }
        }
        String[] numbers = new String[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = Numbers.number(i);
        }
        long best = Long.MAX_VALUE;
        int found = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (String number : numbers) {
                if (state.get(number) != null) {
                    found++;
                }
            }
            best = Math.min(best, System.nanoTime() - started);
        }
        if (found < 0) {
            throw new IllegalStateException(HexFormat.of().toString());
        }
        return n / (best / 1e9);
    }
}
