package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.media.AudioCut;
import dev.switchboard.gateway.media.TwilioLeg;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.realtime.SessionUpdates;
import dev.switchboard.gateway.sockets.Base64Text;
import io.quarkus.logging.Log;

/**
 * The agent's voice on the caller's line: plays its audio while the call converses, cuts it where the caller stopped
 * hearing it when they start to talk (and tells the agent so), and silences it at once for a transfer. It also
 * times each turn, from the caller falling silent to the agent's first audio.
 */
final class AgentVoice {

    private final String callSid;
    private final CallLifecycle lifecycle;
    private final TwilioLeg twilio;
    private final AgentChannel agent;
    private final Farewell farewell;
    private final GatewayMetrics metrics;
    private final CallEventPublisher publish;
    private final CallQuality quality;
    private final Runnable unplayedAudioDropped = this::unplayedAudioDropped;
    private long speechStoppedAt;
    private boolean callerSpeaking;

    AgentVoice(String callSid, CallLifecycle lifecycle, TwilioLeg twilio, AgentChannel agent, Farewell farewell,
               GatewayMetrics metrics, CallEventPublisher publish, CallQuality quality) {
        this.callSid = callSid;
        this.lifecycle = lifecycle;
        this.twilio = twilio;
        this.agent = agent;
        this.farewell = farewell;
        this.metrics = metrics;
        this.publish = publish;
        this.quality = quality;
    }

    /** Agent audio to the caller; the Twilio leg marks it so Twilio tells when it has played. */
    void play(String responseId, String itemId, String delta) {
        if (!lifecycle.conversing() || itemId == null || twilio.wasCut(responseId, itemId)) {
            return;
        }
        if (!Base64Text.valid(delta)) {
            Log.warn("dropped an agent audio delta that is not base64");
            return;
        }
        twilio.play(responseId, itemId, delta, Base64Text.decodedBytes(delta), unplayedAudioDropped);
        metrics.frameOut();
        quality.agentAudioSent();
        if (speechStoppedAt != 0) {
            long latency = System.nanoTime() - speechStoppedAt;
            speechStoppedAt = 0;
            quality.turn(latency);
        }
    }

    /** The caller started talking: stop the agent's audio where the caller stopped hearing it. */
    void callerStarted() {
        long heardAt = System.nanoTime();
        callerSpeaking = true;
        if (lifecycle.over()) {
            return;
        }
        AudioCut cut = twilio.interrupt();
        if (cut == null) {
            return;
        }
        quality.bargeIn(System.nanoTime() - heardAt);
        // Without the server's own interruption the response is still generating: stop it before cutting its item.
        if (!SessionUpdates.interruptsOnSpeech(agent.config())) {
            agent.cancelResponse();
        }
        agent.truncate(cut);
        metrics.bargeIn();
        publish.interrupted(cut.itemId(), cut.audioEndMs());
        Log.debugf("barge-in: agent audio cut at %d ms", cut.audioEndMs());
        farewell.check();
    }

    void callerStopped() {
        callerSpeaking = false;
        speechStoppedAt = System.nanoTime();
    }

    boolean callerSpeaking() {
        return callerSpeaking;
    }

    /**
     * Stops the agent mid-word: Twilio drops what it has buffered, the model's response is cancelled and its item cut
     * where the caller stopped hearing it (if the transfer fails, the model knows what was not said).
     */
    void silence() {
        AudioCut cut = twilio.clear();
        agent.cancelResponse();
        if (cut != null) {
            agent.truncate(cut);
        }
    }

    /** Agent audio that never reached Twilio no longer holds up a farewell. */
    private void unplayedAudioDropped() {
        if (!lifecycle.over()) {
            farewell.check();
        }
    }
}
