package dev.switchboard.gateway.drain;

import dev.switchboard.gateway.support.Audio;
import dev.switchboard.gateway.support.FakeRealtime;
import dev.switchboard.gateway.support.FakeRealtimeServer;
import dev.switchboard.gateway.support.FakeRealtimeSession;
import dev.switchboard.gateway.support.FakeTwilioCall;
import dev.switchboard.gateway.support.TwilioSigner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM against the packaged gateway (a real process: the JVM jar, or the native runner in the native build),
 * with a fake OpenAI Realtime server and a fake Twilio media client over real sockets.
 */
class GracefulDrainProcessIT {

    private final FakeRealtimeServer realtimeServer = new FakeRealtimeServer();
    private FakeRealtime openai;
    private Map<String, String> realtimeConfig;
    private Process gateway;
    private Path log;

    @BeforeEach
    void startFakeRealtime() {
        realtimeConfig = realtimeServer.start();
        realtimeServer.inject(new TestInjector() {
            @Override
            public void injectIntoFields(Object fieldValue, java.util.function.Predicate<java.lang.reflect.Field> predicate) {
                if (fieldValue instanceof FakeRealtime fake) {
                    openai = fake;
                }
            }
        });
    }

    @AfterEach
    void stopAll() throws IOException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
        }
        realtimeServer.stop();
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aLiveCallFinishesAfterSigtermWhileNewCallsAreRefusedThenTheProcessExits() throws Exception {
        start("30s");
        FakeTwilioCall twilio = FakeTwilioCall.dial("CA_drain_1");
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        session.await("response.create");

        gateway.toHandle().destroy();

        await().atMost(Duration.ofSeconds(5)).until(() -> readinessStatus() == 503);
        JsonObject health = new JsonObject(given().get("/q/health/ready").then().extract().body().asString());
        assertThat(health.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(check -> "calls".equals(check.getString("name"))).findFirst().orElseThrow()
                .getJsonObject("data").getBoolean("draining")).isTrue();
        assertThat(twimlStatus("CA_drain_new")).as("new calls go to the number's fallback URL").isEqualTo(503);

        twilio.media(Audio.frame(41));
        assertThat(session.await("input_audio_buffer.append").getString("audio")).isEqualTo(Audio.frame(41));
        session.audioDelta("resp_1", "item_1", Audio.frame(42, 100));
        assertThat(twilio.await("media").getJsonObject("media").getString("payload")).isEqualTo(Audio.frame(42, 100));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> gateway.isAlive());

        twilio.stop();
        // Promptly: no fixed wait after the drain (a shutdown timeout once added 5 s to every stop).
        assertThat(gateway.waitFor(4, TimeUnit.SECONDS)).as("the process exits once the last call ended").isTrue();
        assertThat(gatewayLog()).contains("drained: no live calls").doesNotContain("Timed out waiting");
        twilio.close();
    }

    @Test
    void inMoveModeALiveCallsStreamIsClosedWithoutAGoodbyeAndTheProcessExitsWithinTheDeadline() throws Exception {
        start("30s", "move");
        FakeTwilioCall twilio = FakeTwilioCall.dial("CA_drain_move");
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        session.await("response.create");

        long sigterm = System.nanoTime();
        gateway.toHandle().destroy();

        await().atMost(Duration.ofSeconds(4)).until(twilio::isClosed);
        assertThat(twilio.closeCode()).isEqualTo(1000);
        assertThat(twilio.received("clear")).as("no goodbye").isEmpty();
        assertThat(gateway.waitFor(5, TimeUnit.SECONDS)).as("the process exits once its calls moved").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).isLessThan(Duration.ofSeconds(5));
        assertThat(gatewayLog()).contains("1 call(s) moved");
        twilio.close();
    }

    @Test
    void callsStillLiveAtTheDeadlineHearAGoodbyeAndEndThenTheProcessExits() throws Exception {
        start("2s");
        FakeTwilioCall twilio = FakeTwilioCall.dial("CA_drain_2");
        FakeRealtimeSession session = openai.nextSession();
        session.await("session.update");
        session.await("response.create");

        gateway.toHandle().destroy();
        await().atMost(Duration.ofSeconds(5)).until(() -> readinessStatus() == 503);
        twilio.await("clear");
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        while (true) {
            JsonObject frame = twilio.awaitAny("media", "mark");
            if ("mark".equals(frame.getString("event"))) {
                assertThat(frame.getJsonObject("mark").getString("name")).isEqualTo("switchboard-goodbye");
                break;
            }
            heard.write(Base64.getDecoder().decode(frame.getJsonObject("media").getString("payload")));
        }
        assertThat(heard.toByteArray()).isEqualTo(Files.readAllBytes(Path.of("target/classes/clips/shutdown-goodbye.ulaw")));
        await().atMost(Duration.ofSeconds(5)).until(twilio::isClosed);
        assertThat(twilio.closeCode()).isEqualTo(1001);
        assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).as("the process exits once the last call ended").isTrue();
        assertThat(session.isClosed()).isTrue();
    }

    private void start(String drainTimeout) throws Exception {
        start(drainTimeout, "goodbye");
    }

    private void start(String drainTimeout, String drainMode) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        // What this build packaged (the root pom sets it; -Dnative → native), never a leftover of an earlier build.
        boolean nativeBuild = "native".equals(System.getProperty("switchboard.package-type"));
        if (nativeBuild) {
            command.add(System.getProperty("native.image.path"));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        Map<String, String> properties = new java.util.LinkedHashMap<>(realtimeConfig);
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("gateway.public-url", TwilioSigner.PUBLIC_BASE);
        properties.put("gateway.twilio.auth-token", TwilioSigner.TOKEN);
        properties.put("gateway.twilio.stream-secret", "process-test-stream-secret");
        properties.put("gateway.limits.drain-timeout", drainTimeout);
        properties.put("gateway.resume.drain-mode", drainMode);
        properties.put("gateway.resume.move-deadline", "3s");
        properties.put("gateway.control.url", "");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!nativeBuild) {
            command.add("-jar");
            command.add("target/quarkus-app/quarkus-run.jar");
        }
        log = Files.createTempFile("gateway-drain", ".log");
        gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RestAssured.port = port;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(gateway.isAlive()).as("gateway process alive; log: %s", gatewayLogQuietly()).isTrue();
            return readinessStatus() == 200;
        });
    }

    private int readinessStatus() {
        try {
            return given().get("/q/health/ready").then().extract().statusCode();
        } catch (Exception e) {
            // Not listening yet, or no longer: RestAssured rethrows the checked ConnectException.
            return -1;
        }
    }

    private static int twimlStatus(String callSid) {
        Map<String, String> form = Map.of("CallSid", callSid, "From", "+15005550006", "To", "+15005550001",
                "Direction", "inbound", "AccountSid", "AC00000000000000000000000000000000");
        return given().formParams(form)
                .header("X-Twilio-Signature", TwilioSigner.sign(TwilioSigner.PUBLIC_BASE + "/twiml", form))
                .post("/twiml").then().extract().statusCode();
    }

    private String gatewayLog() throws IOException {
        return Files.readString(log);
    }

    private String gatewayLogQuietly() {
        try {
            return gatewayLog();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
