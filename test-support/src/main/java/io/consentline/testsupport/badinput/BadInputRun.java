package io.consentline.testsupport.badinput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Runs generated bad input against one operation of a running service, the way jqwik would run a property but
 * inside a {@code @QuarkusTest} (jqwik's own engine does not start Quarkus): cases are drawn from an
 * {@link Arbitrary} with a fixed seed, so a failure is reproducible; every answer must pass {@link ProblemCheck};
 * the state (row counts, topic offsets) must be the same after the run as before. A failing case is shrunk with
 * jqwik's shrinkers and reported with the seed.
 *
 * <p>System properties: {@code consentline.badinput.seed} (default {@value #DEFAULT_SEED}),
 * {@code consentline.badinput.scale} (multiplies every case count; default 1).
 */
public final class BadInputRun {

    public static final long DEFAULT_SEED = 20261123L;
    private static final int PARALLEL = 4;
    private static final int SHRINK_BUDGET = 200;
    private static final long SHRINK_MILLIS = 30_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final Supplier<Map<String, Long>> state;

    /**
     * @param base the service's address
     * @param state what must not change: row counts, topic end offsets, ...
     */
    public BadInputRun(URI base, Supplier<Map<String, Long>> state) {
        this.base = base;
        this.state = state;
    }

    public static long seed() {
        return Long.getLong("consentline.badinput.seed", DEFAULT_SEED);
    }

    /** {@code cases} scaled by {@code consentline.badinput.scale}. */
    public static int scaled(int cases) {
        double scale = Double.parseDouble(System.getProperty("consentline.badinput.scale", "1"));
        return Math.max(1, (int) Math.round(cases * scale));
    }

    /** What a run did, for the log and the docs. */
    public record Summary(String operation, long seed, int cases, Map<Integer, Integer> statuses, long millis) {

        @Override
        public String toString() {
            return "%s: %d cases (seed %d) in %d ms, statuses %s".formatted(operation, cases, seed, millis, statuses);
        }
    }

    /** Runs {@code count} cases for {@code operation}; throws an {@link AssertionError} on the first kind of failure. */
    public Summary run(String operation, Arbitrary<BadCase> cases, int count) {
        long seed = seed() ^ operation.hashCode();
        // jqwik's generators and shrinkers need a session outside jqwik's own engine
        JqwikSession.start(Long.toString(seed));
        try {
            return runInSession(operation, cases, count, seed);
        } finally {
            JqwikSession.finish();
        }
    }

    private Summary runInSession(String operation, Arbitrary<BadCase> cases, int count, long seed) {
        RandomGenerator<BadCase> generator = cases.generator(100, true);
        Random random = new Random(seed);
        List<Shrinkable<BadCase>> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drawn.add(generator.next(random));
        }
        Map<String, Long> before = state.get();
        long started = System.nanoTime();
        List<Outcome> outcomes = sendAll(drawn.stream().map(Shrinkable::value).toList());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = state.get();

        Map<Integer, Integer> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(o.status, 1, Integer::sum));
        Summary summary = new Summary(operation, seed(), count, statuses, millis);
        System.out.println("[bad input] " + summary);

        List<Integer> failing = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).violations.isEmpty()) {
                failing.add(i);
            }
        }
        StringBuilder report = new StringBuilder();
        if (!failing.isEmpty()) {
            int first = failing.get(0);
            report.append(failing.size()).append(" of ").append(count).append(" cases failed for ").append(operation)
                    .append(" (seed ").append(seed()).append(", -Dconsentline.badinput.seed=").append(seed())
                    .append(")\nfirst failing case #").append(first).append(": ").append(outcomes.get(first))
                    .append("\nshrunk: ").append(shrink(drawn.get(first)));
            Map<String, Outcome> kinds = new LinkedHashMap<>();
            for (int i : failing) {
                kinds.putIfAbsent(String.join("; ", outcomes.get(i).violations).replaceAll("\\d+", "#")
                        .replaceAll("(Accept|Content-Type) [^ ]+", "$1 *"), outcomes.get(i));
            }
            report.append("\nkinds of failure (").append(kinds.size()).append("):");
            kinds.values().stream().limit(20).forEach(o -> report.append("\n - ").append(o));
        }
        if (!before.equals(after)) {
            report.append("\nstate changed during the run of ").append(operation).append(" (something was stored or ")
                    .append("published): before ").append(before).append("\n after ").append(after);
        }
        if (report.length() > 0) {
            System.out.println("[bad input] FAILED " + report);
            throw new AssertionError(report.toString());
        }
        return summary;
    }

    private String shrink(Shrinkable<BadCase> failing) {
        Shrinkable<BadCase> current = failing;
        Outcome currentOutcome = send(current.value());
        int budget = SHRINK_BUDGET;
        long deadline = System.currentTimeMillis() + SHRINK_MILLIS;
        boolean progress = true;
        while (progress && budget > 0 && System.currentTimeMillis() < deadline) {
            progress = false;
            Iterator<Shrinkable<BadCase>> candidates = current.shrink().iterator();
            while (candidates.hasNext() && budget-- > 0) {
                Shrinkable<BadCase> candidate = candidates.next();
                Outcome outcome = send(candidate.value());
                if (!outcome.violations.isEmpty()) {
                    current = candidate;
                    currentOutcome = outcome;
                    progress = true;
                    break;
                }
            }
        }
        return currentOutcome.toString();
    }

    private List<Outcome> sendAll(List<BadCase> cases) {
        Semaphore slots = new Semaphore(PARALLEL);
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(cases.size());
        for (BadCase c : cases) {
            slots.acquireUninterruptibly();
            futures.add(sendAsync(c).whenComplete((o, e) -> slots.release()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private Outcome send(BadCase c) {
        return sendAsync(c).join();
    }

    private CompletableFuture<Outcome> sendAsync(BadCase c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(c.target()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        return new Outcome(c, -1, null, String.valueOf(error),
                                List.of("no answer: " + error.getClass().getSimpleName() + " " + error.getMessage()));
                    }
                    String type = response.headers().firstValue("Content-Type").orElse(null);
                    return new Outcome(c, response.statusCode(), type, response.body(),
                            ProblemCheck.violations(c, c.status(), response.statusCode(), type, response.body()));
                });
    }

    private record Outcome(BadCase request, int status, String contentType, String body, List<String> violations) {

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 800 ? body.substring(0, 800) + "..." : body;
            return violations + "\n     request: " + request.describe() + "\n     answer: " + status + " " + contentType
                    + " " + shown;
        }
    }
}
