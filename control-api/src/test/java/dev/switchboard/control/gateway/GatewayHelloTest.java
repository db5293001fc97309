package dev.switchboard.control.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayHelloTest {

    @Test
    void helloFixtureReadsAsGatewayHello() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> data = json.convertValue(
                json.readTree(Path.of("../docs/protocol/link-gateway.hello.json").toFile()).get("data"),
                new TypeReference<>() { });
        assertThat(GatewayHello.from(data)).isEqualTo(new GatewayHello("gateway-7f3c", 200, "openai", true));
    }

    @Test
    void fieldsAGatewayDidNotSendStayNull() {
        assertThat(GatewayHello.from(Map.of("agentMode", "remote", "capacity", "many")))
                .isEqualTo(new GatewayHello(null, null, null, null));
        assertThat(GatewayHello.from(null)).isEqualTo(GatewayHello.UNKNOWN);
    }
}
