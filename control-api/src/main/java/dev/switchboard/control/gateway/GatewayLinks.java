package dev.switchboard.control.gateway;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateways linked to this replica and which one holds each live call.
 * Calls are keyed to the gateway's instance id rather than its socket, so a gateway that reconnects
 * (same id, new socket) keeps receiving commands for the calls it already carries.
 */
@ApplicationScoped
public class GatewayLinks {

    static final TypedKey<String> INSTANCE = TypedKey.forString("gateway.instance");
    static final TypedKey<GatewayHello> HELLO = new TypedKey<>("gateway.hello");

    private final Map<String, WebSocketConnection> gateways = new ConcurrentHashMap<>();
    private final Map<String, String> callOwners = new ConcurrentHashMap<>();

    void linked(WebSocketConnection gateway) {
        gateway.userData().put(INSTANCE, gateway.id());
        gateways.put(gateway.id(), gateway);
    }

    void hello(WebSocketConnection gateway, GatewayHello hello) {
        gateway.userData().put(HELLO, hello);
        String instanceId = hello.instanceId();
        if (instanceId == null || instanceId.isBlank()) {
            return;
        }
        String previous = gateway.userData().put(INSTANCE, instanceId);
        if (previous != null) {
            gateways.remove(previous, gateway);
        }
        gateways.put(instanceId, gateway);
        Log.infof("gateway %s linked", instanceId);
    }

    void unlinked(WebSocketConnection gateway) {
        String instanceId = gateway.userData().get(INSTANCE);
        if (instanceId != null && gateways.remove(instanceId, gateway)) {
            Log.infof("gateway %s unlinked", instanceId);
        }
    }

    /** The calls a gateway's hello says it carries: after a restart of this replica, the only record of them. */
    void carries(WebSocketConnection gateway, Object calls) {
        if (calls instanceof Collection<?> sids) {
            sids.stream().filter(sid -> sid instanceof String text && !text.isBlank())
                    .forEach(sid -> callStarted((String) sid, gateway));
        }
    }

    void callStarted(String callSid, WebSocketConnection gateway) {
        callOwners.put(callSid, gateway.userData().get(INSTANCE));
    }

    void callEnded(String callSid) {
        callOwners.remove(callSid);
    }

    /** The open link of the gateway that holds this call, if it is linked to this replica. */
    Optional<WebSocketConnection> holderOf(String callSid) {
        return Optional.ofNullable(callSid).map(callOwners::get).map(gateways::get).filter(WebSocketConnection::isOpen);
    }

    Collection<WebSocketConnection> all() {
        return gateways.values();
    }

    /** What each linked gateway said in its hello ({@link GatewayHello#UNKNOWN} before it said any). */
    public List<GatewayHello> hellos() {
        return gateways.values().stream()
                .map(gateway -> Optional.ofNullable(gateway.userData().get(HELLO)).orElse(GatewayHello.UNKNOWN))
                .toList();
    }

    /** Number of gateways currently linked. */
    public int count() {
        return gateways.size();
    }
}
