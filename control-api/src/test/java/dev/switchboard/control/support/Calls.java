package dev.switchboard.control.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Calls for tests: fresh numbers and CallSids, and outbound calls placed through the API. */
public final class Calls {

    private Calls() {
    }

    /** A US number no other test uses, so history filters find only this test's calls. */
    public static String uniqueNumber() {
        return "+1415" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    /** A CallSid no call has yet. */
    public static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Places an outbound call to {@code to} and returns its sid. */
    public static String place(String to) {
        return api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(to)).post("/api/calls")
                .then().statusCode(201).body("sid", not(nullValue())).extract().path("sid");
    }
}
