package io.consentline.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;

/**
 * A paced, steady stream of real requests against the running system, and what became of each: banner choices
 * (gateway), agent consent records with an {@code Idempotency-Key} (consent-service), SMS STOP webhooks (gateway,
 * Twilio-signed) and dialer checks (consent-service). Requests are sent asynchronously at fixed rates, so a slow
 * or dead dependency shows up as failed requests rather than as a slower stream.
 *
 * <p>Each write is identified by what the system stores it under: a choice by its receipt id (the submission's
 * event id and the causation id of its change), a consent record by {@code api:<Idempotency-Key>}, a STOP by the
 * event id the gateway derives from Twilio's MessageSid.
 */
final class Traffic {

    enum Kind {
        CHOICE, CONSENT, STOP
    }

    /** A check's subject: one that never consented, or one whose marketing choice is a refusal. */
    enum CheckSubject {
        NEVER_SEEN, REFUSED
    }

    /** One HTTP exchange; {@code status} is -1 when no answer came (refused, reset, timed out). */
    record Attempt(Instant sent, Instant done, int status, String contentType, String body) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        String outcome() {
            return status < 0 ? "no answer" : Integer.toString(status);
        }
    }

    /** One write the client wants recorded, with every attempt at it. */
    static final class Write {
        final Kind kind;
        /** Idempotency-Key, MessageSid, or the visitor id for a choice. */
        final String clientKey;
        final List<Attempt> attempts = new ArrayList<>();
        /** What the system stores it under; for a choice known only once acknowledged (the receipt id). */
        volatile String ref;

        Write(Kind kind, String clientKey, String ref) {
            this.kind = kind;
            this.clientKey = clientKey;
            this.ref = ref;
        }

        synchronized void add(Attempt a) {
            attempts.add(a);
        }

        synchronized boolean acknowledged() {
            return attempts.stream().anyMatch(Attempt::acknowledged);
        }

        synchronized Attempt first() {
            return attempts.get(0);
        }

        synchronized List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        /** A client may safely send it again: the system deduplicates by Idempotency-Key or MessageSid. */
        boolean retriable() {
            return kind != Kind.CHOICE;
        }
    }

    /** A dialer's check and its answer ({@code decision} null unless 200). */
    record Check(CheckSubject subject, Attempt attempt, String decision) {
    }

    /** Requests per second of each kind. */
    record Rates(double choices, double consents, double stops, double checks) {
    }

    private static final Pattern RECEIPT = Pattern.compile("\"receiptId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern DECISION = Pattern.compile("\"decision\"\\s*:\\s*\"([A-Z]+)\"");
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 500_000);

    private final LocalSystem system;
    private final LauncherSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    Traffic(LocalSystem system) {
        this.system = system;
        this.settings = system.settings();
    }

    /**
     * A tenant of its own for one fault, so that its accounting, its audit chain and its leftovers are its own:
     * sites to post choices to (the gateway rate-limits per client address and site), a provider number for
     * inbound SMS, and a visitor whose marketing choice is a refusal.
     */
    final class Tenant {
        final String id;
        final String agent;
        final String dialer;
        final String compliance;
        final List<String> sites = new ArrayList<>();
        final String providerNumber;
        final String refusingVisitor = "refuser-" + UUID.randomUUID();
        /** Writes made to set the tenant up: not part of the accounting. */
        final List<String> setupRefs = new ArrayList<>();

        Tenant(String fault, int siteCount) {
            this.id = fault + "-" + UUID.randomUUID().toString().substring(0, 8);
            String admin = system.token(id, "admin");
            this.agent = system.token(id, "agent");
            this.dialer = system.token(id, "dialer");
            this.compliance = system.token(id, "compliance");
            for (int i = 0; i < siteCount; i++) {
                String site = "s" + i + "-" + id;
                site = site.length() > 60 ? site.substring(0, 60) : site;
                expect(201, send(HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + "/v1/admin/sites"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(body("""
                                {"id":"%s","name":"Shop","allowedOrigins":["https://shop.example"],
                                 "categories":[{"id":"analytics","descriptions":{"en":"Usage statistics"}},
                                               {"id":"marketing","descriptions":{"en":"Offers"}}],
                                 "policyVersion":"2026-01","policyUrl":"https://shop.example/privacy"}"""
                                .formatted(site)))));
                sites.add(site);
            }
            this.providerNumber = "+447500" + String.format("%06d", NUMBERS.incrementAndGet() % 1_000_000);
            expect(201, send(HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + "/v1/admin/sms-numbers"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(body("{\"number\":\"" + providerNumber + "\"}"))));
            Attempt refusal = send(choiceRequest(sites.get(0), refusingVisitor, "[]", "[\"marketing\"]"));
            expect(202, refusal);
            setupRefs.add(receiptOf(refusal.body()).orElseThrow());
        }

        /** The id under which the gateway records a STOP with this MessageSid (see KeywordSubmissions). */
        String stopEventId(String messageSid) {
            return UUID.nameUUIDFromBytes(("sms:" + id + ":" + messageSid).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    Tenant tenant(String fault) {
        return new Tenant(fault, 12);
    }

    /** Starts a paced stream for the tenant; {@link Run#stop()} ends it. */
    Run start(Tenant tenant, Rates rates) {
        return new Run(tenant, rates);
    }

    /** One stream of traffic and its outcomes. */
    final class Run {
        final Tenant tenant;
        final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Check> checks = new ConcurrentLinkedQueue<>();
        private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger counter = new AtomicInteger();

        private Run(Tenant tenant, Rates rates) {
            this.tenant = tenant;
            every(rates.choices(), this::sendChoice);
            every(rates.consents(), this::sendConsent);
            every(rates.stops(), this::sendStop);
            every(rates.checks(), this::sendCheck);
        }

        private void every(double perSecond, Runnable task) {
            if (perSecond > 0) {
                long periodMicros = (long) (1_000_000 / perSecond);
                pacer.scheduleAtFixedRate(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        System.err.println("traffic: " + e);
                    }
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
            }
        }

        private void sendChoice() {
            int n = counter.incrementAndGet();
            String visitor = "visitor-" + UUID.randomUUID();
            Write write = new Write(Kind.CHOICE, visitor, null);
            writes.add(write);
            String site = tenant.sites.get(n % tenant.sites.size());
            track(write, choiceRequest(site, visitor, "[\"analytics\"]", "[]"));
        }

        private void sendConsent() {
            String key = "fault-" + UUID.randomUUID();
            Write write = new Write(Kind.CONSENT, key, "api:" + key);
            writes.add(write);
            track(write, consentRequest(write));
        }

        private void sendStop() {
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            Write write = new Write(Kind.STOP, sid, tenant.stopEventId(sid));
            writes.add(write);
            track(write, stopRequest(sid, "+447400" + String.format("%06d", NUMBERS.incrementAndGet() % 1_000_000)));
        }

        private void sendCheck() {
            boolean refused = counter.incrementAndGet() % 2 == 0;
            String visitor = refused ? tenant.refusingVisitor : "never-" + UUID.randomUUID();
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.consentUrl()
                    + "/v1/check?identifierType=visitor&purpose=marketing&channel=web&identifier=" + visitor))
                    .header("Authorization", "Bearer " + tenant.dialer).timeout(Duration.ofSeconds(30)).GET().build();
            inFlight.incrementAndGet();
            exchange(request).whenComplete((a, e) -> {
                Matcher m = a.status() == 200 ? DECISION.matcher(a.body()) : null;
                checks.add(new Check(refused ? CheckSubject.REFUSED : CheckSubject.NEVER_SEEN, a,
                        m != null && m.find() ? m.group(1) : null));
                inFlight.decrementAndGet();
            });
        }

        private void track(Write write, HttpRequest request) {
            inFlight.incrementAndGet();
            exchange(request).whenComplete((a, e) -> {
                if (write.kind == Kind.CHOICE && a.acknowledged()) {
                    write.ref = receiptOf(a.body()).orElse(null);
                }
                write.add(a);
                inFlight.decrementAndGet();
            });
        }

        /** Stops sending and lets what is in flight finish (it is accounted for as it ends). */
        void stop() {
            pacer.shutdownNow();
            org.awaitility.Awaitility.await("requests in flight to finish").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> inFlight.get() == 0);
        }

        /** Writes acknowledged so far whose (first) acknowledgement came after the instant. */
        long acknowledgedSince(Instant since) {
            return writes.stream().filter(w -> w.attempts().stream()
                    .anyMatch(a -> a.acknowledged() && a.done().isAfter(since))).count();
        }

        long failedSince(Instant since, Kind kind) {
            return writes.stream().filter(w -> w.kind == kind).filter(w -> w.attempts().stream()
                    .anyMatch(a -> !a.acknowledged() && a.sent().isAfter(since))).count();
        }

        long checksMatching(Predicate<Check> p) {
            return checks.stream().filter(p).count();
        }

        /**
         * What a client does with a failed write it may safely repeat: sends it again, with the same
         * Idempotency-Key or MessageSid. Answers how many are still not acknowledged.
         */
        long retryFailed() {
            List<CompletableFuture<Attempt>> sent = new ArrayList<>();
            for (Write w : writes) {
                if (w.retriable() && !w.acknowledged()) {
                    HttpRequest request = w.kind == Kind.CONSENT ? consentRequest(w) : stopRequest(w.clientKey,
                            stopFromOf(w));
                    sent.add(exchange(request).whenComplete((a, e) -> w.add(a)));
                }
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();
            return writes.stream().filter(w -> w.retriable() && !w.acknowledged()).count();
        }

        private final Map<String, String> stopFrom = new java.util.concurrent.ConcurrentHashMap<>();

        String stopFromOf(Write w) {
            return stopFrom.get(w.clientKey);
        }

        HttpRequest consentRequest(Write w) {
            return HttpRequest.newBuilder(URI.create(settings.consentUrl() + "/v1/consents"))
                    .header("Authorization", "Bearer " + tenant.agent).header("Content-Type", "application/json")
                    .header("Idempotency-Key", w.clientKey).timeout(Duration.ofSeconds(30))
                    .POST(body("""
                            {"identifiers":[{"type":"customer","value":"crm-%s"}],"purposes":["marketing"],
                             "channels":["email"],"status":"GRANTED","evidence":{"recordingReference":"rec-%s"}}"""
                            .formatted(w.clientKey, w.clientKey)))
                    .build();
        }

        /** Twilio's inbound webhook: a form post signed with X-Twilio-Signature. */
        HttpRequest stopRequest(String messageSid, String from) {
            stopFrom.put(messageSid, from);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("MessageSid", messageSid);
            params.put("From", from);
            params.put("To", tenant.providerNumber);
            params.put("Body", "STOP");
            String url = settings.gatewayUrl() + "/v1/sms/inbound";
            StringBuilder form = new StringBuilder();
            params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .header("X-Twilio-Signature", twilioSignature(system.twilioAuthToken(), url, params))
                    .timeout(Duration.ofSeconds(30)).POST(body(form.toString())).build();
        }
    }

    HttpRequest choiceRequest(String site, String visitor, String granted, String denied) {
        return HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + "/v1/choices"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(body("""
                        {"siteId":"%s","visitorId":"%s","policyVersion":"2026-01","language":"en",
                         "granted":%s,"denied":%s}""".formatted(site, visitor, granted, denied)))
                .build();
    }

    /** Sends and never fails: a missing answer is an attempt with status -1. */
    CompletableFuture<Attempt> exchange(HttpRequest request) {
        Instant sent = Instant.now();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> response == null
                        ? new Attempt(sent, Instant.now(), -1, null, String.valueOf(failure))
                        : new Attempt(sent, Instant.now(), response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(null), response.body()));
    }

    Attempt send(HttpRequest.Builder request) {
        return send(request.timeout(Duration.ofSeconds(30)).build());
    }

    Attempt send(HttpRequest request) {
        return exchange(request).join();
    }

    static Optional<String> receiptOf(String body) {
        Matcher m = RECEIPT.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static void expect(int status, Attempt a) {
        if (a.status() != status) {
            throw new AssertionError("expected " + status + " but got " + a.outcome() + ": " + a.body());
        }
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** Twilio's X-Twilio-Signature: Base64 HMAC-SHA1 over the URL and the sorted parameters. */
    static String twilioSignature(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
