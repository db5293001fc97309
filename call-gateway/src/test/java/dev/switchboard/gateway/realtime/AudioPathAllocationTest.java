package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.media.TwilioFrame;
import dev.switchboard.gateway.media.TwilioMediaCodec;
import dev.switchboard.gateway.sockets.RandomJson;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes allocated per audio message, by the byte path and by the string path it replaced (kept here as it was: the
 * message decoded to a String, read with Jackson's streaming parser, the outgoing event concatenated and encoded).
 */
class AudioPathAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String SID = "MZ0123456789abcdef0123456789abcdef";

    private final RandomJson json = new RandomJson(new Random(7), 0);
    private final String callerAudio = json.base64(160);   // 20 ms of μ-law, as Twilio sends it
    private final String agentAudio = json.base64(2400);   // 300 ms of μ-law in one delta
    private final Buffer twilioMedia = Buffer.buffer("{\"event\":\"media\",\"sequenceNumber\":\"4\","
            + "\"media\":{\"track\":\"inbound\",\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"" + callerAudio
            + "\"},\"streamSid\":\"" + SID + "\"}");
    private final Buffer realtimeDelta = Buffer.buffer("{\"type\":\"response.output_audio.delta\",\"event_id\":"
            + "\"event_CbX1\",\"response_id\":\"resp_CbX1\",\"item_id\":\"item_CbX2\",\"output_index\":0,"
            + "\"content_index\":0,\"delta\":\"" + agentAudio + "\"}");

    @Test
    void theBytePathAllocatesLessThanTheStringPath() throws IOException {
        RealtimeAudioCodec realtime = new RealtimeAudioCodec();
        TwilioMediaCodec twilio = new TwilioMediaCodec(SID);
        long callerBefore = perMessage(() -> {
            TwilioFrame frame = TwilioFrame.read(twilioMedia.toString());
            return ("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + frame.payload() + "\"}")
                    .getBytes(StandardCharsets.UTF_8).length;
        });
        long callerAfter = perMessage(() ->
                RealtimeAudioCodec.append(TwilioFrame.read(twilioMedia).payload()).length());
        long agentBefore = perMessage(() -> {
            AudioDelta delta = AudioDelta.readOrNull(realtimeDelta.toString());
            String media = "{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\""
                    + delta.delta() + "\"}}";
            String mark = "{\"event\":\"mark\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"" + delta.itemId()
                    + ":300\"}}";
            return media.getBytes(StandardCharsets.UTF_8).length + mark.getBytes(StandardCharsets.UTF_8).length;
        });
        long agentAfter = perMessage(() -> {
            AudioDelta delta = realtime.read(realtimeDelta);
            return twilio.media(delta.delta()).length() + twilio.mark(delta.itemId() + ":300").length();
        });
        System.out.printf("bytes allocated per message: Twilio media -> append %d before, %d after; "
                + "Realtime delta (%d bytes) -> media + mark %d before, %d after%n", callerBefore, callerAfter,
                realtimeDelta.length(), agentBefore, agentAfter);
        assertThat(callerAfter).isLessThan(callerBefore);
        assertThat(agentAfter).isLessThan(agentBefore / 2);
    }

    interface Path {
        int run() throws IOException;
    }

    private static long perMessage(Path path) throws IOException {
        int sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += path.run();
        }
        int n = 50_000;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += path.run();
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isNotZero();
        return allocated / n;
    }
}
