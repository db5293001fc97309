package dev.switchboard.gateway.support;

import dev.switchboard.gateway.events.CallEvent;
import dev.switchboard.gateway.events.CallEventSink;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;

/** Collects every call event the gateway publishes, for assertions. */
@ApplicationScoped
public class RecordedEvents implements CallEventSink {

    private final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(CallEvent event) {
        events.add(event);
    }

    public List<CallEvent> of(String callSid, String type) {
        return events.stream().filter(e -> e.callSid().equals(callSid) && e.type().equals(type)).toList();
    }

    public CallEvent await(String callSid, String type) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !of(callSid, type).isEmpty());
        return of(callSid, type).get(0);
    }
}
