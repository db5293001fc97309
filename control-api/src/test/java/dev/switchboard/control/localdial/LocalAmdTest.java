package dev.switchboard.control.localdial;

import dev.switchboard.control.support.LocalRecordingMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** Local mode end to end: the local dialer's AMD callbacks reach this control-api's /twilio/amd and are stored. */
@QuarkusTest
@TestProfile(LocalRecordingMode.class)
class LocalAmdTest {

    @Test
    void theLocalAnsweringMachineIsReportedAtItsBeep() {
        String sid = place(AnsweringMachine.NUMBER);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                api().get("/api/calls/{sid}", sid).then().body("answeredBy", is("machine_end_beep")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api().get("/api/calls/{sid}", sid).then().body("status", is("completed")));
    }

    @Test
    void aPersonIsReportedAsHuman() {
        String sid = place("+14155550123");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                api().get("/api/calls/{sid}", sid).then().body("answeredBy", is("human")));
    }

    private static String place(String to) {
        return api().contentType(JSON).body("""
                {"to": "%s", "amd": {"mode": "message", "message": "Please call us back."}}""".formatted(to))
                .post("/api/calls").then().statusCode(201).body("mode", is("local")).extract().path("sid");
    }
}
