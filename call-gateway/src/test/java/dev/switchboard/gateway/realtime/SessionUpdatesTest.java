package dev.switchboard.gateway.realtime;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallContext;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionUpdatesTest {

    private static final AgentConfig CONFIG = new AgentConfig(1, "You help {{name}}.", "cedar", "Hi {{name}}!",
            new AgentConfig.TurnDetection("server_vad", 0.6, 200, 400, true, false),
            new AgentConfig.Transcription("gpt-4o-mini-transcribe", "en"), List.of());

    @Test
    void theUpdateCarriesTheGaShapeWithTheConfiguredVadTranscriptionAndVoice() {
        JsonObject session = new JsonObject(SessionUpdates.build(CONFIG, null, List.of(), "gpt-realtime", true))
                .getJsonObject("session");
        assertThat(session.getString("type")).isEqualTo("realtime");
        assertThat(session.getString("model")).isEqualTo("gpt-realtime");
        assertThat(session.getJsonArray("output_modalities").getList()).containsExactly("audio");
        JsonObject input = session.getJsonObject("audio").getJsonObject("input");
        assertThat(input.getJsonObject("turn_detection").getMap()).containsEntry("type", "server_vad")
                .containsEntry("threshold", 0.6).containsEntry("prefix_padding_ms", 200)
                .containsEntry("silence_duration_ms", 400).containsEntry("interrupt_response", false);
        assertThat(input.getJsonObject("transcription").getMap()).containsEntry("model", "gpt-4o-mini-transcribe")
                .containsEntry("language", "en");
        assertThat(session.getJsonObject("audio").getJsonObject("output").getString("voice")).isEqualTo("cedar");
        assertThat(SessionUpdates.interruptsOnSpeech(CONFIG)).isFalse();
    }

    @Test
    void semanticVadGetsNoneOfServerVadsThresholds() {
        AgentConfig semantic = new AgentConfig(1, "Hi.", "cedar", null,
                new AgentConfig.TurnDetection("semantic_vad", 0.6, 200, 400, true, true), null, List.of());
        JsonObject turnDetection = new JsonObject(SessionUpdates.build(semantic, null, List.of(), "gpt-realtime", true))
                .getJsonObject("session").getJsonObject("audio").getJsonObject("input").getJsonObject("turn_detection");
        assertThat(turnDetection.getMap()).containsOnlyKeys("type", "create_response", "interrupt_response")
                .containsEntry("type", "semantic_vad");
    }

    @Test
    void aLiveUpdateLeavesTheVoiceAlone() {
        JsonObject session = new JsonObject(SessionUpdates.build(CONFIG, null, List.of(), "gpt-realtime", false))
                .getJsonObject("session");
        assertThat(session.getJsonObject("audio").getJsonObject("output").containsKey("voice")).isFalse();
    }

    @Test
    void theCallsOwnInstructionsAndVariablesExtendTheConfigInstructions() {
        CallContext context = new CallContext("CA1", "Remind them of the appointment on {{date}}.",
                Map.of("name", "Ada", "date", "Monday"));
        String instructions = SessionUpdates.instructions(CONFIG, context);
        assertThat(instructions).startsWith("You help Ada.")
                .contains("Remind them of the appointment on Monday.")
                .contains("- name: Ada").contains("- date: Monday");
        assertThat(SessionUpdates.instructions(CONFIG, null)).isEqualTo("You help {{name}}.");
    }
}
