package dev.switchboard.control.replicas;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.calls.CallCommand;
import dev.switchboard.control.calls.CallCommandRouting;
import dev.switchboard.control.calls.CallCommands;
import dev.switchboard.control.errors.ApiError;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call command on the replica that holds the call. Here when this replica holds it (or it is alone);
 * otherwise it asks the others ({@code ask}), sends the command to the first that answers {@code holds}
 * ({@code run}), and waits for its {@code result}, which carries the same {@link ApiError} that replica's endpoint
 * would have answered. Asking first, instead of broadcasting the command, makes sure only one replica carries it
 * out. When no replica claims the call within the claim timeout, it runs here as before (Twilio alone, or the
 * error this replica finds).
 */
@ApplicationScoped
class ReplicaCommands implements CallCommandRouting {

    private final ReplicaBus bus;
    private final CallCommands calls;
    private final Vertx vertx;
    private final ControlConfig.Replicas config;
    private final CommandErrors errors;
    private final Map<String, CompletableFuture<ReplicaMessage>> claims = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ReplicaMessage>> results = new ConcurrentHashMap<>();

    ReplicaCommands(ReplicaBus bus, CallCommands calls, Vertx vertx, ControlConfig config, CommandErrors errors) {
        this.bus = bus;
        this.calls = calls;
        this.vertx = vertx;
        this.config = config.replicas();
        this.errors = errors;
    }

    /** Runs {@code command} where the call is held; throws what the REST endpoint maps. Blocking. */
    @Override
    public void run(CallCommand command) {
        if (!bus.active() || calls.holds(command.callSid())) {
            calls.run(command);
            return;
        }
        String id = UUID.randomUUID().toString();
        Optional<String> holder = await(claims, id, ReplicaMessage.ask(id, command.callSid()), config.claimTimeout())
                .map(ReplicaMessage::from);
        if (holder.isEmpty()) {
            calls.run(command);
            return;
        }
        CallMdc.run(command.callSid(), () -> Log.infof("%s routed to replica %s, which holds the call",
                command.op().wire(), holder.get()));
        ReplicaMessage result = await(results, id, ReplicaMessage.run(holder.get(), id, command),
                config.commandTimeout()).orElseThrow(() -> new RoutedCommandException(ApiError.of(503,
                "replica.unavailable", "The replica holding the call did not answer in time")));
        if (result.error() != null) {
            throw new RoutedCommandException(result.error());
        }
    }

    void onMessage(@Observes ReplicaMessage message) {
        switch (message.kind()) {
            case ASK -> claimIfHeld(message);
            case RUN -> vertx.executeBlocking(() -> {
                answer(message, ReplicaMessage.Kind.RESULT, runHere(message.command()));
                return null;
            }, false);
            case HOLDS -> complete(claims, message);
            case RESULT -> complete(results, message);
            default -> { }
        }
    }

    private void claimIfHeld(ReplicaMessage ask) {
        if (calls.holds(ask.callSid())) {
            answer(ask, ReplicaMessage.Kind.HOLDS, null);
        }
    }

    private ApiError runHere(CallCommand command) {
        try {
            calls.run(command);
            return null;
        } catch (RuntimeException e) {
            return errors.describe(e);
        }
    }

    // Replies go out on a worker: the listener thread only reads, so a slow send never delays other messages.
    private void answer(ReplicaMessage asked, ReplicaMessage.Kind kind, ApiError error) {
        vertx.executeBlocking(() -> {
            bus.send(asked.reply(kind, error));
            return null;
        }, false).onFailure(e -> CallMdc.run(asked.callSid(),
                () -> Log.warnf("could not answer %s: %s", asked.kind().wire(), e.getMessage())));
    }

    private static void complete(Map<String, CompletableFuture<ReplicaMessage>> waiting, ReplicaMessage message) {
        CompletableFuture<ReplicaMessage> future = message.id() == null ? null : waiting.get(message.id());
        if (future != null) {
            future.complete(message);
        }
    }

    private Optional<ReplicaMessage> await(Map<String, CompletableFuture<ReplicaMessage>> waiting, String id,
                                           ReplicaMessage request, Duration timeout) {
        CompletableFuture<ReplicaMessage> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            bus.send(request);
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(id);
        }
    }
}
