package dev.switchboard.control.support;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as an authorised operator or gateway would send them (keys from the %test profile). */
public final class Api {

    public static final String API_KEY = "test-api-key";
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private Api() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + API_KEY);
    }

    public static RequestSpecification internal() {
        return given().header("Authorization", "Bearer " + INTERNAL_TOKEN);
    }
}
