package dev.switchboard.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.Map;

/** Where calls publish what happens to them; hands each event to every {@link CallEventSink} bean. */
@ApplicationScoped
public class CallEvents {

    private final List<CallEventSink> sinks;

    CallEvents(Instance<CallEventSink> sinks) {
        this.sinks = sinks.stream().toList();
    }

    public void publish(String type, String callSid, Map<String, Object> data) {
        publish(CallEvent.of(type, callSid, data));
    }

    public void publish(CallEvent event) {
        for (CallEventSink sink : sinks) {
            sink.accept(event);
        }
    }
}
