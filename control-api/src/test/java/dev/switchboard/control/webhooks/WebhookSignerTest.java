package dev.switchboard.control.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTest {

    @Test
    void signsTheTestVectorOfTheDocs() throws Exception {
        String docs = Files.readString(Path.of("../docs/webhooks.md"));
        String block = docs.substring(docs.indexOf("```text\nsecret:") + 8);
        Map<String, String> vector = new HashMap<>();
        for (String line : block.substring(0, block.indexOf("```")).split("\n")) {
            int colon = line.indexOf(": ");
            vector.put(line.substring(0, colon), line.substring(colon + 2));
        }

        assertThat(WebhookSigner.sign(vector.get("secret"), vector.get("webhook-id"),
                Long.parseLong(vector.get("webhook-timestamp")), vector.get("body")))
                .isEqualTo(vector.get("webhook-signature"));
    }

    @Test
    void signsTheStandardWebhooksSpecExample() {
        assertThat(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
