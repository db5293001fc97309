package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a call's Realtime conversation as the link carries it ({@code conversation.item}, docs/protocol.md):
 * {@code itemType} is {@code message} (with {@code role} user or assistant and its {@code text}),
 * {@code function_call} ({@code name}, {@code callId}, {@code arguments}) or {@code function_call_output}
 * ({@code callId}, {@code output}). {@code index} orders the items of one call; an assistant message is sent
 * {@code in_progress} when the agent starts saying it and again {@code completed} under the same index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationItem(long index, String itemType, String role, String status, String text, String name,
                               String callId, String arguments, String output) {

    public static final String MESSAGE = "message";
    public static final String FUNCTION_CALL = "function_call";
    public static final String FUNCTION_CALL_OUTPUT = "function_call_output";
    public static final String COMPLETED = "completed";
    public static final String IN_PROGRESS = "in_progress";

    public static ConversationItem message(long index, String role, String status, String text) {
        return new ConversationItem(index, MESSAGE, role, status, text, null, null, null, null);
    }

    public static ConversationItem functionCall(long index, String name, String callId, String arguments) {
        return new ConversationItem(index, FUNCTION_CALL, null, COMPLETED, null, name, callId, arguments, null);
    }

    public static ConversationItem functionCallOutput(long index, String callId, String output) {
        return new ConversationItem(index, FUNCTION_CALL_OUTPUT, null, COMPLETED, null, null, callId, null, output);
    }

    /** True for an assistant message the agent was still saying when the item was last reported. */
    public boolean cutShort() {
        return MESSAGE.equals(itemType) && "assistant".equals(role) && !COMPLETED.equals(status);
    }

    /** The item as a link frame's {@code data}. */
    public Map<String, Object> toLink() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("index", index);
        data.put("itemType", itemType);
        put(data, "role", role);
        put(data, "status", status);
        put(data, "text", text);
        put(data, "name", name);
        put(data, "callId", callId);
        put(data, "arguments", arguments);
        put(data, "output", output);
        return data;
    }

    /** The item a link frame's {@code data} describes; null when it has no index or type. */
    public static ConversationItem fromLink(Map<String, Object> data) {
        if (data == null || !(data.get("index") instanceof Number index) || !(data.get("itemType") instanceof String t)) {
            return null;
        }
        return new ConversationItem(index.longValue(), t, text(data, "role"), text(data, "status"),
                text(data, "text"), text(data, "name"), text(data, "callId"), text(data, "arguments"),
                text(data, "output"));
    }

    private static void put(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String text(Map<String, Object> data, String key) {
        return data.get(key) instanceof String value ? value : null;
    }
}
