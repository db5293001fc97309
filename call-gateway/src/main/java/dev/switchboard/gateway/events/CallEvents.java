package dev.switchboard.gateway.events;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
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

    public void publish(LinkType type, String callSid, Map<String, Object> data) {
        publish(LinkFrame.of(type, callSid, data));
    }

    public void publish(LinkFrame event) {
        for (CallEventSink sink : sinks) {
            sink.accept(event);
        }
    }
}
