package dev.switchboard.contract.link;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LinkProtocolTest {

    static final Path FIXTURES = Path.of("../docs/protocol");

    // As Quarkus configures its ObjectMapper in both services: ISO-8601 instants, unknown fields ignored.
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void everyLinkFixtureSurvivesARoundTripThroughLinkFrame() throws IOException {
        List<Path> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(18);
        for (Path fixture : fixtures) {
            JsonNode expected = mapper.readTree(fixture.toFile());
            LinkFrame frame = mapper.treeToValue(expected, LinkFrame.class);
            assertThat(frame.type()).as(fixture.toString()).isNotEqualTo(LinkType.UNKNOWN);
            assertThat(frame.type().wire()).as(fixture.toString()).isEqualTo(typeNamedBy(fixture));
            assertThat(normalized(mapper.readTree(mapper.writeValueAsString(frame)))).as(fixture.toString())
                    .isEqualTo(normalized(expected));
        }
    }

    @Test
    void everyFrameTypeHasAFixture() throws IOException {
        List<String> pinned = fixtures().stream().map(LinkProtocolTest::typeNamedBy).toList();
        assertThat(Stream.of(LinkType.values()).filter(type -> type != LinkType.UNKNOWN).map(LinkType::wire))
                .allMatch(pinned::contains);
    }

    @Test
    void onlyTheGatewaysCallEventsAreNumbered() throws IOException {
        for (Path fixture : fixtures()) {
            LinkFrame frame = mapper.readValue(fixture.toFile(), LinkFrame.class);
            boolean numbered = frame.seq() != null;
            assertThat(numbered).as(fixture.toString()).isEqualTo(frame.type().callEvent()
                    || frame.type() == LinkType.CALL_TRANSFER_REQUESTED);
        }
    }

    @Test
    void aCallEventCarriesItsTraceAndAFrameWithoutOneStaysWithout() throws IOException {
        LinkFrame traced = mapper.readValue(FIXTURES.resolve("link-call.started.json").toFile(), LinkFrame.class);
        assertThat(Traceparent.valid(traced.traceparent())).isTrue();
        assertThat(traced.withSeq(9).traceparent()).isEqualTo(traced.traceparent());
        LinkFrame plain = mapper.readValue(FIXTURES.resolve("link-call.ended.json").toFile(), LinkFrame.class);
        assertThat(plain.traceparent()).isNull();
        assertThat(mapper.readTree(mapper.writeValueAsString(plain)).has("traceparent")).isFalse();
    }

    @Test
    void configFixturesReadAsAgentConfig() throws IOException {
        for (String type : List.of("config.snapshot", "config.updated")) {
            JsonNode config = mapper.readTree(FIXTURES.resolve("link-" + type + ".json").toFile()).at("/data/config");
            AgentConfig parsed = mapper.treeToValue(config, AgentConfig.class);
            assertThat(parsed.tools()).hasSize(3);
            assertThat(parsed.transferTarget()).contains("+15005550006");
            assertThat(mapper.readTree(mapper.writeValueAsString(parsed))).isEqualTo(config);
        }
    }

    @Test
    void aTypeThisBuildDoesNotKnowReadsAsUnknown() throws IOException {
        LinkFrame frame = mapper.readValue("""
                {"type": "call.teleported", "callSid": "CA1", "at": "2026-01-15T09:30:00Z", "data": {}}""",
                LinkFrame.class);
        assertThat(frame.type()).isEqualTo(LinkType.UNKNOWN);
        assertThat(mapper.readValue("{\"callSid\": \"CA1\", \"type\": null}", LinkFrame.class).type())
                .isEqualTo(LinkType.UNKNOWN);
        assertThat(mapper.readValue("{\"callSid\": \"CA1\"}", LinkFrame.class).type()).isEqualTo(LinkType.UNKNOWN);
    }

    @Test
    void framesWithoutANumberAreWrittenWithoutSeq() throws IOException {
        JsonNode written = mapper.readTree(mapper.writeValueAsString(
                LinkFrame.of(LinkType.CALL_TRANSFER, "CA1", Map.of("target", "+15005550006"))));
        assertThat(written.has("seq")).isFalse();
        assertThat(written.get("type").asText()).isEqualTo("call.transfer");
        assertThat(Instant.parse(written.get("at").asText())).isNotNull();
    }

    @Test
    void callContextKeepsItsShapeAndReadsVariablesAsText() throws IOException {
        String json = """
                {"callSid":"CA1","instructions":"Be brief.","variables":{"name":"Ada","tier":2,"vip":true},\
                "recorded":true}""";
        CallContext context = mapper.readValue(json, CallContext.class);
        assertThat(context.records()).isTrue();
        assertThat(mapper.readTree(mapper.writeValueAsString(new CallContext("CA3", null, null))).has("recorded"))
                .isFalse();
        assertThat(mapper.readTree(mapper.writeValueAsString(context))).isEqualTo(mapper.readTree(json));
        assertThat(context.variableTexts()).containsEntry("tier", "2").containsEntry("vip", "true");
        assertThat(new CallContext("CA2", null, null).variableTexts()).isEmpty();
    }

    @Test
    void callContextCarriesTheProfileTheCallWasDialedWith() throws IOException {
        String json = """
                {"callSid":"CA1","instructions":null,"variables":null,"profile":"sales","profileVersion":3}""";
        CallContext context = mapper.readValue(json, CallContext.class);
        assertThat(context.profile()).isEqualTo("sales");
        assertThat(context.profileVersion()).isEqualTo(3L);
        assertThat(mapper.readTree(mapper.writeValueAsString(context))).isEqualTo(mapper.readTree(json));
    }

    @Test
    void profileFixturesReadAsNamedAgentConfigs() throws IOException {
        JsonNode snapshot = mapper.readTree(FIXTURES.resolve("link-config.snapshot.json").toFile());
        assertThat(mapper.treeToValue(snapshot.at("/data/config"), AgentConfig.class).profileName())
                .isEqualTo(AgentConfig.DEFAULT_PROFILE);
        AgentConfig named = mapper.treeToValue(snapshot.at("/data/profiles/0"), AgentConfig.class);
        assertThat(named.profileName()).isEqualTo("billing");
        assertThat(named.numbers()).containsExactly("+14155550100");
        JsonNode updated = mapper.readTree(FIXTURES.resolve("link-profile.updated.json").toFile()).at("/data/config");
        assertThat(mapper.treeToValue(updated, AgentConfig.class).version()).isEqualTo(3);
        assertThat(new AgentConfig(1, "x", "marin", null, null, null, null).profileName())
                .isEqualTo(AgentConfig.DEFAULT_PROFILE);
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().matches("link-.*\\.json")).sorted().toList();
        }
    }

    private static String typeNamedBy(Path fixture) {
        return fixture.getFileName().toString().replaceFirst("^link-", "").replaceFirst("\\.json$", "");
    }

    private static JsonNode normalized(JsonNode frame) {
        ObjectNode copy = frame.deepCopy();
        copy.put("at", Instant.parse(frame.get("at").asText()).toString());
        return copy;
    }

    @Test
    void conversationItemFixtureReadsAsAConversationItemAndBack() throws IOException {
        LinkFrame frame = mapper.readValue(FIXTURES.resolve("link-conversation.item.json").toFile(), LinkFrame.class);
        ConversationItem item = ConversationItem.fromLink(frame.data());
        assertThat(item.index()).isEqualTo(3);
        assertThat(item.itemType()).isEqualTo(ConversationItem.FUNCTION_CALL);
        assertThat(item.callId()).isEqualTo("call_abc123");
        assertThat(mapper.writeValueAsString(item.toLink())).isEqualTo(mapper.writeValueAsString(frame.data()));
        assertThat(ConversationItem.fromLink(Map.of("text", "no index"))).isNull();
    }

    @Test
    void aConversationEndingInAnUnfinishedAssistantMessageWasCut() throws IOException {
        CallConversation cut = new CallConversation("CA1", List.of(ConversationItem.message(0, "user", "completed",
                "Hi"), ConversationItem.message(1, "assistant", "in_progress", null)), "default", 2L, null, null);
        assertThat(cut.agentCut()).isTrue();
        CallConversation read = mapper.readValue(mapper.writeValueAsString(cut), CallConversation.class);
        assertThat(read).isEqualTo(cut);
        assertThat(new CallConversation("CA1", null, null, null, null, null).agentCut()).isFalse();
    }
}
