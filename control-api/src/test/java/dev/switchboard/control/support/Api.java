package dev.switchboard.control.support;

import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests as an authorised operator or gateway would send them (keys from the %test profile). */
public final class Api {

    public static final String API_KEY = "test-api-key";
    public static final String INTERNAL_TOKEN = "test-internal-token";
    /** The header an operator's program (or a /logs client) sends. */
    public static final Map<String, String> KEY = Map.of("Authorization", "Bearer " + API_KEY);
    /** The header a gateway's link sends. */
    public static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer " + INTERNAL_TOKEN);

    private Api() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + API_KEY);
    }

    public static RequestSpecification internal() {
        return given().header("Authorization", "Bearer " + INTERNAL_TOKEN);
    }
}
