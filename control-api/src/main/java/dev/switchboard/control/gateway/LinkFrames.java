package dev.switchboard.control.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.LinkFrame;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes link frames as JSON text frames, once, so a frame fanned out to many sockets is encoded once. */
@ApplicationScoped
public class LinkFrames {

    private final ObjectMapper mapper;

    LinkFrames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(LinkFrame event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unwritable link event " + event.type(), e);
        }
    }
}
