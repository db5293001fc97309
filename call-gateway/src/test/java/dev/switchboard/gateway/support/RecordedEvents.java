package dev.switchboard.gateway.support;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.gateway.events.CallEventSink;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;

/** Collects every call event the gateway publishes, for assertions. */
@ApplicationScoped
public class RecordedEvents implements CallEventSink {

    private final List<LinkFrame> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(LinkFrame event) {
        events.add(event);
    }

    public List<LinkFrame> of(String callSid, LinkType type) {
        return events.stream().filter(e -> e.callSid().equals(callSid) && e.type() == type).toList();
    }

    public LinkFrame await(String callSid, LinkType type) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !of(callSid, type).isEmpty());
        return of(callSid, type).get(0);
    }
}
