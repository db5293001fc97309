package dev.switchboard.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.control.config.AgentConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The link envelope as pinned by docs/protocol/link-*.json, which call-gateway's tests read too. */
@QuarkusTest
class LinkProtocolTest {

    static final Path FIXTURES = Path.of("../docs/protocol");

    @Inject
    ObjectMapper mapper;

    @Test
    void everyLinkFixtureSurvivesARoundTripThroughLinkEvent() throws IOException {
        List<Path> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(14);
        for (Path fixture : fixtures) {
            JsonNode expected = mapper.readTree(fixture.toFile());
            LinkEvent event = mapper.treeToValue(expected, LinkEvent.class);
            assertThat(event.type()).as(fixture.toString()).isEqualTo(fixture.getFileName().toString()
                    .replaceFirst("^link-", "").replaceFirst("\\.json$", ""));
            assertThat(normalized(mapper.readTree(mapper.writeValueAsString(event)))).as(fixture.toString()).isEqualTo(normalized(expected));
        }
    }

    /**
     * Tool fields the gateway reads that control-api's AgentConfig does not carry yet (docs/webhook-tools.md):
     * a PUT cannot set them, so gateways see null. Listed so the gap stays visible; empty this when it closes.
     */
    static final Set<String> TOOL_FIELDS_NOT_YET_IN_CONTROL_API = Set.of();

    @Test
    void configFixturesMatchControlApisAgentConfig() throws IOException {
        for (String type : List.of("config.snapshot", "config.updated")) {
            JsonNode config = mapper.readTree(FIXTURES.resolve("link-" + type + ".json").toFile()).at("/data/config");
            AgentConfig parsed = mapper.treeToValue(config, AgentConfig.class);
            assertThat(parsed.tools()).hasSize(3);
            assertThat(parsed.transferTarget()).contains("+15005550006");
            JsonNode expected = config.deepCopy();
            expected.get("tools").forEach(tool -> ((ObjectNode) tool).remove(TOOL_FIELDS_NOT_YET_IN_CONTROL_API));
            assertThat(mapper.readTree(mapper.writeValueAsString(parsed))).isEqualTo(expected);
        }
    }

    @Test
    void helloFixtureReadsAsGatewayHello() throws IOException {
        LinkEvent hello = mapper.readValue(FIXTURES.resolve("link-gateway.hello.json").toFile(), LinkEvent.class);
        assertThat(GatewayHello.from(hello.data())).isEqualTo(new GatewayHello("gateway-7f3c", 200, "openai", true));
    }

    @Test
    void commandsAreWrittenInTheFixturesShape() throws IOException {
        LinkFrames frames = new LinkFrames(mapper);
        JsonNode transfer = mapper.readTree(frames.write(LinkEvent.of("call.transfer",
                "CA0123456789abcdef0123456789abcdef", java.util.Map.of("target", "+15005550006"))));
        JsonNode fixture = mapper.readTree(FIXTURES.resolve("link-call.transfer.json").toFile());
        assertThat(withoutAt(transfer)).isEqualTo(withoutAt(fixture));
        assertThat(Instant.parse(transfer.get("at").asText())).isNotNull();
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

    private static JsonNode withoutAt(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove("at");
        return copy;
    }
}
