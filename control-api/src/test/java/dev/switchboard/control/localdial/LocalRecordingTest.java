package dev.switchboard.control.localdial;

import dev.switchboard.control.support.LocalRecordingMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@TestProfile(LocalRecordingMode.class)
class LocalRecordingTest {

    @Test
    void aRecordedLocalCallIsServedAsATwoChannelWavWithBothSidesHeard() {
        String sid = api().contentType(JSON).body("{\"to\": \"+14155550123\", \"record\": true}").post("/api/calls")
                .then().statusCode(201).body("mode", is("local")).extract().path("sid");

        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            answer.set(api().get("/api/calls/{sid}/recording", sid));
            return answer.get().statusCode() == 200;
        });

        assertThat(answer.get().contentType()).startsWith("audio/wav");
        ByteBuffer wav = ByteBuffer.wrap(answer.get().asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(text(wav, 0)).isEqualTo("RIFF");
        assertThat(text(wav, 8)).isEqualTo("WAVE");
        assertThat(text(wav, 12)).isEqualTo("fmt ");
        assertThat(wav.getShort(20)).isEqualTo((short) 1);
        assertThat(wav.getShort(22)).isEqualTo((short) 2);
        assertThat(wav.getInt(24)).isEqualTo(8000);
        assertThat(wav.getShort(34)).isEqualTo((short) 16);
        assertThat(text(wav, 36)).isEqualTo("data");
        int samples = wav.getInt(40) / 4;
        assertThat(wav.capacity()).isEqualTo(44 + samples * 4);
        assertThat(samples).isGreaterThan(8000 * 4);
        assertThat(loudSamples(wav, samples, 0)).as("caller channel").isGreaterThan(8000);
        assertThat(loudSamples(wav, samples, 1)).as("agent channel").isGreaterThan(2000);
        api().get("/api/calls/{sid}", sid).then().statusCode(200).body("status", is("completed"));
    }

    private static String text(ByteBuffer wav, int offset) {
        byte[] bytes = new byte[4];
        wav.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static int loudSamples(ByteBuffer wav, int samples, int channel) {
        int loud = 0;
        for (int i = 0; i < samples; i++) {
            if (Math.abs(wav.getShort(44 + i * 4 + channel * 2)) > 1000) {
                loud++;
            }
        }
        return loud;
    }
}
