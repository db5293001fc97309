package dev.switchboard.control.config;

import dev.switchboard.control.support.SocketTest;
import dev.switchboard.control.support.TestSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.switchboard.control.support.Api.api;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ConfigResourceTest extends SocketTest {

    static final String VALID = """
            {"instructions": "You are the support line of Acme.", "voice": "cedar", "greeting": "Acme, hello!",
             "turnDetection": {"type": "server_vad", "threshold": 0.6, "prefixPaddingMs": 300, "silenceDurationMs": 400,
                               "createResponse": true, "interruptResponse": true},
             "transcription": {"model": "whisper-1", "language": "en"},
             "tools": [{"name": "lookup_order", "kind": "webhook", "description": "Finds an order",
                        "parameters": {"type": "object", "properties": {"orderId": {"type": "string"}},
                                       "required": ["orderId"]},
                        "url": "https://crm.example.com/tools/order", "timeoutMs": 3000, "enabled": true,
                        "idempotent": true},
                       {"name": "end_call", "kind": "builtin", "description": "Hang up"}]}""";

    @Test
    void getReturnsTheConfigWithItsVersionAsEtag() {
        Response response = api().get("/api/config");

        response.then().statusCode(200).body("voice", org.hamcrest.Matchers.notNullValue());
        long version = response.jsonPath().getLong("version");
        assertThat(response.header("ETag")).isEqualTo("\"" + version + "\"");
    }

    @Test
    void putStoresTheNextVersionAndPushesItToLinkedGateways() throws InterruptedException {
        String etag = api().get("/api/config").header("ETag");
        long before = Long.parseLong(etag.replace("\"", ""));
        try (TestSocket gateway = gateway()) {
            gateway.next();

            Response put = api().contentType(JSON).header("If-Match", etag).body(VALID).put("/api/config");

            put.then().statusCode(200).body("version", is((int) before + 1), "voice", is("cedar"),
                    "tools[0].timeoutMs", is(3000), "tools[0].parameters.required[0]", is("orderId"),
                    "tools[0].idempotent", is(true));
            assertThat(put.header("ETag")).isEqualTo("\"" + (before + 1) + "\"");
            api().get("/api/config").then().statusCode(200)
                    .body("version", is((int) before + 1), "greeting", is("Acme, hello!"),
                            "turnDetection.silenceDurationMs", is(400), "transcription.language", is("en"));
            JsonObject pushed = gateway.next();
            assertThat(pushed.getString("type")).isEqualTo("config.updated");
            assertThat(pushed.getJsonObject("data").getJsonObject("config").getLong("version")).isEqualTo(before + 1);
            assertThat(pushed.getJsonObject("data").getJsonObject("config").getString("voice")).isEqualTo("cedar");
        }
    }

    @Test
    void putIgnoresAClientSuppliedVersion() {
        long before = api().get("/api/config").jsonPath().getLong("version");

        api().contentType(JSON).body(VALID.replaceFirst("\\{", "{\"version\": 999,")).put("/api/config")
                .then().statusCode(200).body("version", is((int) before + 1));
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        String etag = api().get("/api/config").header("ETag");
        api().contentType(JSON).header("If-Match", etag).body(VALID).put("/api/config").then().statusCode(200);
        String current = api().get("/api/config").header("ETag");

        api().contentType(JSON).header("If-Match", etag).body(VALID.replace("cedar", "ash")).put("/api/config")
                .then().statusCode(412).body("code", is("config.stale"));

        api().get("/api/config").then().header("ETag", is(current)).body("voice", is("cedar"));
    }

    @Test
    void unknownVoiceIsRefusedNamingTheField() {
        api().contentType(JSON).body(VALID.replace("cedar", "robot")).put("/api/config")
                .then().statusCode(400).body("code", is("config.invalid"), "field", is("voice"),
                        "message", containsString("marin"));
    }

    @Test
    void malformedToolSchemaIsRefusedNamingTheField() {
        api().contentType(JSON).body(VALID.replace("\"type\": \"object\"", "\"type\": \"banana\""))
                .put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].parameters.type"));
        api().contentType(JSON).body(VALID.replace("{\"type\": \"string\"}", "\"string\""))
                .put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].parameters.properties.orderId"));
    }

    @Test
    void absurdTimeoutIsRefusedNamingTheField() {
        api().contentType(JSON).body(VALID.replace("3000", "86400000")).put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].timeoutMs"));
        api().contentType(JSON).body(VALID.replace("3000", "0")).put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].timeoutMs"));
    }

    @Test
    void otherBrokenFieldsAreNamed() {
        api().contentType(JSON).body(VALID.replace("\"kind\": \"webhook\"", "\"kind\": \"shell\"")).put("/api/config")
                .then().statusCode(400).body("field", is("tools[0].kind"));
        api().contentType(JSON).body(VALID.replace("https://crm.example.com/tools/order", "not a url"))
                .put("/api/config").then().statusCode(400).body("field", is("tools[0].url"));
        api().contentType(JSON).body(VALID.replace("0.6", "7")).put("/api/config")
                .then().statusCode(400).body("field", is("turnDetection.threshold"));
        api().contentType(JSON).body(VALID.replace("\"language\": \"en\"", "\"language\": \"english\""))
                .put("/api/config").then().statusCode(400).body("field", is("transcription.language"));
        api().contentType(JSON).body(VALID.replace("end_call", "lookup_order")).put("/api/config")
                .then().statusCode(400).body("field", is("tools[1].name"));
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        api().contentType(JSON).body("{\"voice\": ").put("/api/config")
                .then().statusCode(400).body("status", is(400));
    }
}
