package dev.switchboard.control.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.control.errors.InvalidInputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook bodies as flat name → value maps, exactly as sent (no trimming: it would break signatures). */
final class FormBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormBody() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    static Map<String, String> json(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            if (root != null && root.isObject()) {
                root.properties().forEach(e -> params.put(e.getKey(), e.getValue().isValueNode()
                        ? e.getValue().asText() : e.getValue().toString()));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("body", "is not valid form encoding");
        }
    }
}
