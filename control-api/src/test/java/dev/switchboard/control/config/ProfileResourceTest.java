package dev.switchboard.control.config;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.switchboard.control.support.Api.api;
import static dev.switchboard.control.support.Calls.uniqueNumber;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProfileResourceTest extends SocketTest {

    private String name;

    @BeforeEach
    void uniqueName() {
        name = "sales-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String instructions, String... numbers) {
        String list = numbers.length == 0 ? "" : "\"" + String.join("\", \"", numbers) + "\"";
        return """
                {"instructions": "%s", "voice": "cedar", "greeting": "Sales, hello!", "tools": [],
                 "numbers": [%s]}""".formatted(instructions, list);
    }

    @Test
    void createsReadsReplacesAndDeletesWithEtags() {
        String number = uniqueNumber();
        Response created = api().contentType(JSON).header("If-None-Match", "*").body(body("Sell boats.", number))
                .put("/api/profiles/{name}", name);
        created.then().statusCode(201).body("version", is(1), "profile", is(name), "numbers", contains(number));
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        api().get("/api/profiles/{name}", name).then().statusCode(200).header("ETag", is("\"1\""))
                .body("instructions", is("Sell boats."), "voice", is("cedar"));
        api().contentType(JSON).header("If-None-Match", "*").body(body("Again.")).put("/api/profiles/{name}", name)
                .then().statusCode(412).body("code", is("precondition_failed"));

        api().contentType(JSON).header("If-Match", "\"1\"").body(body("Sell yachts.", number))
                .put("/api/profiles/{name}", name).then().statusCode(200).header("ETag", is("\"2\""))
                .body("version", is(2));
        api().contentType(JSON).header("If-Match", "\"1\"").body(body("Lost update."))
                .put("/api/profiles/{name}", name).then().statusCode(412).body("code", is("precondition_failed"));
        api().get("/api/profiles").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.version", is(2),
                        "find { it.name == '" + name + "' }.numbers", contains(number),
                        "find { it.name == '" + name + "' }.updatedAt", not(is((Object) null)),
                        "name", hasItem("default"));

        api().header("If-Match", "\"1\"").delete("/api/profiles/{name}", name).then().statusCode(412)
                .body("code", is("precondition_failed"));
        api().header("If-Match", "\"2\"").delete("/api/profiles/{name}", name).then().statusCode(204);
        api().get("/api/profiles/{name}", name).then().statusCode(404).body("code", is("profile.unknown"));
        api().get("/api/profiles").then().body("name", not(hasItem(name)));
        api().contentType(JSON).header("If-None-Match", "*").body(body("Back.")).put("/api/profiles/{name}", name)
                .then().statusCode(201).body("version", is(4));
    }

    @Test
    void keepsEveryVersionAndRollsBackAsANewOne() {
        api().contentType(JSON).body(body("First.")).put("/api/profiles/{name}", name).then().statusCode(201);
        api().contentType(JSON).body(body("Second.")).put("/api/profiles/{name}", name).then().statusCode(200);

        api().get("/api/profiles/{name}/versions", name).then().statusCode(200).body("version", contains(2, 1));
        api().get("/api/profiles/{name}/versions/1", name).then().statusCode(200)
                .body("instructions", is("First."), "version", is(1));
        api().get("/api/profiles/{name}/versions/9", name).then().statusCode(404)
                .body("code", is("profile.version-unknown"));

        api().contentType(JSON).body("{\"version\": 1}").post("/api/profiles/{name}/rollback", name)
                .then().statusCode(200).header("ETag", is("\"3\"")).body("version", is(3), "instructions", is("First."));
        api().get("/api/profiles/{name}", name).then().body("instructions", is("First."), "version", is(3));
        api().contentType(JSON).header("If-Match", "\"2\"").body("{\"version\": 2}")
                .post("/api/profiles/{name}/rollback", name).then().statusCode(412);
        api().contentType(JSON).body("{}").post("/api/profiles/{name}/rollback", name).then().statusCode(400)
                .body("field", is("version"));
    }

    @Test
    void aNumberBelongsToOneProfileAtMost() {
        String number = uniqueNumber();
        String other = name + "-b";
        api().contentType(JSON).body(body("Holder.", number)).put("/api/profiles/{name}", name).then().statusCode(201);

        api().contentType(JSON).body(body("Thief.", number)).put("/api/profiles/{name}", other).then()
                .statusCode(409).body("code", is("number_in_use"), "message", containsString(name));
        api().get("/api/profiles/{name}", other).then().statusCode(404);

        api().contentType(JSON).body(body("Holder.")).put("/api/profiles/{name}", name).then().statusCode(200);
        api().contentType(JSON).body(body("Now mine.", number)).put("/api/profiles/{name}", other).then()
                .statusCode(201).body("numbers", contains(number));
        api().contentType(JSON).body("{\"version\": 1}").post("/api/profiles/{name}/rollback", name).then()
                .statusCode(409).body("code", is("number_in_use"));
    }

    @Test
    void refusesBadNamesNumbersAndConfigsAndKeepsTheDefaultProfile() {
        api().contentType(JSON).body(body("x")).put("/api/profiles/{name}", "Not_A_Slug").then().statusCode(400)
                .body("code", is("request.invalid"), "field", is("name"));
        api().contentType(JSON).body(body("x", "555-1234")).put("/api/profiles/{name}", name).then()
                .statusCode(400).body("code", is("config.invalid"), "field", is("numbers[0]"));
        String number = uniqueNumber();
        api().contentType(JSON).body(body("x", number, number)).put("/api/profiles/{name}", name).then()
                .statusCode(400).body("field", is("numbers[1]"));
        api().contentType(JSON).body(body("x").replace("cedar", "robot")).put("/api/profiles/{name}", name).then()
                .statusCode(400).body("field", is("voice"));
        api().get("/api/profiles/{name}", name).then().statusCode(404);

        api().delete("/api/profiles/default").then().statusCode(409).body("code", is("profile.default"));
        long version = api().get("/api/config").jsonPath().getLong("version");
        api().get("/api/profiles/default").then().statusCode(200).header("ETag", is("\"" + version + "\""))
                .body("profile", is("default"));
    }

    @Test
    void gatewaysGetEveryProfileOnConnectAndEachChangeAsItHappens() throws InterruptedException {
        String number = uniqueNumber();
        api().contentType(JSON).body(body("On connect.", number)).put("/api/profiles/{name}", name).then()
                .statusCode(201);
        try (TestSocket gateway = gateway()) {
            JsonObject snapshot = gateway.next();
            assertThat(snapshot.getString("type")).isEqualTo("config.snapshot");
            assertThat(snapshot.getJsonObject("data").getJsonObject("config").getString("profile")).isEqualTo("default");
            assertThat(snapshot.getJsonObject("data").getJsonArray("profiles").stream().map(JsonObject.class::cast)
                    .filter(p -> name.equals(p.getString("profile"))).findFirst().orElseThrow()
                    .getJsonArray("numbers").getString(0)).isEqualTo(number);

            api().contentType(JSON).body(body("Changed.")).put("/api/profiles/{name}", name).then().statusCode(200);
            JsonObject updated = gateway.next();
            assertThat(updated.getString("type")).isEqualTo("profile.updated");
            assertThat(updated.getJsonObject("data").getJsonObject("config").getString("instructions"))
                    .isEqualTo("Changed.");
            assertThat(updated.getJsonObject("data").getJsonObject("config").getLong("version")).isEqualTo(2);

            api().delete("/api/profiles/{name}", name).then().statusCode(204);
            JsonObject deleted = gateway.next();
            assertThat(deleted.getString("type")).isEqualTo("profile.deleted");
            assertThat(deleted.getJsonObject("data").getString("profile")).isEqualTo(name);
            assertThat(deleted.getJsonObject("data").getLong("version")).isEqualTo(3);
        }
    }
}
