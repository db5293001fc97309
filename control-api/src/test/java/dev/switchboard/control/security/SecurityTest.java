package dev.switchboard.control.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.switchboard.control.support.Api.API_KEY;
import static dev.switchboard.control.support.Api.api;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SecurityTest {

    @Inject
    LogTickets tickets;

    @Test
    void apiNeedsTheBearerKey() {
        for (String path : new String[] {"/api/config", "/api/calls", "/api/calls/CA1", "/api/nothing-here"}) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                    .body("code", is("auth.required"));
            given().header("Authorization", "Bearer wrong-key").get(path).then().statusCode(401);
            given().header("Authorization", "Basic " + API_KEY).get(path).then().statusCode(401);
        }
        given().post("/api/logs/tickets").then().statusCode(401);
        api().get("/api/config").then().statusCode(200);
    }

    @Test
    void refusalsNeverEchoTheKey() {
        Response refused = given().header("Authorization", "Bearer " + API_KEY + "x").get("/api/config");

        assertThat(refused.asString()).doesNotContain(API_KEY);
    }

    @Test
    void healthMetricsAndOpenApiStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void issuesSingleUseLogTickets() {
        Response issued = api().post("/api/logs/tickets");

        issued.then().statusCode(201).body("ticket", not(nullValue()));
        Instant expiresAt = Instant.parse(issued.jsonPath().getString("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(1)));
        String ticket = issued.jsonPath().getString("ticket");
        assertThat(tickets.redeem(ticket)).isTrue();
        assertThat(tickets.redeem(ticket)).isFalse();
    }

    @Test
    void placingCallsIsRateLimitedPerClientIp() {
        String client = "203.0.113." + (System.nanoTime() % 200 + 1);
        int accepted = 0;
        Response response = null;
        while (accepted < 200) {
            response = api().header("X-Forwarded-For", client).contentType(JSON).body("{\"to\": \"bad\"}")
                    .post("/api/calls");
            if (response.statusCode() != 400) {
                break;
            }
            accepted++;
        }

        assertThat(accepted).isBetween(60, 199);
        response.then().statusCode(429).header("Retry-After", not(nullValue())).body("code", is("rate.limited"));
        api().header("X-Forwarded-For", "198.51.100.7").contentType(JSON).body("{\"to\": \"bad\"}")
                .post("/api/calls").then().statusCode(400);
        api().header("X-Forwarded-For", client).get("/api/calls").then().statusCode(200);
    }

    @Test
    void twilioWebhooksAreRateLimitedPerClientIp() {
        String client = "192.0.2." + (System.nanoTime() % 200 + 1);
        int answered = 0;
        Response response = null;
        while (answered < 400) {
            response = given().header("X-Forwarded-For", client).formParam("CallSid", "CA1")
                    .post("/twilio/status");
            if (response.statusCode() != 403) {
                break;
            }
            answered++;
        }

        assertThat(answered).isBetween(120, 399);
        response.then().statusCode(429).body("code", is("rate.limited"));
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"instructions\": \"" + "x".repeat(1_100_000) + "\", \"voice\": \"marin\"}";

        api().contentType(JSON).body(huge).put("/api/config").then().statusCode(413);
    }

    @Test
    void constantTimeCompareMatchesOnlyTheSameSecret() {
        assertThat(RequestGuards.sameSecret("abc", "abc")).isTrue();
        assertThat(RequestGuards.sameSecret("abc", "abd")).isFalse();
        assertThat(RequestGuards.sameSecret("abc", "abcd")).isFalse();
    }
}
