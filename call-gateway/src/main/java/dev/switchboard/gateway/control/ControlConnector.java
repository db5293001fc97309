package dev.switchboard.gateway.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.localagent.LocalAgent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnector;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps one link open to control-api when CONTROL_API_URL is set: connects at start and, whenever the link
 * fails or drops, tries again after an exponential backoff with jitter, so many gateways do not retry in step.
 */
@ApplicationScoped
public class ControlConnector {

    private final Instance<WebSocketConnector<ControlLink>> connectors;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final LocalAgent agent;
    private final String instanceId;
    /** Names this process on the link: event sequence numbers start again at 1 in each one. */
    private final String bootId = UUID.randomUUID().toString();
    private int failures;
    private volatile boolean linked;
    private volatile boolean stopped;

    ControlConnector(Instance<WebSocketConnector<ControlLink>> connectors, GatewayConfig config, ObjectMapper mapper,
                     Vertx vertx, LocalAgent agent, MeterRegistry registry) {
        this.connectors = connectors;
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
        this.agent = agent;
        this.instanceId = config.control().instanceId().filter(id -> !id.isBlank())
                .orElseGet(() -> "gateway-" + UUID.randomUUID());
        Gauge.builder("switchboard.link.up", this, connector -> connector.linked ? 1 : 0)
                .description("1 while the link to control-api is open").register(registry);
    }

    void onStart(@Observes StartupEvent start) {
        if (config.control().url().isPresent()) {
            connect();
        } else {
            Log.info("CONTROL_API_URL not set: running without the control-api link");
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopped = true;
    }

    /** Whether the link to control-api is open now. */
    public boolean isLinked() {
        return linked;
    }

    /** This instance's id on the link. */
    public String instanceId() {
        return instanceId;
    }

    void linked() {
        synchronized (this) {
            failures = 0;
        }
        linked = true;
        Log.infof("linked to control-api as %s", instanceId);
    }

    void unlinked() {
        linked = false;
        Log.warn("link to control-api lost; calls go on with the last config, events wait");
        retryLater();
    }

    /**
     * Who this gateway is, which agent answers its calls (only whether a key is set, never the key) and the calls it
     * carries now, so a control-api that restarted since they began can still route hang-ups and transfers to them.
     */
    String hello(List<String> calls) {
        var hello = LinkFrame.of(LinkType.GATEWAY_HELLO, null, Map.of("instanceId", instanceId, "bootId", bootId,
                "capacity", config.limits().maxCalls(), "agentMode", agent.local() ? "local" : "openai",
                "openaiKeyPresent", config.openai().apiKey().filter(key -> !key.isBlank()).isPresent(),
                "calls", calls));
        try {
            return mapper.writeValueAsString(hello);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        var connector = connectors.get().baseUri(webSocketUri(config.control().url().orElseThrow()));
        config.control().internalToken().filter(t -> !t.isBlank())
                .ifPresent(token -> connector.addHeader("Authorization", "Bearer " + token));
        connector.connect().subscribe().with(link -> { }, failure -> {
            Log.warnf("could not link to control-api: %s", failure.getMessage());
            retryLater();
        });
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        vertx.setTimer(nextDelay().toMillis(), id -> connect());
    }

    /** Exponential backoff from reconnect-min to reconnect-max, then "equal jitter": half fixed, half random. */
    synchronized Duration nextDelay() {
        long min = Math.max(1, config.control().reconnectMin().toMillis());
        long max = Math.max(min, config.control().reconnectMax().toMillis());
        long capped = Math.min(max, min << Math.min(failures++, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    static URI webSocketUri(URI base) {
        String scheme = switch (base.getScheme()) {
            case "https", "wss" -> "wss";
            default -> "ws";
        };
        String text = base.toString().replaceAll("/+$", "");
        return URI.create(scheme + text.substring(text.indexOf(':')));
    }
}
