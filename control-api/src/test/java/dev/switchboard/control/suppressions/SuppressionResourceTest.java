package dev.switchboard.control.suppressions;

import dev.switchboard.control.support.FakeTwilio;
import dev.switchboard.control.support.InjectFakeTwilio;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SuppressionResourceTest {

    @InjectFakeTwilio
    FakeTwilio twilio;

    @Test
    void putAddsOnceAndAnswers200WithTheFirstRowWhenTheNumberIsAlreadyThere() {
        String number = uniqueNumber();

        api().contentType(JSON).body("{\"reason\": \"asked by letter\"}").put("/api/suppressions/{n}", number)
                .then().statusCode(201).body("number", is(number), "reason", is("asked by letter"),
                        "source", is("api"), "createdAt", notNullValue(), "callSid", nullValue());
        api().contentType(JSON).body("{\"reason\": \"again\"}").put("/api/suppressions/{n}", number)
                .then().statusCode(200).body("number", is(number), "reason", is("asked by letter"));
        api().put("/api/suppressions/{n}", number).then().statusCode(200);

        api().get("/api/suppressions/{n}", number).then().statusCode(200)
                .body("number", is(number), "source", is("api"));
        api().urlEncodingEnabled(false).get("/api/suppressions/" + number.replace("+", "%2B")).then().statusCode(200)
                .body("number", is(number));
    }

    @Test
    void putWithoutABodyAddsTheNumberWithoutAReason() {
        String number = uniqueNumber();
        api().put("/api/suppressions/{n}", number).then().statusCode(201).body("reason", nullValue());
    }

    @Test
    void deleteTakesTheNumberOffTheListAnd404sWhenItIsNotThere() {
        String number = uniqueNumber();
        api().put("/api/suppressions/{n}", number).then().statusCode(201);

        api().delete("/api/suppressions/{n}", number).then().statusCode(204);

        api().delete("/api/suppressions/{n}", number).then().statusCode(404)
                .body("code", is("suppression_not_found"), "status", is(404));
        api().get("/api/suppressions/{n}", number).then().statusCode(404).body("code", is("suppression_not_found"));
    }

    @Test
    void refusesNumbersThatAreNotE164() {
        for (String bad : new String[] {"14155550123", "+0415555012", "+1415555012345678", "not-a-number"}) {
            api().put("/api/suppressions/{n}", bad).then().statusCode(400)
                    .body("code", is("request.invalid"), "field", is("number"));
        }
        api().contentType(JSON).body("{\"reason\": \"%s\"}".formatted("x".repeat(501)))
                .put("/api/suppressions/{n}", uniqueNumber()).then().statusCode(400).body("field", is("reason"));
    }

    @Test
    void listsNewestFirstInPages() {
        String older = uniqueNumber();
        String newer = uniqueNumber();
        api().put("/api/suppressions/{n}", older).then().statusCode(201);
        api().put("/api/suppressions/{n}", newer).then().statusCode(201);

        api().queryParam("size", 2).get("/api/suppressions").then().statusCode(200)
                .body("items", hasSize(2), "items[0].number", is(newer), "items[1].number", is(older),
                        "page", is(0), "size", is(2), "total", greaterThanOrEqualTo(2));
        api().queryParam("size", 1).queryParam("page", 1).get("/api/suppressions").then().statusCode(200)
                .body("items.number", contains(older));
        api().queryParam("size", 101).get("/api/suppressions").then().statusCode(400).body("field", is("size"));
    }

    @Test
    void everyEndpointNeedsTheApiKey() {
        String number = uniqueNumber();
        given().put("/api/suppressions/{n}", number).then().statusCode(401);
        given().get("/api/suppressions").then().statusCode(401);
        given().contentType(JSON).body("[\"%s\"]".formatted(number)).post("/api/suppressions/import")
                .then().statusCode(401);
        api().get("/api/suppressions/{n}", number).then().statusCode(404);
    }

    @Test
    void aSuppressedNumberIsRefusedWith403AndNeverDialed() {
        String number = uniqueNumber();
        api().put("/api/suppressions/{n}", number).then().statusCode(201);
        int before = twilio.received().size();

        api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(number)).post("/api/calls").then().statusCode(403)
                .body("code", is("number_suppressed"), "status", is(403), "message", not(containsString(number)));

        assertThat(twilio.received()).hasSize(before);
        api().queryParam("number", number).get("/api/calls").then().body("total", is(0));

        api().delete("/api/suppressions/{n}", number).then().statusCode(204);
        api().contentType(JSON).body("{\"to\": \"%s\"}".formatted(number)).post("/api/calls").then().statusCode(201);
        assertThat(twilio.received()).hasSize(before + 1);
    }

    @Test
    void aRefusalIsNotStoredUnderTheIdempotencyKeySoARetryChecksAgain() {
        String number = uniqueNumber();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\": \"%s\"}".formatted(number);
        api().put("/api/suppressions/{n}", number).then().statusCode(201);
        int before = twilio.received().size();

        api().header("Idempotency-Key", key).contentType(JSON).body(body).post("/api/calls").then().statusCode(403)
                .body("code", is("number_suppressed"));
        api().header("Idempotency-Key", key).contentType(JSON).body(body).post("/api/calls").then().statusCode(403);
        assertThat(twilio.received()).hasSize(before);

        api().delete("/api/suppressions/{n}", number).then().statusCode(204);
        api().header("Idempotency-Key", key).contentType(JSON).body(body).post("/api/calls").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertThat(twilio.received()).hasSize(before + 1);
    }

    @Test
    void aRetryOfACallPlacedBeforeTheNumberWasSuppressedReplaysTheAnswerAndDialsNothing() {
        String number = uniqueNumber();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\": \"%s\"}".formatted(number);
        int before = twilio.received().size();
        String sid = api().header("Idempotency-Key", key).contentType(JSON).body(body).post("/api/calls")
                .then().statusCode(201).extract().path("sid");
        api().put("/api/suppressions/{n}", number).then().statusCode(201);

        api().header("Idempotency-Key", key).contentType(JSON).body(body).post("/api/calls").then().statusCode(201)
                .header("Idempotent-Replayed", is("true")).body("sid", is(sid));
        api().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(JSON).body(body)
                .post("/api/calls").then().statusCode(403).body("code", is("number_suppressed"));

        assertThat(twilio.received()).hasSize(before + 1);
    }

    @Test
    void theOpenApiDocumentDescribesTheSuppressionEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/suppressions'.get", notNullValue(),
                        "paths.'/api/suppressions/{number}'.put.responses.'201'", notNullValue(),
                        "paths.'/api/suppressions/{number}'.put.responses.'200'", notNullValue(),
                        "paths.'/api/suppressions/{number}'.delete.responses.'404'", notNullValue(),
                        "paths.'/api/suppressions/import'.post.requestBody.content.'text/csv'", notNullValue(),
                        "paths.'/api/suppressions/import'.post.requestBody.content.'application/json'", notNullValue(),
                        "paths.'/api/calls'.post.responses.'403'", notNullValue());
    }
}
