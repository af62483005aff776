package io.consentline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * An HTTP load generator on one Vert.x event loop (so it takes one core at most). Two modes: closed loop
 * (a fixed number of requests always in flight: saturation throughput) and open loop (a fixed request rate:
 * latency measured from when each request was due, so queueing is not hidden by coordinated omission).
 */
final class LoadGenerator implements AutoCloseable {

    /** What to send. */
    record Request(HttpMethod method, String path, String bearer, String contentType, Buffer body,
            Map<String, String> headers) {

        static Request get(String path, String bearer) {
            return new Request(HttpMethod.GET, path, bearer, null, null, Map.of());
        }
    }

    /** One answer, for scenarios that need more than the count: which request, when it was sent, what came back. */
    record Answer(int index, Instant sentAt, int status, Buffer body) {
    }

    /** Completed requests per second, and how many failed (non-2xx or I/O error). */
    record Throughput(double perSecond, long ok, long errors) {
    }

    /** Latency percentiles (ms) at a fixed rate, and the errors. */
    record Latency(double rate, double p50, double p99, double p999, double max, long ok, long errors) {
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient client;

    LoadGenerator(int port, int connections) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                .setMaxPoolSize(connections).setKeepAlive(true).setMaxWaitQueueSize(-1));
    }

    Throughput saturate(Request request, int concurrency, Duration duration) {
        return saturate(i -> request, concurrency, duration, answer -> {
        });
    }

    /**
     * Closed loop over a different request each time ({@code requests} gets the request's index, from 0), telling
     * {@code answers} about each answer (on the generator's event loop: keep it short).
     */
    Throughput saturate(IntFunction<Request> requests, int concurrency, Duration duration, Consumer<Answer> answers) {
        CompletableFuture<Throughput> done = new CompletableFuture<>();
        vertx.runOnContext(v -> new ClosedLoop(requests, answers, concurrency, duration, done).start());
        return await(done, duration);
    }

    Latency fixedRate(Request request, double rate, Duration duration) {
        CompletableFuture<Latency> done = new CompletableFuture<>();
        vertx.runOnContext(v -> new OpenLoop(request, rate, duration, done).start());
        return await(done, duration);
    }

    private Future<Integer> send(Request r) {
        return exchange(r).map(Exchanged::status);
    }

    private record Exchanged(int status, Buffer body) {
    }

    private Future<Exchanged> exchange(Request r) {
        RequestOptions options = new RequestOptions().setMethod(r.method()).setURI(r.path());
        if (r.bearer() != null) {
            options.putHeader("Authorization", "Bearer " + r.bearer());
        }
        if (r.contentType() != null) {
            options.putHeader("Content-Type", r.contentType());
        }
        r.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(req -> r.body() == null ? req.send() : req.send(r.body()))
                .compose(resp -> resp.body().map(body -> new Exchanged(resp.statusCode(), body)));
    }

    private final class ClosedLoop {
        private final IntFunction<Request> requests;
        private final Consumer<Answer> answers;
        private final int concurrency;
        private final long deadline;
        private final long started = System.nanoTime();
        private final CompletableFuture<Throughput> done;
        private long ok;
        private long errors;
        private int inFlight;
        private int index;

        ClosedLoop(IntFunction<Request> requests, Consumer<Answer> answers, int concurrency, Duration duration,
                CompletableFuture<Throughput> done) {
            this.requests = requests;
            this.answers = answers;
            this.concurrency = concurrency;
            this.deadline = started + duration.toNanos();
            this.done = done;
        }

        void start() {
            for (int i = 0; i < concurrency; i++) {
                next();
            }
        }

        private void next() {
            if (System.nanoTime() >= deadline) {
                if (inFlight == 0 && !done.isDone()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    done.complete(new Throughput(ok / seconds, ok, errors));
                }
                return;
            }
            inFlight++;
            int i = index++;
            Instant sentAt = Instant.now();
            exchange(requests.apply(i)).onComplete(ar -> {
                inFlight--;
                int status = ar.succeeded() ? ar.result().status() : 0;
                if (status / 100 == 2) {
                    ok++;
                } else {
                    errors++;
                }
                answers.accept(new Answer(i, sentAt, status, ar.succeeded() ? ar.result().body() : null));
                next();
            });
        }
    }

    private final class OpenLoop {
        private final Request request;
        private final double rate;
        private final long total;
        private final long started = System.nanoTime();
        private final CompletableFuture<Latency> done;
        private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        private long sent;
        private long completed;
        private long errors;

        OpenLoop(Request request, double rate, Duration duration, CompletableFuture<Latency> done) {
            this.request = request;
            this.rate = rate;
            this.total = (long) (rate * duration.toNanos() / 1e9);
            this.done = done;
        }

        void start() {
            vertx.setPeriodic(1, timer -> {
                long due = Math.min(total, (long) ((System.nanoTime() - started) * rate / 1e9));
                while (sent < due) {
                    long intended = started + (long) (sent * 1e9 / rate);
                    sent++;
                    send(request).onComplete(ar -> {
                        completed++;
                        if (ar.succeeded() && ar.result() / 100 == 2) {
                            histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                        } else {
                            errors++;
                        }
                        if (completed == total) {
                            done.complete(new Latency(rate, ms(50), ms(99), ms(99.9),
                                    histogram.getMaxValue() / 1000.0, histogram.getTotalCount(), errors));
                        }
                    });
                }
                if (sent >= total) {
                    vertx.cancelTimer(timer);
                }
            });
        }

        private double ms(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration duration) {
        try {
            return future.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("load run did not complete", e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
