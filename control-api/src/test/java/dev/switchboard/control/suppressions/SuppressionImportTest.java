package dev.switchboard.control.suppressions;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class SuppressionImportTest {

    @Test
    void aJsonArrayIsImportedAndInvalidEntriesAreReportedWithoutFailingTheRest() {
        String first = uniqueNumber();
        String second = uniqueNumber();
        String already = uniqueNumber();
        api().put("/api/suppressions/{n}", already).then().statusCode(201);

        api().contentType(JSON).body("""
                ["%s", "0044 20 7946 0000", {"number": "%s", "reason": "complained"}, 14155550123, {"reason": "x"},
                 "%s", "%s"]""".formatted(first, second, already, first))
                .post("/api/suppressions/import").then().statusCode(200)
                .body("added", is(2), "alreadySuppressed", is(2), "invalid", is(3),
                        "errors.entry", contains(2, 4, 5), "errors[0].value", is("0044 20 7946 0000"),
                        "errors[0].message", is("number must be an E.164 number like +14155550123"),
                        "errorsTruncated", is(false));

        api().get("/api/suppressions/{n}", first).then().statusCode(200).body("source", is("import"));
        api().get("/api/suppressions/{n}", second).then().statusCode(200)
                .body("source", is("import"), "reason", is("complained"));
        api().get("/api/suppressions/{n}", already).then().statusCode(200).body("source", is("api"));
    }

    @Test
    void csvLinesAreImportedWithAnOptionalReasonAndAHeader() {
        String first = uniqueNumber();
        String second = uniqueNumber();

        api().contentType("text/csv").body("number,reason\n%s,\"moved, no longer a customer\"\n\nnot a number\n%s\n"
                        .formatted(first, second))
                .post("/api/suppressions/import").then().statusCode(200)
                .body("added", is(2), "invalid", is(1), "errors.entry", contains(4), "errors[0].value", is("not a number"));

        api().get("/api/suppressions/{n}", first).then().statusCode(200)
                .body("reason", is("moved, no longer a customer"), "source", is("import"));
        api().get("/api/suppressions/{n}", second).then().statusCode(200);
    }

    @Test
    void aLargeListIsWrittenInBatchesAndOnlyTheFirstThousandErrorsAreListed() {
        List<String> numbers = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        // One random block of 1,200 consecutive numbers: on PostgreSQL earlier runs' numbers are still stored.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String area = "+1" + random.nextInt(200, 1_000);
        int first = random.nextInt(1_000_000, 9_990_000);
        for (int i = 0; i < 1_200; i++) {
            String number = area + (first + i);
            numbers.add(number);
            csv.append(number).append('\n').append("bad-").append(i).append('\n');
        }

        api().contentType("text/csv").body(csv.toString()).post("/api/suppressions/import").then().statusCode(200)
                .body("added", is(1_200), "invalid", is(1_200), "errors", hasSize(1_000),
                        "errorsTruncated", is(true));
        api().get("/api/suppressions/{n}", numbers.getLast()).then().statusCode(200);
    }

    @Test
    void aBodyThatIsNotAJsonArrayIs400() {
        api().contentType(JSON).body("{\"numbers\": []}").post("/api/suppressions/import").then().statusCode(400)
                .body("code", is("request.invalid"), "field", is("body"));
    }
}
