package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.sockets.JsonBytes;
import dev.switchboard.gateway.sockets.TextMessages;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Realtime audio as bytes, both ways (OpenAI Realtime API reference: server event
 * {@code response.output_audio.delta}, beta {@code response.audio.delta}; client event
 * {@code input_audio_buffer.append}). The base64 audio is copied as it is, never decoded. One instance per socket,
 * used on its event loop: it keeps the last item and response ids, which every delta of a response repeats.
 */
final class RealtimeAudioCodec implements JsonBytes.Members {

    private static final byte[] APPEND_HEAD = ascii("{\"type\":\"input_audio_buffer.append\",\"audio\":\"");
    private static final byte[] APPEND_TAIL = ascii("\"}");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] GA_AUDIO = ascii("response.output_audio.delta");
    private static final byte[] BETA_AUDIO = ascii("response.audio.delta");
    /** The string fields read, by index. */
    private static final byte[][] FIELDS = {ascii("delta"), ascii("item_id"), ascii("response_id")};
    private static final int DELTA = 0;
    private static final int ITEM_ID = 1;
    private static final int RESPONSE_ID = 2;

    private boolean audio;
    /** Where each field's value is: from its first character (-1 when absent) to its closing quote. */
    private final int[] from = new int[FIELDS.length];
    private final int[] to = new int[FIELDS.length];
    private String lastItemId;
    private String lastResponseId;

    /** {@code input_audio_buffer.append} around base64 audio already checked to hold only base64 characters. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
    static Buffer append(String base64Audio) {
        int length = base64Audio.length();
        byte[] event = new byte[APPEND_HEAD.length + length + APPEND_TAIL.length];
        System.arraycopy(APPEND_HEAD, 0, event, 0, APPEND_HEAD.length);
        base64Audio.getBytes(0, length, event, APPEND_HEAD.length);
        System.arraycopy(APPEND_TAIL, 0, event, APPEND_HEAD.length + length, APPEND_TAIL.length);
        return TextMessages.wrap(event);
    }

    /**
     * The audio delta in this event when it is one in the plain shape (ids and audio as strings without escapes,
     * each field once); null for any other event, and for anything unusual: then the event is read as a whole.
     */
    AudioDelta read(Buffer event) {
        ByteBuf buf = event.getByteBuf();
        byte[] bytes = buf.hasArray() ? buf.array() : event.getBytes();
        int start = buf.hasArray() ? buf.arrayOffset() + buf.readerIndex() : 0;
        audio = false;
        Arrays.fill(from, -1);
        if (!JsonBytes.wholeObject(bytes, start, start + event.length(), this) || !audio || from[DELTA] < 0) {
            return null;
        }
        String delta = new String(bytes, from[DELTA], to[DELTA] - from[DELTA], StandardCharsets.ISO_8859_1);
        String itemId = from[ITEM_ID] < 0 ? null : (lastItemId = reuse(lastItemId, bytes, ITEM_ID));
        String responseId = from[RESPONSE_ID] < 0 ? null : (lastResponseId = reuse(lastResponseId, bytes, RESPONSE_ID));
        return new AudioDelta(responseId, itemId, delta);
    }

    @Override
    public int member(byte[] bytes, int keyFrom, int keyTo, int valueAt, int end) {
        if (JsonBytes.is(bytes, keyFrom, keyTo, TYPE)) {
            int close = JsonBytes.plainString(bytes, valueAt, end);
            // Not an audio delta: stop here, the whole event is read anyway.
            if (audio || close < 0 || !(JsonBytes.is(bytes, valueAt + 1, close, GA_AUDIO)
                    || JsonBytes.is(bytes, valueAt + 1, close, BETA_AUDIO))) {
                return JsonBytes.NOT_PLAIN;
            }
            audio = true;
            return close + 1;
        }
        for (int field = 0; field < FIELDS.length; field++) {
            if (JsonBytes.is(bytes, keyFrom, keyTo, FIELDS[field])) {
                int close = JsonBytes.plainString(bytes, valueAt, end);
                if (from[field] >= 0 || close < 0) {   // twice, or not a plain string
                    return JsonBytes.NOT_PLAIN;
                }
                from[field] = valueAt + 1;
                to[field] = close;
                return close + 1;
            }
        }
        return JsonBytes.skipValue(bytes, valueAt, end);
    }

    /** The last id again when the bytes spell it (ASCII only, as plain strings are), else a new one. */
    private String reuse(String last, byte[] bytes, int field) {
        int length = to[field] - from[field];
        if (last != null && last.length() == length) {
            boolean same = true;
            for (int i = 0; same && i < length; i++) {
                same = last.charAt(i) == bytes[from[field] + i];
            }
            if (same) {
                return last;
            }
        }
        return new String(bytes, from[field], length, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
