package dev.switchboard.control.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** The {@code calls.usage_json} column: a call's usage, metrics and cost as one JSON object. */
@ApplicationScoped
class UsageJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;

    UsageJson(ObjectMapper json) {
        this.json = json;
    }

    /** Null when nothing is stored (or it is unreadable: usage is informative, never worth failing a call). */
    Map<String, Object> read(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, MAP);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    String write(Map<String, Object> usage) {
        try {
            return json.writeValueAsString(usage);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("usage cannot be stored", e);
        }
    }
}
