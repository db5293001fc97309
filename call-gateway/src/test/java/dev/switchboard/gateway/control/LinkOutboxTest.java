package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.contract.link.LinkFrame;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outbox makes of the link frames pinned by docs/protocol/link-*.json (the contract module round-trips
 * every one of them); the queue itself is exercised over a real link in {@link ControlLinkTest}.
 */
@QuarkusTest
class LinkOutboxTest {

    static final Path FIXTURES = Path.of("../docs/protocol");

    @Inject
    ObjectMapper mapper;

    @Test
    void transcriptDeltasAreTheFirstToGoOnOverflow() throws IOException {
        LinkFrame agent = mapper.readValue(FIXTURES.resolve("link-transcript.agent.json").toFile(), LinkFrame.class);
        LinkFrame caller = mapper.readValue(FIXTURES.resolve("link-transcript.caller.json").toFile(), LinkFrame.class);
        assertThat(LinkOutbox.isTranscriptDelta(agent)).isTrue();
        assertThat(LinkOutbox.isTranscriptDelta(caller)).isFalse();
    }
}
