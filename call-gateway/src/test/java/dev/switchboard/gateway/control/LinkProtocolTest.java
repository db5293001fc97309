package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.events.CallEvent;
import dev.switchboard.gateway.session.AgentConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The link envelope as pinned by docs/protocol/link-*.json, which control-api's tests read too. */
@QuarkusTest
class LinkProtocolTest {

    static final Path FIXTURES = Path.of("../docs/protocol");

    @Inject
    ObjectMapper mapper;

    @Test
    void everyLinkFixtureSurvivesARoundTripThroughCallEvent() throws IOException {
        List<Path> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(14);
        for (Path fixture : fixtures) {
            JsonNode expected = mapper.readTree(fixture.toFile());
            CallEvent event = mapper.treeToValue(expected, CallEvent.class);
            assertThat(event.type()).as(fixture.toString()).isEqualTo(fixture.getFileName().toString()
                    .replaceFirst("^link-", "").replaceFirst("\\.json$", ""));
            assertThat(normalized(mapper.readTree(mapper.writeValueAsString(event)))).as(fixture.toString()).isEqualTo(normalized(expected));
        }
    }

    @Test
    void configFixturesMatchTheGatewaysAgentConfig() throws IOException {
        for (String type : List.of("config.snapshot", "config.updated")) {
            JsonNode config = mapper.readTree(FIXTURES.resolve("link-" + type + ".json").toFile()).at("/data/config");
            AgentConfig parsed = mapper.treeToValue(config, AgentConfig.class);
            assertThat(parsed.tools()).hasSize(3);
            assertThat(parsed.transferTarget()).contains("+15005550006");
            assertThat(mapper.readTree(mapper.writeValueAsString(parsed))).isEqualTo(config);
        }
    }

    @Test
    void transcriptDeltasAreTheFirstToGoOnOverflow() throws IOException {
        CallEvent agent = mapper.readValue(FIXTURES.resolve("link-transcript.agent.json").toFile(), CallEvent.class);
        CallEvent caller = mapper.readValue(FIXTURES.resolve("link-transcript.caller.json").toFile(), CallEvent.class);
        assertThat(LinkOutbox.isTranscriptDelta(agent)).isTrue();
        assertThat(LinkOutbox.isTranscriptDelta(caller)).isFalse();
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().matches("link-.*\\.json")).sorted().toList();
        }
    }

    private static JsonNode normalized(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.put("at", Instant.parse(event.get("at").asText()).toString());
        return copy;
    }
}
