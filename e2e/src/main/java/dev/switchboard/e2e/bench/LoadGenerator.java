package dev.switchboard.e2e.bench;

import dev.switchboard.control.localdial.Sids;
import dev.switchboard.control.localdial.TwimlStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Places simulated Twilio calls on a gateway, as Twilio does: {@code POST /twiml}, then the Media Stream it names. */
final class LoadGenerator {

    private final Vertx vertx;
    // Twilio fetches webhooks over HTTP/1.1; the JDK client would otherwise try an h2c upgrade on every request.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LoadGenerator(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Places {@code calls} calls on the gateway at {@code port} as {@code arrivals} says, waits for them to connect
     * (or fail; failures are printed, grouped by cause) and returns them all.
     */
    List<BenchCall> place(int port, int calls, Arrivals arrivals, int maxFrames) throws InterruptedException {
        List<BenchCall> placed = new ArrayList<>();
        List<Future<Void>> connects = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long wait = start + arrivals.offsetNanos(i, calls) - System.nanoTime();
            if (wait >= 1_000_000L) {
                Thread.sleep(wait / 1_000_000);
            }
            BenchCall call = new BenchCall(maxFrames);
            placed.add(call);
            connects.add(start(port, call));
        }
        awaitAll(connects, 60);
        connects.stream().filter(Future::failed).map(f -> String.valueOf(f.cause()))
                .collect(Collectors.groupingBy(cause -> cause, Collectors.counting()))
                .forEach((cause, count) -> System.out.printf("(%d call(s) did not connect: %s)%n", count, cause));
        return placed;
    }

    /** The calls whose stream is open and sending. */
    static List<BenchCall> connected(List<BenchCall> calls) {
        return calls.stream().filter(c -> c.client() != null && c.client().framesSent() > 0).toList();
    }

    /**
     * Hangs up every call that connected (Twilio's {@code stop}) and waits up to 30 s for the streams to close; a
     * call that never connected has no stream to close.
     */
    static void hangUp(List<BenchCall> calls) throws InterruptedException {
        awaitAll(connected(calls).stream().map(c -> c.client().stop()).toList(), 30);
    }

    /** Waits for every future to settle, but no longer than {@code seconds}: an overloaded level still reports. */
    static void awaitAll(List<? extends Future<?>> futures, int seconds) throws InterruptedException {
        try {
            Future.join(new ArrayList<>(futures)).toCompletionStage().toCompletableFuture().handle((ok, e) -> null)
                    .get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.printf("(not all calls settled within %d s)%n", seconds);
        }
    }

    private Future<Void> start(int port, BenchCall call) {
        String callSid = Sids.next("CA");
        String form = "CallSid=" + callSid + "&AccountSid=AC" + "0".repeat(32)
                + "&From=%2B15005550006&To=%2B15551230000&Direction=outbound-api&CallStatus=in-progress";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/twiml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return Future.fromCompletionStage(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("/twiml answered " + response.statusCode());
                    }
                    return TwimlStream.parse(response.body())
                            .map(twiml -> call.connect(vertx, twiml, callSid))
                            .orElseGet(() -> Future.failedFuture("TwiML without a stream"));
                });
    }
}
